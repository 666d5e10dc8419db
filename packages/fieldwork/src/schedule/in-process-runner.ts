import { claimTick, interruptLeftovers } from './schedule-ticks.js';
import type { JobRunner, RunnerContext } from './job-runner.js';
import { runTick } from './run-tick.js';
import type { TickRef } from './run-tick.js';
import type { ScheduledJob } from './schedule-plan.js';

/**
 * The SQLite runner: due ticks queue in this process and run one at a time; `schedule_ticks`
 * keeps the history. A run cut short by the process stopping is marked `interrupted` at the next
 * start (nobody else would finish it); the next tick runs the job again.
 */
export class InProcessRunner implements JobRunner {
  readonly mode = 'in-process' as const;
  readonly #ctx: RunnerContext;
  #queue: TickRef[] = [];
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(ctx: RunnerContext) {
    this.#ctx = ctx;
  }

  async start(): Promise<void> {
    const n = await interruptLeftovers(this.#ctx.store.db, this.#ctx.clock.now());
    if (n > 0) this.#ctx.emit({ type: 'error', message: `${n} scheduled run(s) were cut short when serve last stopped; marked interrupted.`, instance: this.#ctx.instance });
  }

  async enqueue(job: ScheduledJob, at: Date): Promise<boolean> {
    if (this.#stopped) return false;
    const { store, clock, instance } = this.#ctx;
    const id = await claimTick(store.db, { job: job.name, kind: job.job, at, now: clock.now(), instance });
    if (id === null) return false;
    this.#queue.push({ id, job: job.name, tick: at.toISOString() });
    this.#ctx.emit({ type: 'enqueued', job: job.name, tick: at.toISOString(), instance });
    this.#pump();
    return true;
  }

  #pump(): void {
    if (this.#running) return;
    this.#running = (async () => {
      while (!this.#stopped && this.#queue.length > 0) {
        const next = this.#queue.shift()!;
        // A failed run is recorded in its row and reported; the next tick tries again.
        await runTick(this.#ctx, next).catch(() => undefined);
      }
    })().finally(() => {
      this.#running = undefined;
    });
  }

  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    this.#queue = [];
    if (this.#running) await Promise.race([this.#running, new Promise((r) => setTimeout(r, graceMs).unref())]);
  }
}
