import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, AccountRecord, PersonRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { reconciliationCheck } from './reconciliation-check.js';

const A = 'a'.repeat(64);
let n = 0;
const person = (email: string, p: Partial<PersonRecord> = {}): PersonRecord => ({ kind: 'person', source: 'hr', artifact: A, locator: `line ${++n}`, id: String(n), email, workerType: 'employee', startDate: '2025-01-01', ...p });
const ev = (email: string, action: AccessEventRecord['action'], at: string, system = 'okta'): AccessEventRecord => ({
  kind: 'access_event', source: 'okta', artifact: A, locator: `line ${++n}`, system, eventType: action === 'login' ? 'user.session.start' : `user.lifecycle.${action}`, action, at, account: email, email,
});
const roster = (email: string, snapshotAt: string, a: Partial<AccountRecord> = {}): AccountRecord => ({
  kind: 'account', source: 'okta-users', artifact: A, locator: `/${++n}`, system: 'okta', accountId: `00u-${email}`, login: email, email, status: 'active', accountType: 'user', snapshotAt, ...a,
});
const ctx = (records: RecordSet, workspace: Record<string, unknown> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: {}, records, asOf: '2026-09-30', workspace,
});
const run = (records: RecordSet, workspace: Record<string, unknown> = {}) => reconciliationCheck.run(ctx(records, workspace));
const rules = (records: RecordSet, workspace: Record<string, unknown> = {}) => run(records, workspace).exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('access.reconciliation', () => {
  it('passes when every active account has a person, and counts contractors separately', () => {
    const out = run({
      person: [person('a@x.ai'), person('c@x.ai', { workerType: 'contractor' })],
      access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z'), ev('c@x.ai', 'login', '2026-05-01T16:00:00Z')],
    });
    expect(out.exceptions).toEqual([]);
    // Every account passes, but with only an event log nobody can be checked for a missing account.
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.[0]).toContain('1 employee and 1 contractor');
    expect(out.notes?.join(' ')).toContain('No account roster collected');
  });

  it('reports an IdP account with no HR person (case-insensitive match otherwise)', () => {
    expect(rules({ person: [person('A@X.ai')], access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z'), ev('ghost@x.ai', 'login', '2026-05-01T16:00:00Z')] }))
      .toEqual(['reconcile.no_person ghost@x.ai']);
  });

  it('ignores accounts seen only before the period or only deactivated in it, and non-IdP systems', () => {
    expect(rules({ person: [], access_event: [ev('old@x.ai', 'login', '2026-01-01T16:00:00Z'), ev('gone@x.ai', 'deactivate', '2026-05-01T16:00:00Z'), ev('svc', 'login', '2026-05-01T16:00:00Z', 'github')] }))
      .toEqual([]);
  });

  it('reports a leaver (contractor too) with activity after the end date, counted in the workspace timezone', () => {
    const records = {
      person: [person('l@x.ai', { endDate: '2026-06-12' }), person('k@x.ai', { endDate: '2026-06-12', workerType: 'contractor' })],
      // 2026-06-13T05:30Z is 22:30 on the end date in Los Angeles: still employed.
      access_event: [ev('l@x.ai', 'login', '2026-06-13T05:30:00Z'), ev('k@x.ai', 'login', '2026-06-20T16:00:00Z')],
    };
    expect(rules(records)).toEqual(['reconcile.leaver_active k@x.ai']);
    expect(run(records).exceptions[0].detail).toContain('(contractor)');
  });

  it('does not flag a rehire active again after the new start date', () => {
    const rows = [person('r@x.ai', { startDate: '2024-01-01', endDate: '2025-12-31' }), person('r@x.ai', { startDate: '2026-05-01', rehire: true })];
    expect(rules({ person: rows, access_event: [ev('r@x.ai', 'activate', '2026-05-01T16:00:00Z'), ev('r@x.ai', 'login', '2026-05-02T16:00:00Z')] })).toEqual([]);
    // A sign-in between the two tenures is activity after departure.
    expect(rules({ person: rows.map((p) => (p.rehire ? { ...p, startDate: '2026-06-01' } : p)), access_event: [ev('r@x.ai', 'login', '2026-05-02T16:00:00Z')] }))
      .toEqual(['reconcile.leaver_active r@x.ai']);
  });

  it('reports current employees missing from the account roster as a note that does not fail the control', () => {
    const people = [person('a@x.ai'), person('noidp@x.ai'), person('c@x.ai', { workerType: 'contractor' }), person('left@x.ai', { endDate: '2026-05-01' })];
    const out = run({ person: people, access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z')], account: [roster('a@x.ai', '2026-09-30T12:00:00Z')] });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['reconcile.no_account noidp@x.ai']);
    expect(out.status).toBe('pass');
  });

  it('with only an event log, a quiet employee is not reported as having no account: the missing roster is named', () => {
    const out = run({ person: [person('a@x.ai'), person('quiet@x.ai')], access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z')] });
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.join(' ')).toMatch(/No account roster collected.*1 current employee/);
    // The quiet employee in a roster is simply an account: no finding, and the control passes.
    const withRoster = run({ person: [person('a@x.ai'), person('quiet@x.ai')], access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z')], account: [roster('a@x.ai', '2026-09-30T12:00:00Z'), roster('quiet@x.ai', '2026-09-30T12:00:00Z')] });
    expect(withRoster.exceptions).toEqual([]);
    expect(withRoster.status).toBe('pass');
  });
});

describe('access.reconciliation: account rosters', () => {
  it('reports a leaver whose account the roster still lists as active; a deprovisioned one is the look-alike', () => {
    const people = [person('gone@x.ai', { endDate: '2026-06-12' })];
    expect(rules({ person: people, account: [roster('gone@x.ai', '2026-09-30T12:00:00Z')] })).toEqual(['reconcile.leaver_active gone@x.ai']);
    expect(rules({ person: people, account: [roster('gone@x.ai', '2026-09-30T12:00:00Z', { status: 'deprovisioned', nativeStatus: 'DEPROVISIONED' })] })).toEqual([]);
  });

  it('reads the latest roster on or before the evidence date, not a later one', () => {
    const people = [person('gone@x.ai', { endDate: '2026-06-12' })];
    const account = [roster('gone@x.ai', '2026-09-29T12:00:00Z', { status: 'deprovisioned' }), roster('gone@x.ai', '2026-10-15T12:00:00Z')];
    expect(rules({ person: people, account })).toEqual([]);
    // Evidence date after the later roster: it speaks.
    expect(reconciliationCheck.run({ ...ctx({ person: people, account }), period: { from: '2026-04-01', to: '2026-10-31' }, asOf: '2026-10-31' }).exceptions.map((e) => e.rule)).toEqual(['reconcile.leaver_active']);
  });

  it('when every roster was taken later, the first stands in without the accounts created after the date', () => {
    const out = run({ person: [person('a@x.ai')], account: [roster('a@x.ai', '2026-11-02T12:00:00Z'), roster('new@x.ai', '2026-11-02T12:00:00Z', { createdAt: '2026-10-20T12:00:00.000Z' })] });
    expect(out.exceptions).toEqual([]);
    expect(out.notes?.join(' ')).toContain('the first one after stands in');
  });

  it('reports a roster account without a person; declared break-glass and service accounts are the look-alikes', () => {
    const account = [roster('a@x.ai', '2026-09-30T12:00:00Z'), roster('ghost@x.ai', '2026-09-30T12:00:00Z'), roster('breakglass@x.ai', '2026-09-30T12:00:00Z'), roster('svc-deploy@x.ai', '2026-09-30T12:00:00Z'), roster('robot', '2026-09-30T12:00:00Z', { email: undefined, accountType: 'service' })];
    const workspace = { identity: { breakGlassAccounts: ['BreakGlass@x.ai'], serviceAccounts: ['svc-deploy@x.ai'] } };
    expect(rules({ person: [person('a@x.ai')], account }, workspace)).toEqual(['reconcile.no_person ghost@x.ai']);
    expect(rules({ person: [person('a@x.ai')], account })).toEqual(['reconcile.no_person breakglass@x.ai', 'reconcile.no_person ghost@x.ai', 'reconcile.no_person svc-deploy@x.ai']);
    // An invited guest is not an employee without an HR row: counted in a note.
    const guest = run({ person: [person('a@x.ai')], account: [roster('a@x.ai', '2026-09-30T12:00:00Z'), roster('pat@partner.ai', '2026-09-30T12:00:00Z', { accountType: 'guest' })] });
    expect(guest.exceptions).toEqual([]);
    expect(guest.notes?.join(' ')).toContain('1 active guest account(s)');
  });
});

describe('access.reconciliation: employment spells', () => {
  it('a rehire shown as one row with its earlier tenure is active only in the gap between spells', () => {
    const rehire = person('back@x.ai', { originalStartDate: '2024-02-01', priorEndDate: '2026-05-08', startDate: '2026-08-03', rehire: true });
    expect(rules({ person: [rehire], access_event: [ev('back@x.ai', 'login', '2026-04-20T16:00:00Z'), ev('back@x.ai', 'activate', '2026-08-03T16:00:00Z')] })).toEqual([]);
    expect(rules({ person: [rehire], access_event: [ev('back@x.ai', 'login', '2026-06-20T16:00:00Z')] })).toEqual(['reconcile.leaver_active back@x.ai']);
  });

  it('an IdP account renamed after a name change matches its person through the account id', () => {
    const p = person('mia.new@x.ai');
    const old = { ...ev('mia.old@x.ai', 'login', '2026-04-20T16:00:00Z'), accountId: '00u9' };
    const renamed = { ...ev('mia.new@x.ai', 'login', '2026-06-20T16:00:00Z'), accountId: '00u9' };
    expect(rules({ person: [p], access_event: [old, renamed] })).toEqual([]);
    expect(rules({ person: [p], access_event: [{ ...old, accountId: '00u8' }, renamed] })).toEqual(['reconcile.no_person mia.old@x.ai']);
  });
});
