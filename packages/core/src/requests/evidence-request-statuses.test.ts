import { describe, expect, it } from 'vitest';
import { controlSchema } from '../catalog/index.js';
import type { Control, ControlInput } from '../catalog/index.js';
import type { EvidenceDecisionRecord, EvidenceSubmissionRecord } from '../records/index.js';
import { evidenceRequestStatuses } from './evidence-request-statuses.js';

const A = 'a'.repeat(64);
const control = (over: Partial<ControlInput> = {}): Control => controlSchema.parse({
  id: 'GOV-01', title: 'Board oversight', statement: 'The board hears about security every quarter.', criteria: ['CC1.2'], category: 'governance',
  frequency: 'quarterly', ownerRole: 'security-lead', evidenceSources: [], check: null, ...over,
});
const owners = {
  compliance: { name: 'Maya Chen', email: 'maya@acme.test', roles: ['compliance-owner'] },
  people: [{ name: 'Tomas Varga', email: 'tomas@acme.test', roles: ['security-lead'] }],
};
let n = 0;
const sub = (covers: string, o: Partial<EvidenceSubmissionRecord> = {}): EvidenceSubmissionRecord => ({
  kind: 'evidence_submission', source: 'manual-evidence', artifact: A, locator: '/', id: `sub-${String(++n).padStart(12, '0')}`,
  control: 'GOV-01', covers, by: 'Tomas Varga', at: '2026-07-10T10:00:00.000Z', files: [{ sha256: A, name: 'minutes.pdf', mediaType: 'application/pdf', size: 10 }], ...o,
});
const decide = (s: EvidenceSubmissionRecord, decision: 'accepted' | 'rejected', o: Partial<EvidenceDecisionRecord> = {}): EvidenceDecisionRecord => ({
  kind: 'evidence_decision', source: 'manual-evidence', artifact: A, locator: '/', decision, submission: s.id, control: s.control, covers: s.covers,
  by: 'Maya Chen', at: '2026-07-11T10:00:00.000Z', ...(decision === 'rejected' ? { reason: 'minutes are unsigned' } : {}), ...o,
});
const window = { from: '2026-04-01', to: '2026-09-30' };
const one = (subs: EvidenceSubmissionRecord[], decisions: EvidenceDecisionRecord[], asOf: string, c = control()) =>
  evidenceRequestStatuses([c], owners, subs, decisions, asOf, { window });

describe('evidenceRequestStatuses', () => {
  it('asks each manual control once per occurrence that has started, with the owner by role and a due date after the grace, capped at the window end', () => {
    const rs = evidenceRequestStatuses([control(), control({ id: 'ACC-01', check: 'access.mfa-sso' })], owners, [], [], '2026-08-15', { window });
    expect(rs.map((r) => [r.id, r.due, r.owner.email, r.owner.resolvedBy])).toEqual([
      ['GOV-01/2026-Q2', '2026-07-30', 'tomas@acme.test', 'role'],
      ['GOV-01/2026-Q3', '2026-09-30', 'tomas@acme.test', 'role'],
    ]);
  });

  it('falls back to the compliance owner when nobody holds the role, and says so', () => {
    const [r] = one([], [], '2026-04-02', control({ ownerRole: 'ai-lead' }));
    expect(r.owner).toEqual({ role: 'ai-lead', name: 'Maya Chen', email: 'maya@acme.test', resolvedBy: 'compliance_owner' });
  });

  it('tells missing (nothing handed in) from overdue (handed in, not accepted) and from current (accepted)', () => {
    const asOf = '2026-08-15';
    expect(one([], [], asOf)[0]).toMatchObject({ covers: '2026-Q2', status: 'missing' });
    const pending = sub('2026-Q2');
    expect(one([pending], [], asOf)[0]).toMatchObject({ status: 'overdue', reason: expect.stringContaining('awaits an approver') });
    const rejected = sub('2026-Q2');
    expect(one([rejected], [decide(rejected, 'rejected')], asOf)[0]).toMatchObject({ status: 'overdue', reason: expect.stringContaining('minutes are unsigned') });
    const ok = sub('2026-Q2');
    const [r] = one([ok], [decide(ok, 'accepted')], asOf);
    expect(r).toMatchObject({ status: 'current', accepted: { id: ok.id, late: false, decidedBy: 'Maya Chen' } });
  });

  it('turns due soon within the due-soon days, and upcoming before', () => {
    expect(one([], [], '2026-07-20')[0]).toMatchObject({ covers: '2026-Q2', status: 'due_soon', reason: 'Due 2026-07-30 (in 10 days).' });
    expect(one([], [], '2026-07-10')[0]).toMatchObject({ covers: '2026-Q2', status: 'upcoming' });
    expect(evidenceRequestStatuses([control()], owners, [], [], '2026-07-20', { window, dueSoonDays: 5 })[0].status).toBe('upcoming');
  });

  it('marks a later decision over an earlier one, and evidence performed after the due date as late', () => {
    const s = sub('2026-Q2', { performedOn: '2026-08-02', at: '2026-08-03T09:00:00.000Z' });
    const [r] = one([s], [decide(s, 'rejected'), decide(s, 'accepted', { at: '2026-08-04T09:00:00.000Z' })], '2026-08-15');
    expect(r).toMatchObject({ status: 'current', accepted: { late: true, review: 'accepted' } });
  });

  it('turns accepted evidence due soon before it lapses inside the occurrence, and overdue once it has', () => {
    const c = control({ frequency: 'annual' });
    const s = sub('2026', { validUntil: '2026-09-10' });
    const decided = [decide(s, 'accepted')];
    expect(one([s], decided, '2026-08-01', c)[0].status).toBe('current');
    expect(one([s], decided, '2026-09-01', c)[0]).toMatchObject({ status: 'due_soon', reason: expect.stringContaining('lapses on 2026-09-10') });
    expect(one([s], decided, '2026-09-20', c)[0]).toMatchObject({ status: 'overdue', reason: expect.stringContaining('lapsed on 2026-09-10') });
    // Valid past the end of the occurrence: nothing to renew inside it.
    const long = sub('2026', { validUntil: '2027-06-30' });
    expect(one([long], [decide(long, 'accepted')], '2026-09-20', c)[0].status).toBe('current');
  });

  it('records not applicable with the reason and who decided, whatever was submitted', () => {
    const na: EvidenceDecisionRecord = { kind: 'evidence_decision', source: 'manual-evidence', artifact: A, locator: '/', decision: 'not_applicable', control: 'GOV-01', covers: '2026-Q2', by: 'Maya Chen', at: '2026-07-01T00:00:00.000Z', reason: 'board formed in Q3' };
    const [r] = one([], [na], '2026-08-15');
    expect(r).toMatchObject({ status: 'not_applicable', notApplicable: { reason: 'board formed in Q3', by: 'Maya Chen' } });
  });
});
