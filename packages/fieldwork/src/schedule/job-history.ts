import { FieldworkError } from '@fieldwork/core';
import { sql } from 'kysely';
import type { FieldworkStore } from '../store/index.js';
import { pgBossSchemaFor, SCHEDULE_QUEUE } from './pg-boss-schema.js';

/** One scheduled run as the history shows it. */
export interface JobHistoryEntry {
  /** Row id (SQLite) or pg-boss job id (PostgreSQL). */
  id: string;
  /** The schedule entry's name. */
  job: string;
  /** The cron instant the run is for. */
  tick: string;
  /** queued | running | completed | failed | interrupted (SQLite); pg-boss states on PostgreSQL: created | retry | active | completed | cancelled | failed. */
  state: string;
  /** Attempts started (a killed worker's attempt counts). */
  attempts: number;
  /** pg-boss retries after a failure or timeout (PostgreSQL only). */
  retries?: number;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The serve instance (`host pid`) that ran the last attempt. */
  ranBy: string | null;
  output: unknown;
  error: string | null;
}

/** A page of history, newest first; pass `next` as `before` for the page after it. */
export interface JobHistoryPage {
  via: 'in-process' | 'pg-boss';
  jobs: JobHistoryEntry[];
  next: string | null;
}

const parse = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function badCursor(before: string): FieldworkError {
  return new FieldworkError('USAGE', `"${before}" is not a job history cursor.`, { hint: 'Pass the `next` value of the previous page (or leave it out for the newest jobs).' });
}

/**
 * The scheduled runs of a workspace, newest first, a page at a time (keyset paging: a page
 * never repeats or skips a run that was added meanwhile). On SQLite they come from
 * `schedule_ticks`; on PostgreSQL from pg-boss's own tables (queued, active and archived jobs),
 * with who ran each from `schedule_ticks`.
 *
 * @example
 * const page = await listJobHistory(store, { limit: 20 });
 * const older = page.next ? await listJobHistory(store, { limit: 20, before: page.next }) : undefined;
 */
export async function listJobHistory(store: FieldworkStore, o: { limit?: number; before?: string } = {}): Promise<JobHistoryPage> {
  const limit = o.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new FieldworkError('USAGE', `limit ${limit} is out of range.`, { hint: 'Use 1–1000.' });
  return store.dialect === 'postgres' ? fromPgBoss(store, limit, o.before) : fromTicks(store, limit, o.before);
}

async function fromTicks(store: FieldworkStore, limit: number, before?: string): Promise<JobHistoryPage> {
  let q = store.db.selectFrom('schedule_ticks').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (before !== undefined) {
    if (!/^\d+$/.test(before)) throw badCursor(before);
    q = q.where('id', '<', Number(before));
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return {
    via: 'in-process',
    jobs: page.map((r) => ({
      id: String(r.id), job: r.job, tick: r.tick_at, state: r.state, attempts: Number(r.attempts), enqueuedAt: r.enqueued_at,
      startedAt: r.started_at, finishedAt: r.finished_at, ranBy: r.ran_by, output: parse(r.output), error: r.error,
    })),
    next: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

interface BossRow {
  id: string;
  state: string;
  retry_count: number;
  data: { id?: number; job?: string; tick?: string } | null;
  output: unknown;
  created_on: Date;
  /** created_on at full (microsecond) precision, for the cursor. */
  created_key: string;
  started_on: Date | null;
  completed_on: Date | null;
  ran_by: string | null;
  attempts: number | null;
}

async function fromPgBoss(store: FieldworkStore, limit: number, before?: string): Promise<JobHistoryPage> {
  const schema = await pgBossSchemaFor(store);
  const exists = (await sql<{ t: string | null }>`select to_regclass(${`${schema}.job`}) as t`.execute(store.db)).rows[0]?.t;
  if (!exists) return { via: 'pg-boss', jobs: [], next: null };
  let cursor: [string, string] | undefined;
  if (before !== undefined) {
    try {
      cursor = JSON.parse(Buffer.from(before, 'base64url').toString('utf8')) as [string, string];
      if (!Array.isArray(cursor) || cursor.length !== 2 || Number.isNaN(Date.parse(cursor[0])) || !/^[0-9a-f-]{36}$/.test(cursor[1])) throw new Error('shape');
    } catch {
      throw badCursor(before);
    }
  }
  const s = sql.id(schema);
  const jobs = sql`select id, state::text as state, retry_count, data, output, created_on, started_on, completed_on from ${s}.job where name = ${SCHEDULE_QUEUE}
    union all select id, state::text, retry_count, data, output, created_on, started_on, completed_on from ${s}.archive where name = ${SCHEDULE_QUEUE}`;
  const rows = (await sql<BossRow>`select j.*, j.created_on::text as created_key, t.ran_by, t.attempts from (${jobs}) j
      left join schedule_ticks t on t.id = (j.data->>'id')::bigint
      ${cursor ? sql`where (j.created_on, j.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : sql``}
      order by j.created_on desc, j.id desc limit ${limit + 1}`.execute(store.db)).rows;
  const page = rows.slice(0, limit);
  const outputOf = (r: BossRow) => (r.output && typeof r.output === 'object' && 'value' in (r.output as object) ? (r.output as { value: unknown }).value : r.output);
  const last = page.at(-1);
  return {
    via: 'pg-boss',
    jobs: page.map((r) => {
      const out = outputOf(r);
      const failed = r.state === 'failed' || r.state === 'retry';
      return {
        id: r.id, job: r.data?.job ?? '?', tick: r.data?.tick ?? '?', state: r.state, attempts: Number(r.attempts ?? 0), retries: Number(r.retry_count),
        enqueuedAt: iso(r.created_on)!, startedAt: iso(r.started_on), finishedAt: iso(r.completed_on), ranBy: r.ran_by,
        output: failed ? null : out ?? null,
        error: failed ? (typeof out === 'object' && out && 'message' in out ? String((out as { message: unknown }).message) : JSON.stringify(out)) : null,
      };
    }),
    next: rows.length > limit && last ? Buffer.from(JSON.stringify([last.created_key, last.id])).toString('base64url') : null,
  };
}
