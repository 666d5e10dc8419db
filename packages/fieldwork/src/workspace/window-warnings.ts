import type { Period } from '@fieldwork/core';

/** The dates the collected evidence covers (earliest and latest day of any artifact's records). */
export interface EvidenceSpan {
  from: string;
  to: string;
}

/** Where a person changes the window: the flag and the YAML key, said the same way everywhere. */
export const WINDOW_FIX = 'choose the period with --from/--to, or set scope.report (from/to, or asOf) in fieldwork.yaml';

/**
 * The dates every artifact in the ledger covers, from the ledger entries' period columns; null
 * when nothing dated was collected. Policies and approvals are not time series, so they do not
 * widen it.
 */
export function evidenceSpan(entries: readonly { kind: string; periodFrom: string | null; periodTo: string | null }[]): EvidenceSpan | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const e of entries) {
    if (e.kind === 'policies-md' || e.kind === 'policy-approval') continue;
    const a = e.periodFrom?.slice(0, 10);
    const b = (e.periodTo ?? e.periodFrom)?.slice(0, 10);
    if (a && (from === null || a < from)) from = a;
    if (b && (to === null || b > to)) to = b;
  }
  return from && to ? { from, to } : null;
}

/**
 * What is wrong with a period as a window of evidence, in words a person can act on: a window
 * that lies (partly) in the future, or outside the dates any collected evidence covers. Empty
 * when the window is one evidence can speak for. Each line ends with the fix.
 *
 * @example
 * windowWarnings({ from: '2027-03-07', to: '2027-09-04' }, '2026-12-06', null)
 * // ['The period 2027-03-07 to 2027-09-04 lies in the future (today is 2026-12-06): …']
 */
export function windowWarnings(period: Period, today: string, evidence: EvidenceSpan | null): string[] {
  // A Type I assessment has one date, not a window.
  const p = period.from === period.to ? `The date ${period.from}` : `The period ${period.from} to ${period.to}`;
  const out: string[] = [];
  if (period.from > today) {
    out.push(`${p} lies in the future (today is ${today}): no evidence can exist for it yet, so nothing in it can pass; ${WINDOW_FIX}.`);
    return out;
  }
  if (period.to > today) out.push(`${p} ends after today (${today}): the days from ${today} on have no evidence yet; ${WINDOW_FIX}.`);
  if (evidence && period.to < evidence.from) {
    out.push(`${p} ends before any collected evidence (which covers ${evidence.from} to ${evidence.to}); ${WINDOW_FIX}.`);
  } else if (evidence && period.from > evidence.to) {
    out.push(`${p} starts after the last collected evidence (which covers ${evidence.from} to ${evidence.to}); collect newer exports, or ${WINDOW_FIX}.`);
  }
  return out;
}

/**
 * The line for a window when nothing dated has been collected at all (a new workspace, or one
 * whose only sources are policies): the window is empty, so no control can pass in it yet. Not
 * said for a window in the future, which {@link windowWarnings} already names.
 *
 * @example
 * emptyWindowWarning({ from: '2026-06-08', to: '2026-12-06' }, '2026-12-06', null)
 * // 'No dated evidence has been collected yet: the period 2026-06-08 to 2026-12-06 is empty, …'
 */
export function emptyWindowWarning(period: Period, today: string, evidence: EvidenceSpan | null): string | undefined {
  if (evidence !== null || period.from > today) return undefined;
  const p = period.from === period.to ? `the date ${period.from}` : `the period ${period.from} to ${period.to}`;
  return `No dated evidence has been collected yet: ${p} is empty, so no control can pass in it (policies aside); point sources in fieldwork.yaml at your exports and run fieldwork collect.`;
}
