import { FieldworkError } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import type { Clock } from './clock.js';
import type { ScheduledJob } from './schedule-plan.js';

/** What a scheduled job is given when its tick runs. */
export interface ScheduledJobContext {
  workspace: LoadedWorkspace;
  store: FieldworkStore;
  job: ScheduledJob;
  /** The cron instant this run is for (not when it started). */
  tick: Date;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** A line for the serve log and the job's history notes. */
  note(message: string): void;
}

/** A summary of the run, kept in the job history (JSON; no secrets, no evidence). */
export type ScheduledJobOutput = Record<string, unknown>;

/**
 * A kind of job the schedule can name: `collect` and `check` are built in; other modules add
 * theirs with {@link registerJobKind} (the digest of `notify`). Throwing fails the run: on
 * PostgreSQL it is retried up to `schedule.queue.retries` times.
 */
export interface ScheduledJobKind {
  kind: string;
  description: string;
  run(ctx: ScheduledJobContext): Promise<ScheduledJobOutput>;
}

const kinds = new Map<string, ScheduledJobKind>();

/**
 * Makes a job kind available to `schedule.jobs[].job`. Call it at the top level of the module
 * that defines the job, and import that module from `src/schedule/index.ts` (one line at its
 * end), so the kind is known wherever the schedule is read (serve, `fieldwork jobs`, the
 * dashboard).
 *
 * @example
 * registerJobKind({ kind: 'digest', description: 'email the week's changes', run: async (ctx) => ({ sent: 3 }) });
 */
export function registerJobKind(kind: ScheduledJobKind): void {
  const existing = kinds.get(kind.kind);
  if (existing && existing !== kind) throw new FieldworkError('INTERNAL', `The scheduled job kind "${kind.kind}" is registered twice.`);
  kinds.set(kind.kind, kind);
}

/** The registered kind named `name`, if any. */
export function jobKind(name: string): ScheduledJobKind | undefined {
  return kinds.get(name);
}

/** Names of every registered job kind, sorted. */
export function jobKindNames(): string[] {
  return [...kinds.keys()].sort();
}

registerJobKind({
  kind: 'collect',
  description: 'collect every source (or the listed ones) into the store; queues behind a running collection',
  async run(ctx) {
    // The pipelines load when a job runs, so listing the schedule (`fieldwork jobs`) stays quick.
    const { collectWorkspace } = await import('../pipeline/collect-workspace.js');
    const outcomes = await collectWorkspace(ctx.workspace, ctx.store, {
      ...(ctx.job.sources ? { only: ctx.job.sources } : {}),
      env: ctx.env,
      wait: true,
      onWait: (holder) => ctx.note(`waited for the collection running ${holder}`),
    });
    const by = (s: string) => outcomes.filter((o) => o.status === s).map((o) => o.name);
    const failed = outcomes.filter((o) => o.status === 'failed').map((o) => ({ source: o.name, ...(o.error ? { code: o.error.code, message: o.error.message } : {}) }));
    // A failed source is a finding about that source, not a reason to run the whole job again.
    return { collected: by('collected'), unchanged: by('unchanged'), failed, records: outcomes.reduce((n, o) => n + o.records, 0) };
  },
});

registerJobKind({
  kind: 'check',
  description: 'test every control in scope and store the run (as `fieldwork check`)',
  async run(ctx) {
    const { checkWorkspace, summarize } = await import('../pipeline/check-workspace.js');
    const run = await checkWorkspace(ctx.workspace, ctx.store, {}, ctx.clock.now());
    return { runId: run.runId, period: run.period, summary: summarize(run.results) };
  },
});
