import type { Notice } from './notice.js';

/** What an evidence request needs to become a notice (the shape `evidenceRequestStatuses` returns). */
export interface EvidenceRequestState {
  /** Stable request id (control + occurrence). */
  id: string;
  control: string;
  title?: string;
  /** The occurrence it covers, e.g. `2026-Q2`. */
  covers: string;
  ownerEmail?: string;
  /** Due date, YYYY-MM-DD. */
  due: string;
  /** As `evidenceRequestStatuses` says; due soon means within `evidence.dueSoonDays` of fieldwork.yaml. */
  status: 'current' | 'due_soon' | 'overdue' | 'missing' | 'not_applicable' | 'upcoming';
}

/**
 * Requests due soon and overdue (or missing), each told once per state: a request that was due
 * soon is told again when it turns overdue.
 *
 * @example
 * evidenceNotices([{ id: 'POL-01/2026', control: 'POL-01', covers: '2026', due: '2026-05-31', status: 'due_soon', ownerEmail: 'ana@x.io' }])
 */
export function evidenceNotices(requests: readonly EvidenceRequestState[]): Notice[] {
  const out: Notice[] = [];
  for (const r of requests) {
    if (r.status !== 'due_soon' && r.status !== 'overdue' && r.status !== 'missing') continue;
    const late = r.status !== 'due_soon';
    out.push({
      id: `${late ? 'evidence-overdue' : 'evidence-due'}:${r.id}`, kind: late ? 'evidence_overdue' : 'evidence_due',
      owners: r.ownerEmail ? [r.ownerEmail] : [], control: r.control,
      title: `${r.control}${r.title ? ` ${r.title}` : ''}: evidence for ${r.covers}`,
      detail: late ? `was due ${r.due}${r.status === 'missing' ? '; nothing submitted' : ''}` : `due ${r.due}`,
      link: `/controls/${encodeURIComponent(r.control)}`, at: r.due,
      occurrence: { of: `${r.control}${r.title ? ` ${r.title}` : ''}`, covers: r.covers },
    });
  }
  return out;
}

/** A source whose latest collection failed, and since when it has been failing. */
export interface FailedCollection {
  source: string;
  kind: string;
  /** The first failure of the current run of failures (its id keeps the notice from repeating daily). */
  failingSinceId: number;
  failingSince: string;
  lastAt: string;
  errorCode: string;
  errorMessage: string;
  failures: number;
}

/**
 * One notice per source whose latest collection failed, told once per run of failures (a source
 * that recovers and fails again is told again). Routed to the compliance owner.
 */
export function collectionNotices(failed: readonly FailedCollection[]): Notice[] {
  return failed.map((f) => ({
    id: `collection-failed:${f.source}:${f.failingSinceId}`, kind: 'collection_failed' as const, owners: [],
    title: `${f.source} (${f.kind})`,
    detail: `${f.errorCode}: ${f.errorMessage}${f.failures > 1 ? ` (${f.failures} failed collections since ${f.failingSince})` : ''}`,
    link: '/', at: f.lastAt,
  }));
}

/** What a notice needs from `store.verify()`. */
export interface LedgerVerdict {
  ok: boolean;
  headHash: string | null;
  problems: readonly { seq: number; kind: string; detail: string }[];
}

/**
 * A broken ledger is one notice naming the first broken thing, told once per distinct first
 * problem. Routed to the compliance owner.
 */
export function ledgerNotices(v: LedgerVerdict): Notice[] {
  if (v.ok || v.problems.length === 0) return [];
  const first = v.problems[0]!;
  return [{
    id: `ledger-broken:${first.kind}:${first.seq}:${v.headHash ?? 'none'}`, kind: 'ledger_broken', owners: [],
    title: `${first.kind} at ledger entry ${first.seq}`,
    detail: `${first.detail}${v.problems.length > 1 ? ` (and ${v.problems.length - 1} more problem(s))` : ''}; run \`fieldwork verify\``,
    link: '/ledger/verify',
  }];
}
