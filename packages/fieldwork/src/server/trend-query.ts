import type { CheckStatus } from '@fieldwork/core/checks';
import type { TrendFilter } from '@fieldwork/core/history';
import { ServerError } from './server-error.js';

const STATUSES: readonly CheckStatus[] = ['pass', 'exception', 'insufficient_evidence', 'not_tested'];

/** Runs the trend page shows unless `runs` says otherwise, and the most it will show. */
export const DEFAULT_RUNS = 60;
export const MAX_RUNS = 500;

/**
 * The control filter of a dashboard page from its GET query: `category`, `owner`, `status`,
 * `criterion`, `q` (search). Empty values are no filter; an unknown status is a 400 naming it.
 */
export function filterOf(query: (k: string) => string | undefined): TrendFilter {
  const v = (k: string) => {
    const s = query(k)?.trim();
    return s ? s.slice(0, 200) : undefined;
  };
  const status = v('status');
  if (status !== undefined && !STATUSES.includes(status as CheckStatus)) {
    throw new ServerError(400, 'BAD_REQUEST', `The status filter "${status}" is not a check status.`, `Use one of: ${STATUSES.join(', ')} (or leave it empty).`);
  }
  return { category: v('category'), owner: v('owner'), status: status as CheckStatus | undefined, criterion: v('criterion'), q: v('q') };
}

/** The `runs` query parameter: how many of the latest runs to draw. */
export function runsOf(query: (k: string) => string | undefined): number {
  const raw = query('runs')?.trim();
  if (!raw) return DEFAULT_RUNS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_RUNS) {
    throw new ServerError(400, 'BAD_REQUEST', `runs=${raw} is not a number of runs between 1 and ${MAX_RUNS}.`, `Leave it out to see the latest ${DEFAULT_RUNS} runs.`);
  }
  return Number(raw);
}

/** True when a filter narrows anything. */
export const isFiltered = (f: TrendFilter) => Object.values(f).some((x) => x !== undefined);

/** The filter as a query string (for links that keep it while changing one field). */
export function queryOf(f: TrendFilter & { runs?: number }, change: Partial<Record<keyof TrendFilter | 'runs', string | number | undefined>> = {}): string {
  const all: Record<string, unknown> = { ...f, ...change };
  const params = new URLSearchParams();
  for (const k of ['q', 'category', 'owner', 'status', 'criterion', 'runs']) if (all[k] !== undefined && all[k] !== '') params.set(k, String(all[k]));
  const s = params.toString();
  return s ? `?${s}` : '';
}
