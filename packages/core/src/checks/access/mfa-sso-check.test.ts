import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, AccountRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { mfaSsoCheck } from './mfa-sso-check.js';

const A = 'a'.repeat(64);
let n = 0;
const ev = (email: string, action: AccessEventRecord['action'], at: string, eventType = action === 'login' ? 'user.session.start' : 'user.mfa.factor.activate'): AccessEventRecord => ({
  kind: 'access_event', source: 'okta', artifact: A, locator: `line ${++n}`, system: 'okta', eventType, action, at, account: email, email, outcome: 'SUCCESS',
});
const account = (a: Partial<AccountRecord> & { email: string }): AccountRecord => ({ kind: 'account', source: 'okta-users', artifact: A, locator: `/${++n}`, system: 'okta', accountId: `id${n}`, status: 'ACTIVE', ...a });
const ctx = (records: RecordSet): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: {}, records, asOf: '2026-09-30', workspace: {},
});
const run = (records: RecordSet) => mfaSsoCheck.run(ctx(records));

describe('access.mfa-sso', () => {
  it('passes accounts enrolled before their sign-ins, including an enrolment before the period', () => {
    const out = run({ access_event: [ev('a@x.ai', 'mfa_enroll', '2026-02-01T17:00:00Z'), ev('a@x.ai', 'login', '2026-04-02T16:00:00Z'), ev('a@x.ai', 'login', '2026-09-01T16:00:00Z')] });
    expect(out.exceptions).toEqual([]);
    expect(out.items).toHaveLength(1);
  });

  it('reports sign-ins before enrolment, and after every factor was reset', () => {
    const out = run({ access_event: [
      ev('ok@x.ai', 'mfa_enroll', '2026-01-01T00:00:00Z'),
      ev('late@x.ai', 'login', '2026-04-10T16:00:00Z'), ev('late@x.ai', 'mfa_enroll', '2026-05-01T16:00:00Z'), ev('late@x.ai', 'login', '2026-05-02T16:00:00Z'),
      ev('reset@x.ai', 'mfa_enroll', '2026-01-01T00:00:00Z'), ev('reset@x.ai', 'mfa_reset', '2026-06-01T16:00:00Z', 'user.mfa.factor.reset_all'), ev('reset@x.ai', 'login', '2026-06-02T16:00:00Z'),
    ] });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject} ${e.at}`)).toEqual([
      'mfa.not_enrolled late@x.ai 2026-04-10T16:00:00Z', 'mfa.not_enrolled reset@x.ai 2026-06-02T16:00:00Z',
    ]);
    expect(out.exceptions[0].detail).toContain('1 of 2 sign-ins');
  });

  it('reports an account that signs in with no enrolment at all when the log records enrolments', () => {
    const out = run({ access_event: [ev('ok@x.ai', 'mfa_enroll', '2026-01-01T00:00:00Z'), ev('ok@x.ai', 'login', '2026-05-02T16:00:00Z'), ev('never@x.ai', 'login', '2026-05-02T16:00:00Z')] });
    expect(out.exceptions.map((e) => e.subject)).toEqual(['never@x.ai']);
  });

  it('treats a first event that removes a factor as proof one was enrolled before the log began', () => {
    const out = run({ access_event: [ev('b@x.ai', 'login', '2026-04-02T16:00:00Z'), ev('b@x.ai', 'mfa_reset', '2026-05-01T16:00:00Z', 'user.mfa.factor.deactivate'), ev('b@x.ai', 'mfa_enroll', '2026-05-01T16:05:00Z')] });
    expect(out.exceptions).toEqual([]);
  });

  it('falls back to an account export and reports accounts without SSO', () => {
    const out = run({
      access_event: [ev('e@x.ai', 'login', '2026-05-02T16:00:00Z'), ev('f@x.ai', 'login', '2026-05-02T16:00:00Z')],
      account: [account({ email: 'e@x.ai', mfaEnrolled: true }), account({ email: 'f@x.ai', mfaEnrolled: false, ssoEnforced: false })],
    });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['mfa.not_enrolled f@x.ai', 'sso.not_enforced f@x.ai']);
  });

  it('is insufficient evidence when nothing records MFA', () => {
    const out = run({ access_event: [ev('e@x.ai', 'login', '2026-05-02T16:00:00Z')] });
    expect(out.status).toBe('insufficient_evidence');
    expect(out.exceptions).toEqual([]);
  });
});

describe('access.mfa-sso: a renamed account', () => {
  it('keeps the factor enrolled under the old login (same IdP account id); another account\'s factor does not count', () => {
    const enrolled = { ...ev('jo.old@x.ai', 'mfa_enroll', '2026-02-01T17:00:00Z'), accountId: '00u1' };
    const login = { ...ev('jo.new@x.ai', 'login', '2026-05-02T16:00:00Z'), accountId: '00u1' };
    expect(run({ access_event: [enrolled, login] }).exceptions).toEqual([]);
    expect(run({ access_event: [{ ...enrolled, accountId: '00u2' }, login] }).exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['mfa.not_enrolled jo.new@x.ai']);
  });
});
