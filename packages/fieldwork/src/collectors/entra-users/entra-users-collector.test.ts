import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { entraUsersCollector } from './entra-users-collector.js';

const ACME = fileURLToPath(new URL('../identity/fixtures/acme/entra/', import.meta.url));
const scratch = scratchDir('entra-users-');

describe('entra-users', () => {
  it('reads a Graph users page: accountEnabled false cannot sign in, signInActivity is the last sign-in', async () => {
    const records = await parseFile(entraUsersCollector, join(ACME, 'entra-users-2026-06-30-page-2.json'));
    expect(records.map((r) => r.kind === 'account' && `${r.login} ${r.status}`)).toEqual([
      'frank@acme.example active', 'gina@acme.example active', 'ivan@acme.example suspended', 'breakglass@acme.example active', 'svc-deploy@acme.example active',
    ]);
    expect(records[1]).toMatchObject({ system: 'entra', accountType: 'user', lastSignInAt: '2026-05-07T13:00:00.000Z', snapshotAt: '2026-06-30T23:59:59.999Z', locator: '/value/1' });
    expect(records[0]).not.toHaveProperty('lastSignInAt');
  });

  it('reads the registration report as MFA registrations with the methods registered', async () => {
    const records = await parseFile(entraUsersCollector, join(ACME, 'entra-registration-details-2026-06-30.json'));
    expect(records).toHaveLength(10);
    expect(records[0]).toMatchObject({ kind: 'account_mfa', system: 'entra', login: 'alice@acme.example', enrolled: true, factors: ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'] });
    expect(records.filter((r) => r.kind === 'account_mfa' && !r.enrolled).map((r) => r.kind === 'account_mfa' && r.login)).toEqual(['erin@acme.example', 'breakglass@acme.example', 'svc-deploy@acme.example']);
  });

  it('a guest (#EXT#) is a guest account with its mail as email', async () => {
    const page = { value: [{ id: 'g1', userPrincipalName: 'pat_partner.example#EXT#@acme.onmicrosoft.com', mail: 'pat@partner.example', accountEnabled: true, userType: 'Guest' }] };
    const [r] = await parseFile(entraUsersCollector, scratch.file('guests-2026-06-30.json', JSON.stringify(page)));
    expect(r).toMatchObject({ accountType: 'guest', email: 'pat@partner.example' });
  });

  it('refuses a directory audit page as the wrong format, naming the field', async () => {
    const err = await refusal(entraUsersCollector, fileURLToPath(new URL('../entra/fixtures/graph-directory-audits.json', import.meta.url)));
    expect(err).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/value/0/userPrincipalName' } });
  });
});
