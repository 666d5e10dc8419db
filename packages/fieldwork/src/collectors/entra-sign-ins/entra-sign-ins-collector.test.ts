import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { entraSignInsCollector } from './entra-sign-ins-collector.js';

const ACME = fileURLToPath(new URL('../identity/fixtures/acme/entra/', import.meta.url));
const scratch = scratchDir('entra-sign-ins-');

describe('entra-sign-ins', () => {
  it('reads a Graph sign-in page: the authentication requirement is the MFA answer; a service principal is software', async () => {
    const records = await parseFile(entraSignInsCollector, join(ACME, 'entra-sign-ins-2026-q2.json'));
    expect(records.map((r) => r.kind === 'sign_in' && `${r.account} ${r.app} ${r.mfa} ${r.accountType} ${r.conditionalAccess ?? '-'}`)).toEqual([
      'alice@acme.example AWS Console satisfied user success',
      'bob@acme.example AWS Console satisfied user success',
      'carol@acme.example AWS Console satisfied user success',
      'dave@acme.example AWS Console satisfied user success',
      'erin@acme.example AWS Console single_factor user not_applied',
      'gina@acme.example Staging Console single_factor user not_applied',
      'breakglass@acme.example AWS Console single_factor user not_applied',
      'acme-ci-deployer acme-ci-deployer single_factor service not_applied',
    ]);
    expect(records[0]).toMatchObject({ system: 'entra', outcome: 'success', interactive: true, sso: true, method: 'multiFactorAuthentication', locator: '/value/0' });
    expect(records[7]).toMatchObject({ interactive: false });
  });

  it('reads the Azure diagnostic export (one record per line, the sign-in in properties) and v1.0 sign-ins without a requirement', async () => {
    const diag = (id: string, props: object, category = 'SignInLogs') => JSON.stringify({ time: '2026-05-02T10:00:00.0000000Z', resourceId: '/tenants/t/providers/Microsoft.aadiam', operationName: 'Sign-in activity', category, properties: { id, ...props } });
    const lines = [
      diag('d1', { userPrincipalName: 'ann@x.ai', appDisplayName: 'AWS Console', isInteractive: true, authenticationRequirement: 'singleFactorAuthentication', status: { errorCode: 0 } }),
      diag('d2', { userPrincipalName: 'ann@x.ai', appDisplayName: 'AWS Console', isInteractive: false, status: { errorCode: 0 } }, 'NonInteractiveUserSignInLogs'),
      diag('d3', { userPrincipalName: 'ann@x.ai', appDisplayName: 'AWS Console', status: { errorCode: 50126, failureReason: 'Invalid username or password.' } }),
      diag('d4', { createdDateTime: '2026-05-02T11:00:00Z', userPrincipalName: 'bo@x.ai', appDisplayName: 'Office 365', status: { errorCode: 0, additionalDetails: 'MFA completed in Azure AD' } }),
    ];
    const records = await parseFile(entraSignInsCollector, scratch.file('signins.jsonl', lines.join('\n')));
    expect(records.map((r) => r.kind === 'sign_in' && `${r.eventId} ${r.mfa} ${r.outcome} interactive=${r.interactive}`)).toEqual([
      'd1 single_factor success interactive=true', 'd2 unknown success interactive=false', 'd3 unknown failure interactive=true', 'd4 satisfied success interactive=true',
    ]);
    expect(records[0]).toMatchObject({ at: '2026-05-02T10:00:00.000Z', locator: 'line 1#/properties' });
  });

  it('refuses a users page as the wrong format', async () => {
    const err = await refusal(entraSignInsCollector, join(ACME, 'entra-users-2026-06-30-page-1.json'));
    expect(err).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/value/0/status' } });
  });
});
