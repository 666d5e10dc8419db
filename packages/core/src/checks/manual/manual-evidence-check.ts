/** @module The generic check of manual controls: every due occurrence covered by accepted evidence. */
import { recordsOf } from '../../records/index.js';
import type { Citation } from '../../records/index.js';
import { evidenceRequestStatuses, requestOptionsOf } from '../../requests/index.js';
import type { EvidenceRequest, RequestSubmission, WorkspaceOwners } from '../../requests/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';

export const MANUAL_EVIDENCE_CHECK = 'manual.evidence';

/**
 * Tests a manual control from the evidence people submitted: each occurrence of its cadence that
 * is due by the evaluation date must be covered by accepted evidence. Exceptions cite the request
 * (`GOV-01/2026-Q2`): `manual.missing` (nothing handed in), `manual.unreviewed` (handed in, no
 * approver has decided), `manual.rejected` (only rejected evidence), `manual.late` (performed after
 * the due date), `manual.lapsed` (the evidence lapsed before the occurrence ended). Occurrences not
 * yet due are not failures; not-applicable ones are left out with their reason in the notes.
 */
export const manualEvidenceCheck: Check = {
  id: MANUAL_EVIDENCE_CHECK,
  title: 'Manual evidence covers every occurrence',
  requires: [],
  reads: ['evidence_submission', 'evidence_decision'],
  run(ctx) {
    const control = ctx.control;
    if (!control) throw new Error('manual.evidence needs the control it tests.');
    const owners = ctx.workspace.owners as WorkspaceOwners | undefined;
    const requests = evidenceRequestStatuses(
      [{ ...control, check: null }], owners ?? { compliance: { name: '', email: '' } },
      recordsOf(ctx.records, 'evidence_submission'), recordsOf(ctx.records, 'evidence_decision'), ctx.asOf,
      { window: ctx.period, timezone: ctx.timezone, ...requestOptionsOf(ctx.workspace.evidence), ...numberParams(ctx.params) },
    );
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const notes: string[] = [];
    const notDue: string[] = [];
    for (const r of requests) {
      if (r.status === 'not_applicable') {
        notes.push(`${r.id}: ${r.reason}`);
        continue;
      }
      const isDue = r.due <= ctx.asOf.slice(0, 10);
      if (!isDue && !r.accepted) {
        notDue.push(`${r.covers} (due ${r.due})`);
        continue;
      }
      items.push({ id: r.covers, subject: r.id, at: r.from, trace: traceOf(r) });
      const found = isDue || r.accepted ? deviationOf(r, ctx.asOf.slice(0, 10)) : null;
      if (found) exceptions.push({ ...found, subject: r.id, itemId: r.covers });
    }
    if (notDue.length) notes.push(`Not due yet, so not tested: ${notDue.join(', ')}.`);
    if (items.length === 0) {
      return { populationQuery: populationQuery(requests[0]?.cadence), items, exceptions, status: 'insufficient_evidence', notes: [`No occurrence of ${control.id} was due by ${ctx.asOf.slice(0, 10)} and none is covered yet: nothing to test.`, ...notes] };
    }
    return { populationQuery: populationQuery(requests[0]?.cadence), items, exceptions, notes };
  },
};

const populationQuery = (cadence: string | undefined) =>
  `${cadence ?? 'calendar'} occurrences of the control in the window, due by the evaluation date or already covered, with the evidence submitted for each and the approver's decisions`;

function numberParams(params: Record<string, unknown>): { graceDays?: number; dueSoonDays?: number } {
  return requestOptionsOf({ graceDays: params.graceDays, dueSoonDays: params.dueSoonDays });
}

function deviationOf(r: EvidenceRequest, today: string): Omit<CheckException, 'subject' | 'itemId'> | null {
  const a = r.accepted;
  if (a) {
    const end = [r.to, today].sort()[0];
    if (a.late) return { rule: 'manual.late', detail: `Evidence for ${r.id} shows the control performed on ${a.performedOn}, after it was due on ${r.due} (${a.id}, submitted by ${a.by}).`, at: a.performedOn, citations: citationsOf(a) };
    if (a.validUntil && a.validUntil < end) return { rule: 'manual.lapsed', detail: `The evidence accepted for ${r.id} (${a.id}) lapsed on ${a.validUntil}, before the occurrence ended on ${end}.`, at: a.validUntil, citations: citationsOf(a) };
    return null;
  }
  const pending = r.submissions.filter((s) => s.review === 'pending');
  const rejected = r.submissions.filter((s) => s.review === 'rejected');
  if (pending.length) return { rule: 'manual.unreviewed', detail: `Evidence for ${r.id} was submitted (${pending.map((s) => s.id).join(', ')}) but no approver has accepted it; it was due on ${r.due}.`, at: r.due, citations: pending.flatMap(citationsOf) };
  if (rejected.length) {
    const last = rejected.at(-1)!;
    return { rule: 'manual.rejected', detail: `The only evidence for ${r.id} was rejected by ${last.decidedBy}: ${last.reason ?? 'no reason given'} (${last.id}); no accepted evidence replaced it by ${today}.`, at: last.decidedAt ?? r.due, citations: rejected.flatMap(citationsOf) };
  }
  return { rule: 'manual.missing', detail: `No evidence was submitted for ${r.id}, due on ${r.due} from ${r.owner.name ?? 'an owner nobody holds'} (${r.owner.role}).`, at: r.due, citations: [] };
}

/** The attestation, each file and the decision: what an auditor traces a sampled occurrence to. */
function citationsOf(s: RequestSubmission): Citation[] {
  return [s.citation, ...s.files.map((f) => ({ artifact: f.sha256, source: s.citation.source, locator: f.name })), ...(s.decisionCitation ? [s.decisionCitation] : [])];
}

function traceOf(r: EvidenceRequest): TraceStep[] {
  const steps: TraceStep[] = [{ label: 'request', detail: `${r.id}: ${r.cadence} evidence from ${r.owner.name ?? 'nobody'} (${r.owner.role}), due ${r.due}` }];
  for (const s of r.submissions) {
    steps.push({ label: 'submission', at: s.at, detail: `${s.id} by ${s.by}, performed ${s.performedOn}${s.note ? `: ${s.note}` : ''}${s.statement ? ` · statement: “${s.statement}”` : ''}`, citation: s.citation });
    for (const f of s.files) steps.push({ label: 'evidence file', detail: `${f.name} (${f.mediaType}, ${f.size} bytes, sha256 ${f.sha256})`, citation: { artifact: f.sha256, source: s.citation.source, locator: f.name } });
    if (s.review !== 'pending') steps.push({ label: s.review === 'accepted' ? 'accepted' : 'rejected', at: s.decidedAt ?? undefined, detail: `by ${s.decidedBy}${s.reason ? `: ${s.reason}` : ''}`, ...(s.decisionCitation ? { citation: s.decisionCitation } : {}) });
  }
  return steps;
}
