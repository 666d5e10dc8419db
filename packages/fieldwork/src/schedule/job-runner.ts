import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import type { Clock } from './clock.js';
import type { SchedulePlan, ScheduledJob } from './schedule-plan.js';

/** Something the scheduler reports: a tick enqueued, a run started or ended, a problem. */
export type ScheduleEvent =
  | { type: 'enqueued'; job: string; tick: string; instance: string }
  | { type: 'missed'; job: string; tick: string; missed: number; instance: string }
  | { type: 'started'; job: string; tick: string; attempt: number; instance: string }
  | { type: 'note'; job: string; tick: string; note: string; instance: string }
  | { type: 'completed'; job: string; tick: string; attempt: number; instance: string; output: unknown }
  | { type: 'failed'; job: string; tick: string; attempt: number; instance: string; error: string }
  | { type: 'error'; message: string; instance: string };

/** What a runner needs from the scheduler that owns it. */
export interface RunnerContext {
  store: FieldworkStore;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** `host pid` (or a name a test gives), recorded with every tick this instance enqueues or runs. */
  instance: string;
  workspace(): LoadedWorkspace;
  plan(): SchedulePlan;
  emit(e: ScheduleEvent): void;
}

/**
 * Where due ticks go and who runs them: {@link InProcessRunner} on SQLite, {@link PgBossRunner}
 * on PostgreSQL (shared by every serve instance on the database).
 */
export interface JobRunner {
  readonly mode: 'in-process' | 'pg-boss';
  start(): Promise<void>;
  /** Enqueues the tick `(job, at)`; false when another instance (or an earlier call) already did. */
  enqueue(job: ScheduledJob, at: Date): Promise<boolean>;
  /** Resolves when nothing this instance took is queued or running. */
  idle(): Promise<void>;
  /** Stops taking jobs and waits up to `graceMs` for the one running. */
  stop(graceMs?: number): Promise<void>;
}
