import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, PersonRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { reconciliationCheck } from './reconciliation-check.js';

const A = 'a'.repeat(64);
let n = 0;
const person = (email: string, p: Partial<PersonRecord> = {}): PersonRecord => ({ kind: 'person', source: 'hr', artifact: A, locator: `line ${++n}`, id: String(n), email, workerType: 'employee', startDate: '2025-01-01', ...p });
const ev = (email: string, action: AccessEventRecord['action'], at: string, system = 'okta'): AccessEventRecord => ({
  kind: 'access_event', source: 'okta', artifact: A, locator: `line ${++n}`, system, eventType: action === 'login' ? 'user.session.start' : `user.lifecycle.${action}`, action, at, account: email, email,
});
const ctx = (records: RecordSet): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: {}, records, asOf: '2026-09-30', workspace: {},
});
const run = (records: RecordSet) => reconciliationCheck.run(ctx(records));
const rules = (records: RecordSet) => run(records).exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('access.reconciliation', () => {
  it('passes when every active account has a person, and counts contractors separately', () => {
    const out = run({
      person: [person('a@x.ai'), person('c@x.ai', { workerType: 'contractor' })],
      access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z'), ev('c@x.ai', 'login', '2026-05-01T16:00:00Z')],
    });
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBe('pass');
    expect(out.notes?.[0]).toContain('1 employee and 1 contractor');
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

  it('reports current employees without an account as a note that does not fail the control', () => {
    const out = run({ person: [person('a@x.ai'), person('noidp@x.ai'), person('c@x.ai', { workerType: 'contractor' }), person('left@x.ai', { endDate: '2026-05-01' })], access_event: [ev('a@x.ai', 'login', '2026-05-01T16:00:00Z')] });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['reconcile.no_account noidp@x.ai']);
    expect(out.status).toBe('pass');
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
