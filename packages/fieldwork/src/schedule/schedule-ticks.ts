import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';

/** States of a tick row. `interrupted`: its process ended mid-run (SQLite; PostgreSQL retries instead). */
export type TickState = 'queued' | 'running' | 'completed' | 'failed' | 'interrupted';

/**
 * Claims the tick `(job, at)` for this instance: true when this call inserted it, false when
 * another instance (or an earlier run of this one) already did. The unique index on
 * `(job, tick_at)` decides, so the same tick is enqueued once however many instances see it.
 */
export async function claimTick(db: Kysely<Database>, t: { job: string; kind: string; at: Date; now: Date; instance: string }): Promise<number | null> {
  const row = await db.insertInto('schedule_ticks')
    .values({ job: t.job, kind: t.kind, tick_at: t.at.toISOString(), state: 'queued', enqueued_at: t.now.toISOString(), enqueued_by: t.instance })
    .onConflict((oc) => oc.columns(['job', 'tick_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Marks an attempt as started by `instance`. */
export async function startTick(db: Kysely<Database>, id: number, now: Date, instance: string): Promise<void> {
  await db.updateTable('schedule_ticks')
    .set((eb) => ({ state: 'running', started_at: now.toISOString(), ran_by: instance, attempts: eb('attempts', '+', 1), finished_at: null, error: null }))
    .where('id', '=', id).execute();
}

/** Records how an attempt ended. */
export async function finishTick(db: Kysely<Database>, id: number, r: { state: TickState; now: Date; output?: unknown; error?: string }): Promise<void> {
  await db.updateTable('schedule_ticks')
    .set({ state: r.state, finished_at: r.now.toISOString(), output: r.output === undefined ? null : JSON.stringify(r.output), error: r.error ?? null })
    .where('id', '=', id).execute();
}

/**
 * Marks ticks this instance left queued or running when it stopped as `interrupted` (SQLite runs
 * jobs in its own process: nobody else will finish them). Returns how many.
 */
export async function interruptLeftovers(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db.updateTable('schedule_ticks')
    .set({ state: 'interrupted', finished_at: now.toISOString(), error: 'the serve process stopped before this run finished' })
    .where('state', 'in', ['queued', 'running']).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
