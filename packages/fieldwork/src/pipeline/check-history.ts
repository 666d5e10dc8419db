import { summarizeRun } from '@fieldwork/core/history';
import type { SummaryPoint } from '@fieldwork/core/history';
import type { CheckRun, Control } from '@fieldwork/core';
import { readRunData, readRunSummaries, replaceRunSummary, runsToSummarize, saveRunSummary } from '../store/index.js';
import type { FieldworkStore } from '../store/index.js';

/** How much history to read. */
export interface CheckHistoryOptions {
  /** At most this many runs, the latest by evidence date. */
  limit?: number;
  /** The controls to describe runs stored without theirs (runs keep the controls they ran since long ago). */
  controls: () => readonly Control[];
}

/**
 * The summaries of the stored check runs, oldest evidence date first. Runs stored before
 * summaries existed (or summarized in an older format) are summarized here once, one run in
 * memory at a time, and the summary kept; after that only summaries are read.
 *
 * @example
 * const points = await checkHistory(store, { limit: 60, controls: () => resolveControls(ws.config) })
 */
export async function checkHistory(store: FieldworkStore, o: CheckHistoryOptions): Promise<SummaryPoint[]> {
  for (const { runId, stale } of await runsToSummarize(store.db)) {
    const run = await readRunData<CheckRun & { controls?: Control[] }>(store.db, runId);
    if (!run || !Array.isArray(run.results)) continue;
    const summary = summarizeRun(run, run.controls ?? o.controls());
    await (stale ? replaceRunSummary(store.db, runId, summary) : saveRunSummary(store.db, runId, summary));
  }
  return readRunSummaries(store.db, { limit: o.limit });
}
