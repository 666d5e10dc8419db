import { criteria as catalogCriteria } from '../catalog/criteria.js';
import type { CheckStatus } from '../checks/check.js';
import { addToCounts, emptyCounts } from './run-summary.js';
import type { ControlSummary, RunSummary, StatusCounts } from './run-summary.js';

/** A stored run summary with the run it came from. */
export interface SummaryPoint {
  runId: number;
  createdAt: string;
  summary: RunSummary;
}

/** Which controls a trend counts. Every field narrows; an empty filter counts all of them. */
export interface TrendFilter {
  /** Control category (`access`, `change`, …). */
  category?: string;
  /** Owner role (`security`, `engineering`, …). */
  owner?: string;
  /** The control's status in the latest run shown: the history of what fails today. */
  status?: CheckStatus;
  /** A Trust Services Criterion id (`CC6.2`). */
  criterion?: string;
  /** Search text: a control id or words of its title (case-insensitive). */
  q?: string;
}

/** One run on the time axis. */
export interface TrendPoint {
  runId: number;
  createdAt: string;
  asOf: string;
  /** Counts over the matching controls in this run. */
  counts: StatusCounts;
  /** Distinct exceptions open in this run. */
  open: number;
  /** Exceptions not in the previous run (for the first run with no baseline: all of its exceptions). */
  opened: number;
  /** Exceptions of the previous run that this run no longer has (0 for the first run with no baseline). */
  closed: number;
}

/** One control's line in the history: its status in each run (null where it was not in scope). */
export interface ControlTrend {
  id: string;
  title: string;
  category: string;
  ownerRole: string;
  criteria: string[];
  statuses: (CheckStatus | null)[];
  /** Exceptions in the latest run it was part of. */
  exceptions: number;
}

/** A group's counts in each run (null where none of its controls was in the run). */
export interface GroupTrend {
  key: string;
  counts: (StatusCounts | null)[];
}

/** What the trend page draws. */
export interface Trend {
  points: TrendPoint[];
  controls: ControlTrend[];
  byCategory: GroupTrend[];
  byCriterion: GroupTrend[];
  /**
   * True when some run shown knows its overdue evidence requests. Runs that do not (stored before
   * requests were tracked) have no count: a gap in that series, never a zero.
   */
  hasRequests: boolean;
}

/** The values the filters can take, from the latest run (for the filter form's choices). */
export interface TrendFacets {
  categories: string[];
  owners: string[];
  criteria: string[];
  statuses: CheckStatus[];
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const CRITERION_ORDER = new Map(catalogCriteria.map((c, i) => [c.id, i]));
/** Criteria in catalog order (CC1.1 … then A, C, PI, P), unknown ids after them by name. */
const byCatalog = (xs: Iterable<string>) => sorted(xs).sort((a, b) => (CRITERION_ORDER.get(a) ?? Infinity) - (CRITERION_ORDER.get(b) ?? Infinity) || a.localeCompare(b, 'en', { numeric: true }));

/** Orders points on the time axis: by evidence date, then by run id (runs at the same date in the order they were stored). */
export function orderPoints(points: readonly SummaryPoint[]): SummaryPoint[] {
  return [...points].sort((a, b) => (a.summary.asOf < b.summary.asOf ? -1 : a.summary.asOf > b.summary.asOf ? 1 : a.runId - b.runId));
}

/** True when a control matches the search text (id or title, case-insensitive; every word must match). */
export function matchesSearch(c: Pick<ControlSummary, 'id' | 'title'>, q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${c.id} ${c.title}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** True when a control matches the filter (`status` is compared with the status given). */
export function matchesFilter(c: Pick<ControlSummary, 'id' | 'title' | 'category' | 'ownerRole' | 'criteria'>, status: CheckStatus | null, f: TrendFilter): boolean {
  if (f.category && c.category !== f.category) return false;
  if (f.owner && c.ownerRole !== f.owner) return false;
  if (f.criterion && !c.criteria.includes(f.criterion)) return false;
  if (f.status && status !== f.status) return false;
  return matchesSearch(c, f.q);
}

/** The filter choices offered by a history: what its latest run holds. */
export function trendFacets(points: readonly SummaryPoint[]): TrendFacets {
  const last = orderPoints(points).at(-1)?.summary.controls ?? [];
  return {
    categories: sorted(last.map((c) => c.category)),
    owners: sorted(last.map((c) => c.ownerRole)),
    criteria: byCatalog(last.flatMap((c) => c.criteria)),
    statuses: (['exception', 'insufficient_evidence', 'not_tested', 'pass'] as const).filter((s) => last.some((c) => c.status === s)),
  };
}

/**
 * The history of readiness over stored check runs for the controls a filter selects: per run the
 * controls by status, exceptions open, opened and closed since the previous run, and the same
 * counts per category and per criterion; per control its status in each run. A control is
 * described (category, owner, title) as the latest run it appears in describes it. `baseline`
 * is the run just before the first one (when the history is cut): the first run's opened and
 * closed are counted against it instead of counting all its exceptions as opened.
 *
 * @example
 * const trend = trendSeries(points, { category: 'access' })
 * trend.points.map((p) => p.counts.pass) // controls of the access category passing, run by run
 */
export function trendSeries(input: readonly SummaryPoint[], filter: TrendFilter = {}, o: { baseline?: SummaryPoint } = {}): Trend {
  const points = orderPoints(input);
  const latest = new Map<string, ControlSummary>();
  for (const p of points) for (const c of p.summary.controls) latest.set(c.id, c);
  const lastRun = new Map((points.at(-1)?.summary.controls ?? []).map((c) => [c.id, c.status]));
  const chosen = new Set([...latest.values()].filter((c) => matchesFilter(c, lastRun.get(c.id) ?? null, filter)).map((c) => c.id));

  const out: TrendPoint[] = [];
  const categories = new Map<string, (StatusCounts | null)[]>();
  const criteria = new Map<string, (StatusCounts | null)[]>();
  const group = (m: Map<string, (StatusCounts | null)[]>, key: string, i: number) => {
    let row = m.get(key);
    if (!row) m.set(key, (row = points.map(() => null)));
    return (row[i] ??= emptyCounts());
  };
  // The run just before the window, when there is one, is what the first run's opened and closed compare with.
  let previous: Set<string> | undefined = o.baseline ? new Set(o.baseline.summary.controls.filter((c) => chosen.has(c.id)).flatMap((c) => c.exceptionIds)) : undefined;
  points.forEach((p, i) => {
    const counts = emptyCounts();
    const ids = new Set<string>();
    for (const c of p.summary.controls) {
      if (!chosen.has(c.id)) continue;
      addToCounts(counts, c);
      addToCounts(group(categories, c.category, i), c);
      for (const k of c.criteria) addToCounts(group(criteria, k, i), c);
      for (const id of c.exceptionIds) ids.add(id);
    }
    const opened = [...ids].filter((id) => !previous?.has(id)).length;
    const closed = previous ? [...previous].filter((id) => !ids.has(id)).length : 0;
    out.push({ runId: p.runId, createdAt: p.createdAt, asOf: p.summary.asOf, counts, open: ids.size, opened, closed });
    previous = ids;
  });

  const controls: ControlTrend[] = [...chosen].map((id) => {
    const c = latest.get(id) as ControlSummary;
    const statuses = points.map((p) => p.summary.controls.find((x) => x.id === id)?.status ?? null);
    return { id, title: c.title, category: c.category, ownerRole: c.ownerRole, criteria: c.criteria, statuses, exceptions: c.exceptionIds.length };
  }).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

  const groups = (m: Map<string, (StatusCounts | null)[]>, order: (keys: Iterable<string>) => string[]) => order(m.keys()).map((key) => ({ key, counts: m.get(key) as (StatusCounts | null)[] }));
  return {
    points: out, controls, byCategory: groups(categories, sorted), byCriterion: groups(criteria, byCatalog),
    hasRequests: points.some((p) => p.summary.totals.requestsOverdue !== undefined),
  };
}
