import { createHash } from 'node:crypto';
import type { Control } from '../catalog/control.js';
import type { CheckStatus } from '../checks/check.js';
import type { CheckRun, ControlResult } from '../checks/run-checks.js';
import type { Period } from '../time/index.js';

/** The summary format; bumped when a field changes meaning, so old summaries can be recomputed. */
export const RUN_SUMMARY_VERSION = 1;

/** Controls by status in one run, plus the exceptions they carry. */
export interface StatusCounts {
  controls: number;
  pass: number;
  exception: number;
  insufficient_evidence: number;
  not_tested: number;
  /** Exceptions across those controls. */
  exceptions: number;
  /** Evidence requests overdue at the run's evidence date, when known (see {@link SummaryExtras}). */
  requestsOverdue?: number;
}

/** One control in a run summary: what the trend page filters on and counts. */
export interface ControlSummary {
  id: string;
  title: string;
  category: string;
  criteria: string[];
  ownerRole: string;
  status: CheckStatus;
  /**
   * Stable ids of the control's exceptions (a short hash of control, rule, subject and item), so
   * two runs can be compared: ids only in the later run were opened, ids only in the earlier closed.
   */
  exceptionIds: string[];
  /** Evidence requests of this control overdue at the run's evidence date, when known. */
  requestsOverdue?: number;
}

/**
 * A compact, self-contained digest of one check run: per control its status and exception ids,
 * and the counts per category and per Trust Services Criterion. Independent of how the full run
 * is stored, so history stays readable when runs are trimmed.
 */
export interface RunSummary {
  version: number;
  period: Period;
  asOf: string;
  totals: StatusCounts;
  byCategory: Record<string, StatusCounts>;
  byCriterion: Record<string, StatusCounts>;
  controls: ControlSummary[];
}

/** Facts the run itself does not hold but its summary may carry. */
export interface SummaryExtras {
  /**
   * Evidence requests overdue at the run's evidence date, per control id. Omitted when the
   * workspace cannot tell (the series is then left out, not drawn as zero).
   */
  requestsOverdue?: ReadonlyMap<string, number>;
}

/** A stable short id for one exception of a control (the same deviation keeps its id across runs). */
export function exceptionId(control: string, e: Pick<ControlResult['exceptions'][number], 'rule' | 'subject' | 'itemId'>): string {
  return createHash('sha256').update(`${control}\u0000${e.rule}\u0000${e.subject}\u0000${e.itemId ?? ''}`).digest('hex').slice(0, 16);
}

/** Zeroed counts. */
export function emptyCounts(): StatusCounts {
  return { controls: 0, pass: 0, exception: 0, insufficient_evidence: 0, not_tested: 0, exceptions: 0 };
}

/** Adds one control's status, exceptions and overdue requests to `counts`. */
export function addToCounts(counts: StatusCounts, c: Pick<ControlSummary, 'status' | 'exceptionIds' | 'requestsOverdue'>): StatusCounts {
  counts.controls += 1;
  counts[c.status] += 1;
  counts.exceptions += c.exceptionIds.length;
  if (c.requestsOverdue !== undefined) counts.requestsOverdue = (counts.requestsOverdue ?? 0) + c.requestsOverdue;
  return counts;
}

/**
 * Summarizes a check run against the controls it ran (their category, criteria and owner role
 * come from there; a result whose control is not listed keeps `unknown` for them).
 *
 * @example
 * const summary = summarizeRun(run, controls)
 * summary.byCategory.access.exception // controls of the access category with exceptions
 */
export function summarizeRun(run: CheckRun, controls: readonly Control[], extras: SummaryExtras = {}): RunSummary {
  const byId = new Map(controls.map((c) => [c.id, c]));
  const summaries: ControlSummary[] = run.results.map((r) => {
    const control = byId.get(r.control);
    const ids = [...new Set(r.exceptions.map((e) => exceptionId(r.control, e)))].sort();
    const overdue = extras.requestsOverdue?.get(r.control);
    return {
      id: r.control, title: r.title, category: control?.category ?? 'unknown', criteria: control ? [...control.criteria] : [],
      ownerRole: control?.ownerRole ?? 'unknown', status: r.status, exceptionIds: ids,
      ...(extras.requestsOverdue ? { requestsOverdue: overdue ?? 0 } : {}),
    };
  });
  const totals = emptyCounts();
  const byCategory: Record<string, StatusCounts> = {};
  const byCriterion: Record<string, StatusCounts> = {};
  for (const c of summaries) {
    addToCounts(totals, c);
    addToCounts((byCategory[c.category] ??= emptyCounts()), c);
    for (const id of c.criteria) addToCounts((byCriterion[id] ??= emptyCounts()), c);
  }
  return { version: RUN_SUMMARY_VERSION, period: { ...run.period }, asOf: run.asOf, totals, byCategory, byCriterion, controls: summaries };
}
