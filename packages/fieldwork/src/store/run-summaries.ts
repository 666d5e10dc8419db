import { RUN_SUMMARY_VERSION } from '@fieldwork/core/history';
import type { RunSummary, SummaryPoint } from '@fieldwork/core/history';
import type { Kysely } from 'kysely';
import { readStoredRun } from './run-rows.js';
import type { Database } from './schema.js';

/** Which summaries to read. */
export interface ReadSummariesOptions {
  /** At most this many, the latest by evidence date (then run id). */
  limit?: number;
}

/** Stores a check run's summary (a second write for the same run keeps the first: summaries of a run never change). */
export async function saveRunSummary(db: Kysely<Database>, runId: number, summary: RunSummary): Promise<void> {
  await db.insertInto('run_summaries')
    .values({ run_id: runId, version: summary.version, as_of: summary.asOf, summary: JSON.stringify(summary) })
    .onConflict((oc) => oc.column('run_id').doNothing())
    .execute();
}

/** Replaces a summary written in an older format. */
export async function replaceRunSummary(db: Kysely<Database>, runId: number, summary: RunSummary): Promise<void> {
  await db.updateTable('run_summaries').set({ version: summary.version, as_of: summary.asOf, summary: JSON.stringify(summary) }).where('run_id', '=', runId).execute();
}

/**
 * Ids of check runs without a current summary: stored before summaries existed, or summarized in
 * an older format. Reads ids only, never the runs' data.
 */
export async function runsToSummarize(db: Kysely<Database>): Promise<{ runId: number; stale: boolean }[]> {
  const rows = await db.selectFrom('runs')
    .leftJoin('run_summaries', 'run_summaries.run_id', 'runs.id')
    .select(['runs.id as id', 'run_summaries.version as version'])
    .where('runs.type', '=', 'check')
    .where((eb) => eb.or([eb('run_summaries.version', 'is', null), eb('run_summaries.version', '<>', RUN_SUMMARY_VERSION)]))
    .orderBy('runs.id')
    .execute();
  return rows.map((r) => ({ runId: Number(r.id), stale: r.version !== null }));
}

/** The stored summaries in time order (evidence date, then run id), with each run's time. */
export async function readRunSummaries(db: Kysely<Database>, o: ReadSummariesOptions = {}): Promise<SummaryPoint[]> {
  let q = db.selectFrom('run_summaries')
    .innerJoin('runs', 'runs.id', 'run_summaries.run_id')
    .select(['run_summaries.run_id as runId', 'runs.created_at as createdAt', 'run_summaries.summary as summary'])
    .where('run_summaries.version', '=', RUN_SUMMARY_VERSION)
    .orderBy('run_summaries.as_of', 'desc').orderBy('run_summaries.run_id', 'desc');
  if (o.limit !== undefined) q = q.limit(o.limit);
  const rows = await q.execute();
  return rows.reverse().map((r) => ({ runId: Number(r.runId), createdAt: r.createdAt, summary: JSON.parse(r.summary) as RunSummary }));
}

/** One stored run's data, parsed (for summarizing a run stored before summaries existed). */
export async function readRunData<T>(db: Kysely<Database>, runId: number): Promise<T | undefined> {
  const row = await db.selectFrom('runs').select(['id', 'type', 'data', 'pruned_at']).where('id', '=', runId).executeTakeFirst();
  return row ? readStoredRun<T>(db, row) : undefined;
}
