import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, AccountRecord, PersonRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { deprovisioningCheck } from './deprovisioning-check.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
let n = 0;
const person = (p: Partial<PersonRecord> & { email: string }): PersonRecord => ({ kind: 'person', source: 'hr', artifact: A, locator: `line ${++n}`, id: String(n), workerType: 'employee', ...p });
const ev = (email: string, action: AccessEventRecord['action'], at: string, eventType = `user.lifecycle.${action}`): AccessEventRecord => ({
  kind: 'access_event', source: 'okta', artifact: B, locator: `line ${++n}`, system: 'okta', eventType, action, at, account: email, email,
});
const ctx = (records: RecordSet, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { maxDelayDays: 1 }, records, asOf: '2026-09-30', workspace: {}, ...over,
});

describe('hr.deprovisioning', () => {
  it('passes a leaver deactivated the next day and cites HR and IdP in the trace', () => {
    const p = person({ email: 'ada@x.ai', endDate: '2026-05-08' });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('ada@x.ai', 'deactivate', '2026-05-09T17:00:00Z')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.items).toHaveLength(1);
    expect(out.items[0].trace.map((t) => t.citation?.source)).toEqual(['hr', 'okta']);
  });

  it('counts calendar days in the workspace timezone, not UTC', () => {
    // 2026-06-14T05:30Z is 22:30 on June 13 in Los Angeles: one day after a June 12 end date.
    const p = person({ email: 'utc@x.ai', endDate: '2026-06-12' });
    const records = { person: [p], access_event: [ev('utc@x.ai', 'deactivate', '2026-06-14T05:30:00Z')] };
    expect(deprovisioningCheck.run(ctx(records)).exceptions).toEqual([]);
    const utc = deprovisioningCheck.run(ctx(records, { timezone: 'UTC' }));
    expect(utc.exceptions.map((e) => e.rule)).toEqual(['deprovision.late']);
  });

  it('reports a late deactivation with the delay and both citations', () => {
    const p = person({ email: 'late@x.ai', endDate: '2026-05-08' });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('late@x.ai', 'suspend', '2026-05-14T17:20:00Z')] }));
    expect(out.exceptions).toHaveLength(1);
    expect(out.exceptions[0]).toMatchObject({ rule: 'deprovision.late', subject: 'late@x.ai' });
    expect(out.exceptions[0].detail).toContain('6 calendar days');
    expect(out.exceptions[0].citations.map((c) => c.source)).toEqual(['hr', 'okta']);
  });

  it('reports a leaver never deactivated, and logins after the deadline', () => {
    const p = person({ email: 'gone@x.ai', endDate: '2026-07-31' });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('gone@x.ai', 'login', '2026-08-05T16:00:00Z', 'user.session.start')] }));
    expect(out.exceptions.map((e) => e.rule).sort()).toEqual(['deprovision.active_after_end', 'deprovision.missing']);
  });

  it('does not flag a leaver whose deadline is after the evidence date', () => {
    const p = person({ email: 'soon@x.ai', endDate: '2026-09-30' });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('soon@x.ai', 'login', '2026-09-01T16:00:00Z', 'user.session.start')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.items[0].trace.at(-1)?.label).toBe('deadline not reached');
  });

  it('reports an account reactivated after departure', () => {
    const p = person({ email: 'back@x.ai', endDate: '2026-08-14' });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('back@x.ai', 'deactivate', '2026-08-15T00:30:00Z'), ev('back@x.ai', 'activate', '2026-08-25T18:00:00Z', 'user.lifecycle.reactivate')] }));
    expect(out.exceptions.map((e) => e.rule)).toEqual(['deprovision.active_after_end']);
  });

  it('ignores a deactivation from an earlier tenure of a rehire', () => {
    const p = person({ email: 're@x.ai', startDate: '2026-03-01', endDate: '2026-07-01', rehire: true });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('re@x.ai', 'deactivate', '2026-02-20T18:00:00Z')] }));
    expect(out.exceptions.map((e) => e.rule)).toEqual(['deprovision.missing']);
  });

  it('tests contractors like employees and leaves people outside the period out of the population', () => {
    const c = person({ email: 'c@x.ai', endDate: '2026-04-15', workerType: 'contractor' });
    const before = person({ email: 'old@x.ai', endDate: '2026-03-15' });
    const out = deprovisioningCheck.run(ctx({ person: [c, before], access_event: [ev('c@x.ai', 'deactivate', '2026-04-15T23:00:00Z')] }));
    expect(out.items.map((i) => i.subject)).toEqual(['c@x.ai']);
    expect(out.exceptions).toEqual([]);
  });

  it('honours a longer allowed delay from the parameters', () => {
    const p = person({ email: 'late@x.ai', endDate: '2026-05-08' });
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [ev('late@x.ai', 'deactivate', '2026-05-11T17:00:00Z')] }, { params: { maxDelayDays: 3 } }));
    expect(out.exceptions).toEqual([]);
  });
  it('ignores a failed deactivation attempt and a denied sign-in', () => {
    const p = person({ email: 'fail@x.ai', endDate: '2026-05-08' });
    const failed = { ...ev('fail@x.ai', 'deactivate', '2026-05-08T20:00:00Z'), outcome: 'FAILURE' };
    const denied = { ...ev('fail@x.ai', 'login', '2026-05-20T16:00:00Z', 'user.session.start'), outcome: 'DENY' };
    const ok = ev('fail@x.ai', 'deactivate', '2026-05-12T17:00:00Z');
    const out = deprovisioningCheck.run(ctx({ person: [p], access_event: [failed, denied, ok] }));
    expect(out.exceptions.map((e) => e.rule)).toEqual(['deprovision.late']);
  });
});

describe('hr.deprovisioning: people change shape (employment spells)', () => {
  const withId = (e: AccessEventRecord, accountId: string): AccessEventRecord => ({ ...e, accountId });

  it('a rehire\'s re-activation belongs to the new spell; the same re-activation without a rehire is active after the end', () => {
    // BambooHR shows a rehire as one row: the new hire date, and the earlier tenure's dates.
    const rehire = person({ email: 'back@x.ai', originalStartDate: '2024-02-01', priorEndDate: '2026-05-08', startDate: '2026-08-03', rehire: true });
    const events = [ev('back@x.ai', 'deactivate', '2026-05-08T23:00:00Z'), ev('back@x.ai', 'activate', '2026-07-31T16:00:00Z'), ev('back@x.ai', 'login', '2026-08-03T16:00:00Z', 'user.session.start')];
    const ok = deprovisioningCheck.run(ctx({ person: [rehire], access_event: events }));
    expect(ok.exceptions).toEqual([]);
    expect(ok.items.map((i) => i.id)).toEqual([`${rehire.id}:2026-05-08`]);

    const leaver = person({ email: 'gone@x.ai', startDate: '2024-02-01', endDate: '2026-05-08' });
    const bad = deprovisioningCheck.run(ctx({ person: [leaver], access_event: events.map((e) => ({ ...e, account: 'gone@x.ai', email: 'gone@x.ai' })) }));
    expect(bad.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['deprovision.active_after_end gone@x.ai']);
  });

  it('a sign-in between two spells is still active after the end (the rehire does not excuse it)', () => {
    const rehire = person({ email: 'gap@x.ai', originalStartDate: '2024-02-01', priorEndDate: '2026-05-08', startDate: '2026-09-01', rehire: true });
    const out = deprovisioningCheck.run(ctx({ person: [rehire], access_event: [ev('gap@x.ai', 'login', '2026-06-15T16:00:00Z', 'user.session.start'), ev('gap@x.ai', 'activate', '2026-08-31T16:00:00Z')] }));
    expect(out.exceptions.map((e) => e.rule).sort()).toEqual(['deprovision.active_after_end', 'deprovision.missing']);
  });

  it('a contractor converted to an employee is one spell, not a leaver; a contractor who just ends is', () => {
    const contract = person({ id: 'C-7', email: 'conv@x.ai', workerType: 'contractor', startDate: '2025-10-01', endDate: '2026-05-29' });
    const employee = person({ id: '1007', email: 'conv@x.ai', workerType: 'employee', startDate: '2026-06-01' });
    const login = ev('conv@x.ai', 'login', '2026-06-10T16:00:00Z', 'user.session.start');
    expect(deprovisioningCheck.run(ctx({ person: [contract, employee], access_event: [login] })).items).toEqual([]);
    const alone = deprovisioningCheck.run(ctx({ person: [contract], access_event: [login] }));
    expect(alone.exceptions.map((e) => e.rule).sort()).toEqual(['deprovision.active_after_end', 'deprovision.missing']);
  });

  it('an account renamed in the IdP (same account id) is the person\'s; an unrelated account is not', () => {
    const p = person({ email: 'jo.old@x.ai', startDate: '2024-01-01', endDate: '2026-05-08' });
    const renamed = [withId(ev('jo.old@x.ai', 'login', '2026-03-01T16:00:00Z', 'user.session.start'), '00u1'), withId(ev('jo.new@x.ai', 'deactivate', '2026-05-08T23:00:00Z'), '00u1')];
    expect(deprovisioningCheck.run(ctx({ person: [p], access_event: renamed })).exceptions).toEqual([]);
    const other = [renamed[0], withId(ev('jo.new@x.ai', 'deactivate', '2026-05-08T23:00:00Z'), '00u2')];
    expect(deprovisioningCheck.run(ctx({ person: [p], access_event: other })).exceptions.map((e) => e.rule)).toEqual(['deprovision.missing']);
  });
});

describe('hr.deprovisioning: account rosters', () => {
  const roster = (email: string, snapshotAt: string, status = 'active'): AccountRecord => ({
    kind: 'account', source: 'entra-users', artifact: B, locator: `/value/${++n}`, system: 'entra', accountId: `oid-${email}`, login: email, email, status, snapshotAt,
  });
  const leaver = person({ email: 'dave@x.ai', endDate: '2026-05-15' });
  const rules = (account: AccountRecord[]) => deprovisioningCheck.run(ctx({ person: [leaver], account })).exceptions.map((e) => e.rule);

  it('a roster after the deadline that still lists the account active: missing; gone in a later roster: late', () => {
    expect(rules([roster('dave@x.ai', '2026-06-30T12:00:00.000Z')])).toEqual(['deprovision.missing']);
    expect(rules([roster('dave@x.ai', '2026-05-25T12:00:00.000Z'), roster('dave@x.ai', '2026-06-30T12:00:00.000Z', 'suspended')])).toEqual(['deprovision.late']);
  });

  it('a roster by the deadline without the account (or with it disabled) shows it removed on time', () => {
    const other = roster('someone@x.ai', '2026-05-16T18:00:00.000Z');
    const out = deprovisioningCheck.run(ctx({ person: [leaver], account: [other, roster('dave@x.ai', '2026-06-30T12:00:00.000Z', 'deprovisioned')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBeUndefined();
  });

  it('gone only from rosters taken after the deadline: removed at an unknown time, insufficient evidence rather than a failure', () => {
    const out = deprovisioningCheck.run(ctx({ person: [leaver], account: [roster('dave@x.ai', '2026-06-30T12:00:00.000Z', 'suspended')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.[0]).toContain('dave@x.ai');
  });

  it('a deprovisioning event still decides when the log has one', () => {
    const out = deprovisioningCheck.run(ctx({ person: [leaver], account: [roster('dave@x.ai', '2026-06-30T12:00:00.000Z', 'suspended')], access_event: [ev('dave@x.ai', 'deactivate', '2026-05-15T20:00:00Z')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBeUndefined();
  });
});
