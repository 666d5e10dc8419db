/** @module Evidence requests of manual controls and their status at a date. */
import type { Control } from '../catalog/index.js';
import { citationOf } from '../records/index.js';
import type { Citation, EvidenceDecisionRecord, EvidenceSubmissionRecord, SubmittedFile } from '../records/index.js';
import { addDays, daysBetween, localDate } from '../time/index.js';
import type { Period } from '../time/index.js';
import { occurrencesIn, requestCadenceOf } from './request-cadence.js';
import type { RequestCadence } from './request-cadence.js';
import { resolveOwner } from './resolve-owner.js';
import type { RequestOwner, WorkspaceOwners } from './resolve-owner.js';

/**
 * Where a request stands: `current` (accepted evidence covers it), `due_soon` (due, or its
 * evidence lapses, within the due-soon days), `overdue` (past due with evidence handed in but not
 * accepted, or accepted evidence that lapsed), `missing` (past due, nothing handed in),
 * `not_applicable` (an approver said so, with a reason), `upcoming` (not due for a while).
 */
export const requestStatuses = ['current', 'due_soon', 'overdue', 'missing', 'not_applicable', 'upcoming'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** A submission as a request shows it: who, when, and what the approver decided. */
export interface RequestSubmission {
  id: string;
  by: string;
  at: string;
  /** The day the control operated, as the evidence shows it. */
  performedOn: string;
  review: 'pending' | 'accepted' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  /** The approver's reason (required for a rejection). */
  reason: string | null;
  validUntil: string | null;
  note: string | null;
  statement: string | null;
  files: SubmittedFile[];
  /** Performed after the due date. */
  late: boolean;
  citation: Citation;
  /** The decision record, when decided. */
  decisionCitation: Citation | null;
}

/** One evidence request: an occurrence of a manual control, its owner, due date and status. */
export interface EvidenceRequest {
  /** `GOV-01/2026-Q2`: what exceptions and notifications cite. */
  id: string;
  control: string;
  title: string;
  covers: string;
  cadence: RequestCadence;
  from: string;
  to: string;
  due: string;
  owner: RequestOwner;
  status: RequestStatus;
  /** Why the status is what it is, in one sentence. */
  reason: string;
  /** Every submission for the occurrence, oldest first. */
  submissions: RequestSubmission[];
  /** The latest accepted submission, or null. */
  accepted: RequestSubmission | null;
  notApplicable: { reason: string; by: string; at: string; citation: Citation } | null;
  /** The control allows a typed statement instead of a file. */
  statementAllowed: boolean;
}

/** Settings of the derivation; every one has a default. */
export interface EvidenceRequestOptions {
  /** The report window whose occurrences are requested; default the calendar year of `asOf`. */
  window?: Period;
  /** IANA zone in which submission times become days; default UTC. */
  timezone?: string;
  /** Days before a due date (or a lapse) a request turns `due_soon`; default 14. */
  dueSoonDays?: number;
  /** Days after an occurrence ends until its evidence is due (capped at the window's end); default 30 (a control's `graceDays` parameter wins). */
  graceDays?: number;
}

export const DEFAULT_DUE_SOON_DAYS = 14;
export const DEFAULT_GRACE_DAYS = 30;

/** Settings as a workspace's `evidence:` section (or check facts) state them, each checked. */
export function requestOptionsOf(section: unknown): Pick<EvidenceRequestOptions, 'dueSoonDays' | 'graceDays'> {
  const s = (section ?? {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  return { ...(n(s.dueSoonDays) !== undefined ? { dueSoonDays: n(s.dueSoonDays) } : {}), ...(n(s.graceDays) !== undefined ? { graceDays: n(s.graceDays) } : {}) };
}

/**
 * The evidence requests of every manual control (`check: null`) over the window, with owner,
 * due date and status at `asOf`. Occurrences that have not started by `asOf` are not listed.
 * Pure: the caller passes the current submission and decision records (the store's view).
 *
 * @example
 * const requests = evidenceRequestStatuses(controls, ws.owners, submissions, decisions, '2026-09-30', { window: { from: '2026-04-01', to: '2026-09-30' } })
 * requests.filter((r) => r.status === 'missing').map((r) => `${r.id} → ${r.owner.email}`)
 */
export function evidenceRequestStatuses(
  controls: readonly Control[],
  owners: WorkspaceOwners,
  submissions: readonly EvidenceSubmissionRecord[],
  decisions: readonly EvidenceDecisionRecord[],
  asOf: string,
  options: EvidenceRequestOptions = {},
): EvidenceRequest[] {
  const today = asOf.slice(0, 10);
  const window = options.window ?? { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
  const tz = options.timezone ?? 'UTC';
  const dueSoon = options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const latestDecision = new Map<string, EvidenceDecisionRecord>();
  const notApplicable = new Map<string, EvidenceDecisionRecord>();
  for (const d of [...decisions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    if (d.decision === 'not_applicable') notApplicable.set(`${d.control}/${d.covers}`, d);
    else if (d.submission) latestDecision.set(d.submission, d);
  }
  const subsOf = new Map<string, EvidenceSubmissionRecord[]>();
  for (const s of [...submissions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    const k = `${s.control}/${s.covers}`;
    subsOf.set(k, [...(subsOf.get(k) ?? []), s]);
  }
  const out: EvidenceRequest[] = [];
  for (const control of controls.filter((c) => c.check === null)) {
    const cadence = requestCadenceOf(control);
    const grace = typeof control.params.graceDays === 'number' ? control.params.graceDays : options.graceDays ?? DEFAULT_GRACE_DAYS;
    const owner = resolveOwner(control.ownerRole, owners);
    for (const occ of occurrencesIn(cadence, window)) {
      if (occ.from > today) continue;
      const id = `${control.id}/${occ.id}`;
      // Due `grace` days after the occurrence ends, but never after the window's last day: a
      // Type II report covers what operated inside the window, so the window's last occurrence
      // (and any whose grace runs past the window) is due on that day.
      const after = addDays(occ.to, grace);
      const due = after < window.to ? after : window.to;
      const subs = (subsOf.get(id) ?? []).map((s) => viewOf(s, latestDecision.get(s.id), due, tz));
      const accepted = [...subs].reverse().find((s) => s.review === 'accepted') ?? null;
      const na = notApplicable.get(id);
      const base = {
        id, control: control.id, title: control.title, covers: occ.id, cadence, from: occ.from, to: occ.to, due, owner, submissions: subs, accepted,
        notApplicable: na ? { reason: na.reason ?? '', by: na.by, at: na.at, citation: citationOf(na) } : null, statementAllowed: control.statementAllowed,
      };
      out.push({ ...base, ...statusOf({ today, due, dueSoon, occTo: occ.to, subs, accepted, na }) });
    }
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function viewOf(s: EvidenceSubmissionRecord, d: EvidenceDecisionRecord | undefined, due: string, tz: string): RequestSubmission {
  const performedOn = s.performedOn ?? localDate(s.at, tz);
  return {
    id: s.id, by: s.by, at: s.at, performedOn, review: d ? (d.decision === 'accepted' ? 'accepted' : 'rejected') : 'pending',
    decidedBy: d?.by ?? null, decidedAt: d?.at ?? null, reason: d?.reason ?? null, validUntil: s.validUntil ?? null, note: s.note ?? null,
    statement: s.statement ?? null, files: s.files, late: performedOn > due, citation: citationOf(s), decisionCitation: d ? citationOf(d) : null,
  };
}

interface StatusFacts {
  today: string;
  due: string;
  dueSoon: number;
  occTo: string;
  subs: RequestSubmission[];
  accepted: RequestSubmission | null;
  na: EvidenceDecisionRecord | undefined;
}

function statusOf(f: StatusFacts): { status: RequestStatus; reason: string } {
  if (f.na) return { status: 'not_applicable', reason: `Not applicable: ${(f.na.reason ?? 'no reason given').replace(/\.$/, '')} (decided by ${f.na.by}).` };
  const a = f.accepted;
  if (a) {
    const accepted = `${a.id} by ${a.by}, accepted by ${a.decidedBy}${a.late ? `, performed ${a.performedOn} after the due date ${f.due}` : ''}`;
    // Evidence that lapses before the occurrence ends leaves the rest of it uncovered.
    if (a.validUntil && a.validUntil < f.occTo) {
      if (a.validUntil < f.today) return { status: 'overdue', reason: `The accepted evidence (${accepted}) lapsed on ${a.validUntil}; submit current evidence.` };
      if (daysBetween(f.today, a.validUntil) <= f.dueSoon) return { status: 'due_soon', reason: `The accepted evidence (${accepted}) lapses on ${a.validUntil}; submit its successor before then.` };
    }
    return { status: 'current', reason: `Covered by ${accepted}.` };
  }
  const pending = f.subs.filter((s) => s.review === 'pending');
  const rejected = f.subs.filter((s) => s.review === 'rejected');
  const handedIn = pending.length ? ` ${pending.map((s) => s.id).join(', ')} awaits an approver's decision.` : rejected.length ? ` ${rejected.at(-1)!.id} was rejected: ${(rejected.at(-1)!.reason ?? 'no reason given').replace(/\.$/, '')}.` : '';
  if (f.today <= f.due) {
    const days = daysBetween(f.today, f.due);
    return days <= f.dueSoon
      ? { status: 'due_soon', reason: `Due ${f.due} (in ${days} day${days === 1 ? '' : 's'}).${handedIn}` }
      : { status: 'upcoming', reason: `Due ${f.due}.${handedIn}` };
  }
  if (f.subs.length) return { status: 'overdue', reason: `Due ${f.due}; no accepted evidence yet.${handedIn}` };
  return { status: 'missing', reason: `Due ${f.due}; nothing was submitted.` };
}
