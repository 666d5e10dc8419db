/** @module An approver's decisions on manual evidence, each an artifact with a ledger entry. */
import { Readable } from 'node:stream';
import { FieldworkError, localDate, recordsOf } from '@fieldwork/core';
import type { EvidenceDecisionKind, EvidenceDecisionRecord, EvidenceSubmissionRecord } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { resolveEvidenceApprover } from './evidence-people.js';
import { checkCovers, manualControl, MANUAL_EVIDENCE_SOURCE, one } from './submit-evidence.js';

export interface DecisionResult {
  decision: EvidenceDecisionRecord;
  seq: number;
}

/** The current submission with this id (or a unique prefix of it), or USAGE. */
export async function findSubmission(store: FieldworkStore, id: string): Promise<EvidenceSubmissionRecord> {
  const all = recordsOf(await store.loadRecords(['evidence_submission']), 'evidence_submission');
  const hits = all.filter((s) => s.id === id || (id.length >= 8 && s.id.startsWith(id)));
  if (hits.length === 1) return hits[0];
  throw new FieldworkError('USAGE', hits.length ? `${id} names ${hits.length} submissions.` : `No submission ${id}.`, { hint: '`fieldwork evidence list --json` shows the submissions of each request with their ids (sub-…).' });
}

async function record(store: FieldworkStore, d: Omit<EvidenceDecisionRecord, 'kind' | 'source' | 'artifact' | 'locator'>, origin: string): Promise<DecisionResult> {
  const doc = { kind: 'fieldwork.evidence-decision/v1', ...d };
  const staged = await store.stage(Readable.from([Buffer.from(`${JSON.stringify(doc, null, 2)}\n`)]));
  try {
    const decision: EvidenceDecisionRecord = { kind: 'evidence_decision', source: MANUAL_EVIDENCE_SOURCE, artifact: staged.sha256, locator: '/', ...d };
    const name = `evidence/${d.control}/${d.covers}/${d.decision}-${staged.sha256.slice(0, 12)}.json`;
    const res = await store.ingest({ sha256: staged.sha256, size: staged.size, name, mediaType: 'application/json', source: MANUAL_EVIDENCE_SOURCE, kind: 'evidence-decision', origin, path: staged.path, records: one(decision) });
    return { decision, seq: res.entry.seq };
  } finally {
    await staged.discard();
  }
}

/**
 * Accepts or rejects a submission. Only an approver (see `evidenceApprovers`) decides, never on
 * evidence they submitted themselves; a rejection needs a reason. A later decision on the same
 * submission supersedes the earlier one; the ledger keeps both.
 */
export async function decideSubmission(ws: LoadedWorkspace, store: FieldworkStore, o: { submission: string; decision: Exclude<EvidenceDecisionKind, 'not_applicable'>; by: string; reason?: string }, now = new Date()): Promise<DecisionResult> {
  const approver = resolveEvidenceApprover(ws.config, o.by).name;
  const sub = await findSubmission(store, o.submission);
  if (sub.by.trim().toLowerCase() === approver.trim().toLowerCase()) {
    throw new FieldworkError('USAGE', `${approver} submitted ${sub.id}, so ${approver} may not decide on it.`, { hint: 'Another approver decides (segregation of duties): list them under approvers: in fieldwork.yaml.' });
  }
  const reason = o.reason?.trim() || undefined;
  if (o.decision === 'rejected' && !reason) throw new FieldworkError('USAGE', `Rejecting ${sub.id} needs a reason.`, { hint: 'Say what is wrong so the owner can fix it: --reason "the minutes are not signed".' });
  return record(store, { decision: o.decision, submission: sub.id, control: sub.control, covers: sub.covers, by: approver, at: now.toISOString(), ...(reason ? { reason } : {}) },
    `fieldwork evidence ${o.decision === 'accepted' ? 'accept' : 'reject'} ${sub.id} --by ${approver}`);
}

/** Declares occurrences of a manual control not applicable, with a reason and the approver who decided. */
export async function markNotApplicable(ws: LoadedWorkspace, store: FieldworkStore, o: { control: string; covers: readonly string[]; by: string; reason: string }, now = new Date()): Promise<DecisionResult[]> {
  const control = manualControl(ws, o.control);
  const approver = resolveEvidenceApprover(ws.config, o.by).name;
  const today = localDate(now, ws.config.timezone);
  const covers = o.covers.map((c) => checkCovers(control, c, today));
  if (!o.reason?.trim()) throw new FieldworkError('USAGE', 'Not applicable needs a reason.', { hint: 'Say why the control did not apply then: --reason "no board before the Series A".' });
  if (covers.length === 0) throw new FieldworkError('USAGE', 'Name the occurrences: --covers 2026-Q2 (several: --covers 2026-Q2,2026-Q3).');
  const out: DecisionResult[] = [];
  for (const c of covers) {
    out.push(await record(store, { decision: 'not_applicable', control: control.id, covers: c, by: approver, at: now.toISOString(), reason: o.reason.trim() }, `fieldwork evidence na ${control.id} --covers ${c} --by ${approver}`));
  }
  return out;
}
