import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { oktaUsersCollector } from './okta-users-collector.js';

const ACME = fileURLToPath(new URL('../identity/fixtures/acme/okta/', import.meta.url));
const scratch = scratchDir('okta-users-');

describe('okta-users', () => {
  it('reads a users response as a dated roster with normalized statuses', async () => {
    const records = await parseFile(oktaUsersCollector, join(ACME, 'okta-users-2026-06-30.json'));
    expect(records).toHaveLength(10);
    expect(records[0]).toMatchObject({
      kind: 'account', system: 'okta', accountId: '00u01acmexxxxxxxxxxx', login: 'alice@acme.example', email: 'alice@acme.example',
      status: 'active', nativeStatus: 'ACTIVE', accountType: 'user', snapshotAt: '2026-06-30T23:59:59.999Z',
      createdAt: '2024-01-08T15:00:00.000Z', lastSignInAt: '2026-05-04T13:00:00.000Z', locator: '/0',
    });
    expect(records.filter((r) => r.kind === 'account' && r.status === 'deprovisioned').map((r) => r.kind === 'account' && r.nativeStatus)).toEqual(['DEPROVISIONED']);
  });

  it('reads factors: an active push factor is enrolled; a security question alone and no factor at all are not', async () => {
    const [alice] = await parseFile(oktaUsersCollector, join(ACME, 'okta-factors-00u01acmexxxxxxxxxxx-2026-06-30.json'));
    expect(alice).toMatchObject({ kind: 'account_mfa', accountId: '00u01acmexxxxxxxxxxx', enrolled: true, factors: ['push'], snapshotAt: '2026-06-30T23:59:59.999Z' });
    const [erin] = await parseFile(oktaUsersCollector, join(ACME, 'okta-factors-00u05acmexxxxxxxxxxx-2026-06-30.json'));
    expect(erin).toMatchObject({ accountId: '00u05acmexxxxxxxxxxx', enrolled: false, factors: ['question'] });
    // An empty response names its user only through the file (or page) name.
    const [none] = await parseFile(oktaUsersCollector, join(ACME, 'okta-factors-00u09acmexxxxxxxxxxx-2026-06-30.json'));
    expect(none).toMatchObject({ accountId: '00u09acmexxxxxxxxxxx', enrolled: false, factors: [] });
  });

  it('a pending factor is not enrolled; takenAt dates a file whose name has no date', async () => {
    const pending = [{ id: 'mbl1', factorType: 'sms', provider: 'OKTA', status: 'PENDING_ACTIVATION', _links: { self: { href: 'https://acme.okta.com/api/v1/users/00uPENDING0000000000/factors/mbl1' } } }];
    const [r] = await parseFile(oktaUsersCollector, scratch.file('factors.json', JSON.stringify(pending)), { takenAt: '2026-05-01T08:00:00Z' });
    expect(r).toMatchObject({ accountId: '00uPENDING0000000000', enrolled: false, factors: [], snapshotAt: '2026-05-01T08:00:00.000Z' });
  });

  it('refuses another format with a place and a hint, and a malformed user later in the file', async () => {
    const wrong = await refusal(oktaUsersCollector, join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'));
    expect(wrong).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0/id' } });
    expect(wrong.hint).toContain('/api/v1/users');
    const users = [{ id: '00u1', status: 'ACTIVE', profile: { login: 'a@x.ai' } }, { id: '00u2', status: 'ACTIVE', profile: {} }];
    expect(await refusal(oktaUsersCollector, scratch.file('bad-2026-01-01.json', JSON.stringify(users)))).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/1/profile/login' } });
    expect(oktaUsersCollector.options.safeParse({ takenAt: 'yesterday' }).error?.issues[0].message).toMatch(/date/);
  });

  it('refuses a roster that does not say when it was taken (a modification time is not evidence)', async () => {
    const err = await refusal(oktaUsersCollector, scratch.file('users.json', JSON.stringify([{ id: '00u1', status: 'ACTIVE', profile: { login: 'a@x.ai' } }])));
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'users.json' } });
    expect(err.hint).toContain('takenAt');
  });
});
