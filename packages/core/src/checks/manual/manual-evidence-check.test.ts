import { describe, expect, it } from 'vitest';
import { controlSchema } from '../../catalog/index.js';
import type { Control, ControlInput } from '../../catalog/index.js';
import { runAudit } from '../../audit/index.js';
import type { EvidenceDecisionRecord, EvidenceSubmissionRecord, RecordSet } from '../../records/index.js';
import { runChecks } from '../run-checks.js';

const ATT = (i: number) => i.toString(16).padStart(64, 'a');
const FILE = 'f'.repeat(64);
const control = (over: Partial<ControlInput> = {}): Control => controlSchema.parse({
  id: 'GOV-01', title: 'Board oversight', statement: 'The board hears about security every quarter.', criteria: ['CC1.2'], category: 'governance',
  frequency: 'quarterly', ownerRole: 'compliance-owner', evidenceSources: [], check: null, ...over,
});
const workspace = { owners: { compliance: { name: 'Maya Chen', email: 'maya@acme.test', roles: [] }, people: [{ name: 'Tomas Varga', email: 'tomas@acme.test', roles: ['security-lead'] }] } };
const period = { from: '2026-01-01', to: '2026-09-30' };
let n = 0;
function submitted(covers: string, performedOn: string, decision: 'accepted' | 'rejected' | null, o: Partial<EvidenceSubmissionRecord> = {}): RecordSet {
  const i = ++n;
  const s: EvidenceSubmissionRecord = {
    kind: 'evidence_submission', source: 'manual-evidence', artifact: ATT(i), locator: '/', id: `sub-${String(i).padStart(12, '0')}`, control: 'GOV-01', covers,
    by: 'Maya Chen', at: `${performedOn}T12:00:00.000Z`, performedOn, files: [{ sha256: FILE, name: `minutes-${covers}.pdf`, mediaType: 'application/pdf', size: 2048 }], ...o,
  };
  const d: EvidenceDecisionRecord[] = decision ? [{
    kind: 'evidence_decision', source: 'manual-evidence', artifact: ATT(i + 1000), locator: '/', decision, submission: s.id, control: s.control, covers,
    by: 'Tomas Varga', at: `${performedOn}T15:00:00.000Z`, ...(decision === 'rejected' ? { reason: 'the minutes do not name the attendees' } : {}),
  }] : [];
  return { evidence_submission: [s], evidence_decision: d };
}
const merge = (...sets: RecordSet[]): RecordSet => ({
  evidence_submission: sets.flatMap((s) => s.evidence_submission ?? []),
  evidence_decision: sets.flatMap((s) => s.evidence_decision ?? []),
});
const check = (records: RecordSet, asOf = '2026-09-15', c = control()) =>
  runChecks({ controls: [c], records, period, timezone: 'UTC', asOf, workspace }).results[0];

describe('manual.evidence', () => {
  const compliant = merge(submitted('2026-Q1', '2026-03-20', 'accepted'), submitted('2026-Q2', '2026-06-18', 'accepted'));

  it('passes when every due occurrence is covered by accepted evidence; the open quarter is not a failure', () => {
    const r = check(compliant);
    expect(r).toMatchObject({ check: 'manual.evidence', status: 'pass', population: 2, exceptions: [] });
    expect(r.items.map((i) => i.subject)).toEqual(['GOV-01/2026-Q1', 'GOV-01/2026-Q2']);
    expect(r.notes.join(' ')).toContain('2026-Q3 (due 2026-09-30)');
    // On the window's last day the last quarter is due too.
    expect(check(compliant, '2026-09-30').exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['manual.missing GOV-01/2026-Q3']);
  });

  it('reports a missing occurrence citing the request, beside the covered one', () => {
    const r = check(merge(submitted('2026-Q1', '2026-03-20', 'accepted')));
    expect(r.status).toBe('exception');
    expect(r.exceptions).toEqual([expect.objectContaining({ rule: 'manual.missing', subject: 'GOV-01/2026-Q2', at: '2026-07-30', citations: [] })]);
  });

  it('reports late evidence (performed after the due date) while the on-time quarter passes', () => {
    const r = check(merge(submitted('2026-Q1', '2026-03-20', 'accepted'), submitted('2026-Q2', '2026-08-10', 'accepted')));
    expect(r.exceptions.map((e) => [e.rule, e.subject])).toEqual([['manual.late', 'GOV-01/2026-Q2']]);
    expect(r.exceptions[0].citations.map((c) => c.locator)).toEqual(['/', 'minutes-2026-Q2.pdf', '/']);
  });

  it('reports rejected evidence until an accepted resubmission replaces it', () => {
    const rejected = merge(submitted('2026-Q1', '2026-03-20', 'accepted'), submitted('2026-Q2', '2026-06-18', 'rejected'));
    expect(check(rejected).exceptions.map((e) => e.rule)).toEqual(['manual.rejected']);
    expect(check(rejected).exceptions[0].detail).toContain('do not name the attendees');
    expect(check(merge(rejected, submitted('2026-Q2', '2026-06-25', 'accepted'))).status).toBe('pass');
  });

  it('reports evidence nobody has decided on as unreviewed, and evidence that lapsed inside its occurrence', () => {
    expect(check(merge(submitted('2026-Q1', '2026-03-20', 'accepted'), submitted('2026-Q2', '2026-06-18', null))).exceptions.map((e) => e.rule)).toEqual(['manual.unreviewed']);
    const annual = control({ frequency: 'annual' });
    const lapsed = submitted('2026', '2026-02-01', 'accepted', { validUntil: '2026-06-30' });
    expect(check(lapsed, '2026-05-01', annual).exceptions.map((e) => e.rule)).toEqual([]); // still valid on the evaluation date, not due yet
    expect(check(lapsed, '2026-09-30', annual).exceptions.map((e) => e.rule)).toEqual(['manual.lapsed']);
    expect(check(submitted('2026', '2026-02-01', 'accepted', { validUntil: '2027-01-31' }), '2026-09-30', annual).status).toBe('pass');
  });

  it('is insufficient evidence, not a pass, when nothing was due yet and nothing is covered', () => {
    const r = check(compliant, '2026-09-15', control({ id: 'GOV-09', frequency: 'annual' }));
    expect(r.status).toBe('insufficient_evidence');
  });

  it('leaves manual controls not tested in a workspace that records no manual evidence at all', () => {
    const r = check({});
    expect(r).toMatchObject({ status: 'not_tested', check: null });
    expect(r.notes[0]).toContain('fieldwork evidence add GOV-01');
  });

  it('lets the mock audit sample quarters and trace each sampled one to its files and decision', () => {
    const records = merge(submitted('2026-Q1', '2026-03-20', 'accepted'), submitted('2026-Q2', '2026-08-10', 'accepted'));
    const c = control();
    const results = runChecks({ controls: [c], records, period, timezone: 'UTC', asOf: '2026-09-15', workspace }).results;
    const report = runAudit({ auditId: 'acme', period, controls: [c], results });
    const a = report.controls[0];
    expect(a).toMatchObject({ unit: { kind: 'period', noun: 'quarter' }, population: 2, sampleSize: 2 });
    const q1 = a.sampled.find((s) => s.id === '2026-Q1')!;
    expect(q1.trace.map((t) => t.label)).toEqual(['request', 'submission', 'evidence file', 'accepted']);
    expect(q1.trace[2].citation).toEqual({ artifact: FILE, source: 'manual-evidence', locator: 'minutes-2026-Q1.pdf' });
    expect(a.exceptions.map((e) => [e.rule, e.unit])).toEqual([['manual.late', 'GOV-01/2026-Q2']]);
    expect(a.conclusion).not.toBe('effective');
  });
});
