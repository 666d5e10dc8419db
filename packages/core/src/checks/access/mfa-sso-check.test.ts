import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, AccountMfaRecord, AccountRecord, RecordSet, SignInRecord } from '../../records/index.js';
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
const run = (records: RecordSet, workspace: Record<string, unknown> = {}) => mfaSsoCheck.run({ ...ctx(records), workspace });
const rules = (records: RecordSet, workspace: Record<string, unknown> = {}) => run(records, workspace).exceptions.map((e) => `${e.rule} ${e.subject}`);
const TAKEN = '2026-09-30T12:00:00.000Z';
const rosterRow = (email: string, a: Partial<AccountRecord> = {}): AccountRecord => ({ kind: 'account', source: 'entra-users', artifact: A, locator: `/value/${++n}`, system: 'entra', accountId: `oid-${email}`, login: email, email, status: 'active', accountType: 'user', snapshotAt: TAKEN, ...a });
const reg = (email: string, enrolled: boolean, snapshotAt = TAKEN): AccountMfaRecord => ({ kind: 'account_mfa', source: 'entra-users', artifact: A, locator: `/value/${++n}`, system: 'entra', accountId: `oid-${email}`, login: email, snapshotAt, enrolled, factors: enrolled ? ['microsoftAuthenticatorPush'] : [] });
const signIn = (email: string, mfa: SignInRecord['mfa'], s: Partial<SignInRecord> = {}): SignInRecord => ({
  kind: 'sign_in', source: 'entra-sign-ins', artifact: A, locator: `/value/${++n}`, system: 'entra', eventId: `si-${n}`, at: '2026-06-02T16:00:00.000Z', account: email, email,
  accountType: 'user', app: 'AWS Console', outcome: 'success', interactive: true, mfa, sso: true, ...s,
});

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

describe('access.mfa-sso: account rosters', () => {
  it('reports an active account without a second factor; the enrolled, disabled and break-glass accounts are the look-alikes', () => {
    const records = {
      account: [rosterRow('ok@x.ai'), rosterRow('nomfa@x.ai'), rosterRow('off@x.ai', { status: 'suspended' }), rosterRow('glass@x.ai'), rosterRow('guest@other.ai', { accountType: 'guest' })],
      account_mfa: [reg('ok@x.ai', true), reg('nomfa@x.ai', false), reg('off@x.ai', false), reg('glass@x.ai', false), reg('guest@other.ai', false)],
    };
    expect(rules(records, { identity: { breakGlassAccounts: ['glass@x.ai'] } })).toEqual(['mfa.not_enrolled nomfa@x.ai']);
    expect(rules(records)).toEqual(['mfa.not_enrolled nomfa@x.ai', 'mfa.not_enrolled glass@x.ai']);
  });

  it('judges each sign-in by the registration as of that sign-in', () => {
    const login = ev('late@x.ai', 'login', '2026-05-02T16:00:00Z');
    const before = reg('late@x.ai', false, '2026-05-01T00:00:00.000Z');
    const after = reg('late@x.ai', true, '2026-05-10T00:00:00.000Z');
    expect(rules({ access_event: [login], account: [rosterRow('late@x.ai', { snapshotAt: '2026-05-10T00:00:00.000Z' })], account_mfa: [before, after] })).toEqual(['mfa.not_enrolled late@x.ai']);
    expect(rules({ access_event: [login], account: [rosterRow('late@x.ai', { snapshotAt: '2026-05-10T00:00:00.000Z' })], account_mfa: [{ ...before, enrolled: true }, after] })).toEqual([]);
  });

  it('an account the rosters do not describe is counted as unknown, not reported', () => {
    const out = run({ account: [rosterRow('a@x.ai'), rosterRow('b@x.ai')], account_mfa: [reg('a@x.ai', true)], access_event: [ev('c@x.ai', 'login', '2026-05-02T16:00:00Z')] });
    expect(out.exceptions).toEqual([]);
    expect(out.notes?.join(' ')).toContain('1 active account(s) in the roster have no MFA registration');
  });
});

describe('access.mfa-sso: sign-in logs', () => {
  it('reports an interactive single-factor sign-in to a production app', () => {
    const out = run({ sign_in: [signIn('weak@x.ai', 'single_factor', { method: 'singleFactorAuthentication' }), signIn('strong@x.ai', 'satisfied')] });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['mfa.single_factor_sign_in weak@x.ai']);
    expect(out.exceptions[0].detail).toContain('AWS Console');
    expect(out.status).toBeUndefined();
    // The compliant sign-in is in the population too, for the auditor to sample: one unit per account.
    expect(out.items.map((i) => i.subject)).toEqual(['weak@x.ai', 'strong@x.ai']);
    expect(out.exceptions[0].itemId).toBe('weak@x.ai');
  });

  it('counts an account once however many sources show it: its log sign-ins, its roster row and its sign-in log entries', () => {
    const out = run({
      access_event: [ev('a@x.ai', 'mfa_enroll', '2026-02-01T17:00:00Z'), ev('a@x.ai', 'login', '2026-04-02T16:00:00Z')],
      account: [rosterRow('a@x.ai'), rosterRow('b@x.ai')], account_mfa: [reg('a@x.ai', true), reg('b@x.ai', true)],
      sign_in: [signIn('a@x.ai', 'satisfied'), signIn('a@x.ai', 'satisfied', { at: '2026-06-03T16:00:00.000Z' }), signIn('b@x.ai', 'single_factor')],
    });
    expect(out.items.map((i) => i.id).sort()).toEqual(['a@x.ai', 'b@x.ai']);
    expect(out.items.find((i) => i.id === 'a@x.ai')!.trace.map((t) => t.label)).toEqual(['sign-ins in period', 'MFA factor enrolled', 'account roster', 'MFA registration', 'entra sign-in']);
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject} ${e.itemId}`)).toEqual(['mfa.single_factor_sign_in b@x.ai b@x.ai']);
  });

  it('leaves out staging apps, service principals, non-interactive and failed sign-ins, break-glass accounts, and sign-ins outside the period', () => {
    const records = { sign_in: [
      signIn('dev@x.ai', 'single_factor', { app: 'Staging Console' }),
      signIn('svc', 'single_factor', { accountType: 'service', email: undefined }),
      signIn('t@x.ai', 'single_factor', { interactive: false }),
      signIn('f@x.ai', 'single_factor', { outcome: 'failure' }),
      signIn('glass@x.ai', 'single_factor'),
      signIn('old@x.ai', 'single_factor', { at: '2026-03-01T16:00:00.000Z' }),
      signIn('u@x.ai', 'unknown'),
    ] };
    expect(rules(records, { identity: { breakGlassAccounts: ['glass@x.ai'] } })).toEqual([]);
    // Without the declaration the break-glass sign-in is an ordinary single-factor sign-in.
    expect(rules(records)).toEqual(['mfa.single_factor_sign_in glass@x.ai']);
  });

  it('sign-ins whose MFA is unknown alone are not evidence', () => {
    expect(run({ sign_in: [signIn('u@x.ai', 'unknown')] }).status).toBe('insufficient_evidence');
  });
});
