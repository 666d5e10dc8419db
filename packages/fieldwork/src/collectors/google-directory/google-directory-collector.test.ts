import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { googleDirectoryCollector } from './google-directory-collector.js';

const ACME = fileURLToPath(new URL('../identity/fixtures/acme/google/', import.meta.url));
const scratch = scratchDir('google-directory-');

describe('google-directory-users', () => {
  it('reads a users.list page: accounts and their 2-Step Verification enrolment and enforcement', async () => {
    const records = await parseFile(googleDirectoryCollector, join(ACME, 'google-directory-users-2026-06-30-page-1.json'));
    expect(records.filter((r) => r.kind === 'account')).toHaveLength(5);
    expect(records[0]).toMatchObject({ kind: 'account', system: 'google-workspace', accountId: '104857600000000000001', email: 'alice@acme.example', status: 'active', locator: '/users/0' });
    expect(records[1]).toMatchObject({ kind: 'account_mfa', enrolled: true, enforced: true, factors: ['2sv'] });
    const erin = records.filter((r) => r.kind === 'account_mfa' && r.login === 'erin@acme.example');
    expect(erin).toMatchObject([{ enrolled: false, enforced: false }]);
  });

  it('a suspended user is suspended, an archived one deprovisioned; 1970 means never signed in', async () => {
    const page = { kind: 'admin#directory#users', users: [
      { id: '1', primaryEmail: 'a@x.ai', suspended: true, archived: false, lastLoginTime: '1970-01-01T00:00:00.000Z' },
      { id: '2', primaryEmail: 'b@x.ai', suspended: false, archived: true },
    ] };
    const records = await parseFile(googleDirectoryCollector, scratch.file('u-2026-06-30.json', JSON.stringify(page)));
    expect(records.map((r) => r.kind === 'account' && r.status)).toEqual(['suspended', 'deprovisioned']);
    expect(records[0]).not.toHaveProperty('lastSignInAt');
    // Without isEnrolledIn2Sv the page says nothing about MFA.
    expect(records.some((r) => r.kind === 'account_mfa')).toBe(false);
  });

  it('accepts a last page without users; refuses a Reports API page as the wrong format', async () => {
    expect(await parseFile(googleDirectoryCollector, scratch.file('end-2026-06-30.json', '{"kind":"admin#directory#users","etag":"\\"e\\""}'))).toEqual([]);
    const err = await refusal(googleDirectoryCollector, join(REAL_FIXTURES, 'identity/google-workspace-reports-admin-activity.sentinel-sample.json'));
    expect(err).toMatchObject({ code: 'INPUT_WRONG_FORMAT' });
    expect(err.hint).toContain('users.list');
  });
});
