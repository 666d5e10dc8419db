import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { REAL_FIXTURES, parseFile } from '../../testing/index.js';
import { oktaCollector } from './okta-collector.js';

const FIXTURE = join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json');
const dir = mkdtempSync(join(tmpdir(), 'okta-collector-'));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function failure(path: string): Promise<{ code: string; where?: unknown; hint?: string }> {
  try {
    await parseFile(oktaCollector, path);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

function event(uuid: string, eventType: string, published: string, email: string, extra: object = {}): object {
  return {
    uuid, published, eventType, displayMessage: eventType,
    actor: { id: '00uadmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    target: [{ id: `00u${uuid}`, type: 'User', alternateId: email, displayName: email }, ...Object.values(extra)],
    outcome: { result: 'SUCCESS', reason: null },
  };
}

describe('okta-system-log (files)', () => {
  it('reads the real System Log response: group removals become revocations', async () => {
    const records = await parseFile(oktaCollector, FIXTURE);
    // The fixture's two events share the sanitized uuid "123": one event as far as Okta is concerned.
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'access_event', system: 'okta', eventId: '123', eventType: 'group.user_membership.remove',
      action: 'revoke', at: '2021-12-13T01:47:08.556Z', account: 'test.com', actor: 'example', target: 'test1', locator: '/0',
    });
  });

  it('reads JSON Lines, citing each line', async () => {
    const lines = [
      event('e1', 'user.lifecycle.create', '2026-04-02T16:00:00.000Z', 'Ada@Example.com'),
      // As Okta writes it: the AppUser, then the AppInstance.
      event('e2', 'application.user_membership.add', '2026-04-02T17:00:00.000Z', 'ada@example.com', { appUser: { id: '0ua1', type: 'AppUser', alternateId: 'ada@example.com', displayName: 'Ada' }, app: { id: '0oa1', type: 'AppInstance', alternateId: 'AWS IAM Identity Center', displayName: 'AWS IAM Identity Center' } }),
      event('e3', 'system.org.rate_limit.warning', '2026-04-02T18:00:00.000Z', 'ada@example.com'),
      event('e4', 'user.lifecycle.deactivate', '2026-05-02T01:00:00-07:00', 'ada@example.com'),
    ];
    const records = await parseFile(oktaCollector, file('log.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n'));
    expect(records.map((r) => r.kind === 'access_event' && [r.action, r.locator, r.at])).toEqual([
      ['create', 'line 1', '2026-04-02T16:00:00.000Z'],
      ['grant', 'line 2', '2026-04-02T17:00:00.000Z'],
      // line 3 is not an access change: kept as evidence only.
      ['deactivate', 'line 4', '2026-05-02T08:00:00.000Z'],
    ]);
    expect(records[1]).toMatchObject({ email: 'ada@example.com', target: 'AWS IAM Identity Center' });
    expect(records[0]).toMatchObject({ account: 'Ada@Example.com', email: 'ada@example.com' });
  });

  it('keeps one fact when the same event (uuid) appears twice in a file', async () => {
    const e = JSON.stringify(event('dup-1', 'user.lifecycle.suspend', '2026-06-01T10:00:00Z', 'ben@example.com'));
    const records = await parseFile(oktaCollector, file('dup.jsonl', `${e}\n${e}\n`));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ eventId: 'dup-1', locator: 'line 1' });
  });

  it('accepts an empty page ([]) as an empty population', async () => {
    expect(await parseFile(oktaCollector, file('empty.json', '[]\n'))).toEqual([]);
  });

  it('refuses a truncated export (the first half of the real file)', async () => {
    const bytes = readFileSync(FIXTURE);
    const err = await failure(file('truncated.json', bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(err.code).toBe('INPUT_MALFORMED');
    expect(err.where).toMatchObject({ file: 'truncated.json' });
  });

  it('refuses a truncated JSON Lines file at the broken line', async () => {
    const e = JSON.stringify(event('t1', 'user.lifecycle.suspend', '2026-06-01T10:00:00Z', 'ben@example.com'));
    const err = await failure(file('truncated.jsonl', `${e}\n${e.slice(0, 40)}`));
    expect(err).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'truncated.jsonl', line: 2 } });
  });

  it('refuses another tool\'s export as the wrong format, naming the place', async () => {
    const err = await failure(join(REAL_FIXTURES, 'identity/google-workspace-reports-admin-activity.sentinel-sample.json'));
    expect(err.code).toBe('INPUT_WRONG_FORMAT');
    expect(err.where).toMatchObject({ pointer: '/0/uuid' });
    expect(err.hint).toMatch(/LogEvent/);
  });

  it('refuses a CSV given as a System Log', async () => {
    const err = await failure(file('people.csv', 'employeeNumber,workEmail\n1,a@example.com\n'));
    expect(err.code).toBe('INPUT_WRONG_FORMAT');
  });
});

describe('okta-system-log: app sign-ins', () => {
  const ACME_LOG = fileURLToPath(new URL('../identity/fixtures/acme/okta/okta-system-log-2026-q2.json', import.meta.url));

  it('an app sign-in is satisfied when its session verified a second factor, single-factor when the session started without one', async () => {
    const signIns = (await parseFile(oktaCollector, ACME_LOG)).filter((r) => r.kind === 'sign_in');
    expect(signIns.map((r) => r.kind === 'sign_in' && `${r.account} ${r.app} ${r.mfa}`)).toEqual([
      'alice@acme.example AWS Console satisfied', 'bob@acme.example AWS Console satisfied', 'carol@acme.example AWS Console satisfied',
      'dave@acme.example AWS Console satisfied', 'erin@acme.example AWS Console single_factor', 'gina@acme.example Staging Console single_factor',
      'breakglass@acme.example AWS Console single_factor',
    ]);
    expect(signIns[0]).toMatchObject({ system: 'okta', sso: true, interactive: true, outcome: 'success', accountId: '00u01acmexxxxxxxxxxx', locator: '/2' });
  });

  it('a session that began before the export is unknown, and a failed MFA verification does not count', async () => {
    const log: object[] = JSON.parse(readFileSync(ACME_LOG, 'utf8'));
    // Alice's session start and MFA cut off by the export window; Bob's MFA verification failed.
    const cut = log.filter((e: any) => !(e.authenticationContext.externalSessionId === '102acmeSession0001' && e.eventType !== 'user.authentication.sso'))
      .map((e: any) => (e.authenticationContext.externalSessionId === '102acmeSession0002' && e.eventType === 'user.authentication.auth_via_mfa' ? { ...e, outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } } : e));
    const signIns = (await parseFile(oktaCollector, file('cut.json', JSON.stringify(cut)))).filter((r) => r.kind === 'sign_in');
    expect(signIns.slice(0, 2).map((r) => r.kind === 'sign_in' && `${r.account} ${r.mfa}`)).toEqual(['alice@acme.example unknown', 'bob@acme.example single_factor']);
  });
});
