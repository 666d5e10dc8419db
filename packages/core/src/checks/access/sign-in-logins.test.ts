import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, PersonRecord, RecordSet, SignInRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { deprovisioningCheck } from '../hr/deprovisioning-check.js';
import { mfaSsoCheck } from './mfa-sso-check.js';
import { reconciliationCheck } from './reconciliation-check.js';
import { accessEventsWithSignIns, sharedSignInLogins, signInLogins } from './sign-in-logins.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
let n = 0;
const person = (email: string, endDate?: string): PersonRecord => ({ kind: 'person', source: 'hr', artifact: A, locator: `line ${++n}`, id: String(++n), email, startDate: '2025-01-01', workerType: 'employee', ...(endDate ? { endDate } : {}) });
const ev = (email: string, action: AccessEventRecord['action'], at: string): AccessEventRecord => ({
  kind: 'access_event', source: 'entra', artifact: B, locator: `/value/${++n}`, system: 'entra', eventId: `e${n}`, eventType: action, action, at, account: email, email,
});
const signIn = (email: string, at: string, over: Partial<SignInRecord> = {}): SignInRecord => ({
  kind: 'sign_in', source: 'entra-sign-ins', artifact: B, locator: `/value/${++n}`, system: 'entra', eventId: `s${n}`, at, account: email, email,
  accountType: 'user', app: 'My Apps', outcome: 'success', interactive: true, mfa: 'satisfied', sso: true, ...over,
});
const ctx = (records: RecordSet): CheckContext => ({ period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: {}, records, asOf: '2026-09-30', workspace: {} });
const rules = (out: { exceptions: { rule: string; subject: string }[] }) => out.exceptions.map((e) => `${e.rule} ${e.subject}`).sort();

describe('sign-ins from a sign-in log count as logins', () => {
  it('adds a successful user sign-in as a login, once: not a failed or service sign-in, nor one an access event already states', () => {
    const okta = { ...ev('ada@x.ai', 'login', '2026-05-01T16:00:00Z'), system: 'okta', eventId: 'u1' };
    const records: RecordSet = {
      access_event: [okta],
      sign_in: [
        signIn('ada@x.ai', '2026-05-01T16:00:00Z', { system: 'okta', eventId: 'u1' }),
        signIn('ben@x.ai', '2026-05-02T16:00:00Z'),
        signIn('ben@x.ai', '2026-05-03T16:00:00Z', { outcome: 'failure' }),
        signIn('svc@x.ai', '2026-05-03T16:00:00Z', { accountType: 'service' }),
      ],
    };
    const logins = accessEventsWithSignIns(records).filter((e) => e.action === 'login');
    expect(logins.map((e) => `${e.system} ${e.email} ${e.at}`)).toEqual(['okta ada@x.ai 2026-05-01T16:00:00Z', 'entra ben@x.ai 2026-05-02T16:00:00Z']);
    expect(logins[1]).toMatchObject({ source: 'entra-sign-ins', locator: expect.stringMatching(/^\/value\//) });
  });

  it('a leaver who keeps signing in after leaving is active after the end date; one whose last sign-in is the last day is the look-alike', () => {
    const records: RecordSet = {
      person: [person('gone@x.ai', '2026-05-08'), person('clean@x.ai', '2026-05-08')],
      access_event: [ev('gone@x.ai', 'create', '2025-01-01T17:00:00Z'), ev('clean@x.ai', 'create', '2025-01-01T17:00:00Z'), ev('clean@x.ai', 'deactivate', '2026-05-09T01:00:00Z')],
      sign_in: [signIn('gone@x.ai', '2026-05-20T16:00:00Z'), signIn('clean@x.ai', '2026-05-08T16:00:00Z')],
    };
    expect(rules(deprovisioningCheck.run(ctx(records)))).toEqual(['deprovision.active_after_end gone@x.ai', 'deprovision.missing gone@x.ai']);
    expect(rules(reconciliationCheck.run(ctx(records)))).toEqual(['reconcile.leaver_active gone@x.ai']);
  });

  it('replays a sign-in against the factor events when the log records them: no factor is not enrolled, an enrolled factor is the look-alike', () => {
    const records: RecordSet = {
      access_event: [ev('with@x.ai', 'mfa_enroll', '2026-04-02T16:00:00Z')],
      sign_in: [signIn('with@x.ai', '2026-05-02T16:00:00Z'), signIn('without@x.ai', '2026-05-02T16:00:00Z', { mfa: 'unknown' })],
    };
    expect(rules(mfaSsoCheck.run(ctx(records)))).toEqual(['mfa.not_enrolled without@x.ai']);
  });
});

describe('the logins a sign-in log is checked against', () => {
  it('finds a sign-in the log states exactly when a set of the keys as strings does, whatever the form of ids and times', () => {
    const systems = ['okta', 'Okta ', 'a|b', 'entra'];
    const subjects = ['ada@x.ai', 'ADA@x.ai', 'id', 'ben'];
    const ids = ['761547aa-c76f-4f0d-adb2-f9a7362ba91b', '761547aa-c76f-4f0d-adb2-f9a7362ba91c', '761547aa-c76f-4f0d-adb2-f9a7362ba91b-0', '761547aa-c76f-4f0d-adb2-f9a7362ba91b-1', '761547aa-c76f-4f0d-adb2-f9a7362ba91b-01', '761547aa-c76f-4f0d-adb2-f9a7362ba91b-999999999', '761547aa-c76f-4f0d-adb2-f9a7362ba91b-1000000000', 'E1', '', '2026-05-01T16:00:00.000Z', '761547AA-C76F-4F0D-ADB2-F9A7362BA91B'];
    const times = ['2026-05-01T16:00:00.000Z', '2026-05-01T16:00:00Z', '2026-05-01T16:00:00.001Z', '2026-05-02T00:00:00.000Z', '2026-05-01T24:00:00.000Z', '1969-12-31T23:59:59.999Z', 'E1'];
    const login = fc.record({ system: fc.constantFrom(...systems), subject: fc.constantFrom(...subjects), id: fc.option(fc.constantFrom(...ids), { nil: undefined }), at: fc.constantFrom(...times) });
    fc.assert(fc.property(fc.array(login, { maxLength: 40 }), fc.array(login, { maxLength: 40 }), (seen, asked) => {
      // The form before the compact keys: one set of `system|id|eventId` and `system|subject|at` strings.
      const strings = new Set<string>();
      const n = (s: string) => s.trim().toLowerCase();
      const logins = signInLogins();
      for (const l of seen) {
        const e = { kind: 'access_event', source: 'okta', artifact: A, locator: 'line 1', system: l.system, ...(l.id !== undefined ? { eventId: l.id } : {}), eventType: 'user.session.start', action: 'login', at: l.at, account: l.subject } as AccessEventRecord;
        logins.see(e);
        strings.add(`${n(e.system)}|id|${e.eventId ?? ''}`).add(`${n(e.system)}|${n(e.account)}|${e.at}`);
      }
      for (const l of asked) {
        const s = signIn('', l.at, { system: l.system, account: l.subject, eventId: l.id as string });
        const stated = strings.has(`${n(s.system)}|id|${s.eventId}`) || strings.has(`${n(s.system)}|${n(s.account)}|${s.at}`);
        expect(logins.standIn(s) === undefined).toBe(stated);
      }
    }), { numRuns: 500 });
  });
});

describe('one stand-in set for the checks fed from one read', () => {
  it('is the same set for contexts that share, fed once per batch, and a set of its own without sharing', () => {
    const memo = new Map<string, unknown>();
    const shared = <T>(key: string, make: () => T): T => (memo.has(key) ? memo.get(key) : (memo.set(key, make()), memo.get(key))) as T;
    const first = sharedSignInLogins({ shared });
    expect(sharedSignInLogins({ shared })).toBe(first);
    expect(sharedSignInLogins({})).not.toBe(first);
    const stated = ev('ada@x.ai', 'login', '2026-05-01T16:00:00Z');
    const later = ev('ben@x.ai', 'login', '2026-05-02T16:00:00Z');
    const batch = [stated];
    first.seeAll(batch);
    first.seeAll(batch);
    expect(first.standIn(signIn('ada@x.ai', '2026-05-01T16:00:00Z'))).toBeUndefined();
    expect(first.standIn(signIn('ben@x.ai', '2026-05-02T16:00:00Z'))).toBeDefined();
    // Another batch (another array) is seen, though it repeats an event.
    first.seeAll([stated, later]);
    expect(first.standIn(signIn('ben@x.ai', '2026-05-02T16:00:00Z'))).toBeUndefined();
  });
});
