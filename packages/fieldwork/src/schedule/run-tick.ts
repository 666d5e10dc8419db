import { finishTick, startTick } from './schedule-ticks.js';
import type { RunnerContext } from './job-runner.js';

/** A tick to run: its row in `schedule_ticks`, the schedule entry's name and the cron instant. */
export interface TickRef {
  id: number;
  job: string;
  tick: string;
}

/**
 * Runs one attempt of a tick with the workspace as it is now, recording the attempt in
 * `schedule_ticks`. Resolves with the job's output; rejects when the job failed (the PostgreSQL
 * runner lets pg-boss retry it). An entry removed from fieldwork.yaml since the tick was
 * enqueued completes with a note instead of running.
 */
export async function runTick(ctx: RunnerContext, t: TickRef): Promise<unknown> {
  const { store, clock, instance } = ctx;
  await startTick(store.db, t.id, clock.now(), instance);
  const attempt = Number((await store.db.selectFrom('schedule_ticks').select('attempts').where('id', '=', t.id).executeTakeFirst())?.attempts ?? 1);
  ctx.emit({ type: 'started', job: t.job, tick: t.tick, attempt, instance });
  const notes: string[] = [];
  try {
    const job = ctx.plan().jobs.find((j) => j.name === t.job);
    let output: Record<string, unknown>;
    if (!job) output = { skipped: `"${t.job}" is no longer in schedule.jobs of fieldwork.yaml` };
    else {
      output = await job.kind.run({
        workspace: ctx.workspace(), store, job, tick: new Date(t.tick), clock, env: ctx.env,
        note: (note) => {
          notes.push(note);
          ctx.emit({ type: 'note', job: t.job, tick: t.tick, note, instance });
        },
      });
    }
    const full = notes.length ? { ...output, notes } : output;
    await finishTick(store.db, t.id, { state: 'completed', now: clock.now(), output: full });
    ctx.emit({ type: 'completed', job: t.job, tick: t.tick, attempt, instance, output: full });
    return full;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await finishTick(store.db, t.id, { state: 'failed', now: clock.now(), error, ...(notes.length ? { output: { notes } } : {}) }).catch(() => undefined);
    ctx.emit({ type: 'failed', job: t.job, tick: t.tick, attempt, instance, error });
    throw e;
  }
}
