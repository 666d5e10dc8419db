import { hostname } from 'node:os';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { InProcessRunner } from './in-process-runner.js';
import type { JobRunner, RunnerContext, ScheduleEvent } from './job-runner.js';
import { PgBossRunner } from './pg-boss-runner.js';
import { compileSchedule } from './schedule-plan.js';
import type { SchedulePlan } from './schedule-plan.js';

/** How a scheduler is started. */
export interface SchedulerOptions {
  /** The workspace as it is now (serve re-reads fieldwork.yaml when it changes). */
  workspace: () => LoadedWorkspace;
  store: FieldworkStore;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Recorded with every tick this instance enqueues or runs; default `host pid`. */
  instance?: string;
  onEvent?: (e: ScheduleEvent) => void;
}

/** Longest the loop sleeps before reading fieldwork.yaml again (a new or changed entry takes effect). */
const RECHECK_MS = 5 * 60_000;

/**
 * Runs a workspace's `schedule:` on its own: sleeps on the clock until the next cron instant,
 * hands each due tick to the runner (in-process on SQLite, pg-boss on PostgreSQL) and goes back
 * to sleep. Ticks are counted from the moment it starts (nothing from before is caught up);
 * when a sleep overshoots several instants of one entry, only the latest runs and the others
 * are reported as missed.
 *
 * @example
 * const scheduler = await Scheduler.start({ workspace: () => loadWorkspace(dir), store });
 * // … later
 * await scheduler.stop();
 */
export class Scheduler {
  readonly runner: JobRunner;
  readonly instance: string;
  readonly #clock: Clock;
  readonly #o: SchedulerOptions;
  readonly #abort = new AbortController();
  #plan: { ws: LoadedWorkspace; plan: SchedulePlan };
  #from: Date;
  #loop: Promise<void> | undefined;
  #waiters: { at: number; resolve: () => void }[] = [];
  #sleepingUntil: number | undefined;
  #stopping: Promise<void> | undefined;

  private constructor(o: SchedulerOptions, plan: SchedulePlan, ws: LoadedWorkspace) {
    this.#o = o;
    this.#clock = o.clock ?? systemClock;
    this.instance = o.instance ?? `${hostname()} ${process.pid}`;
    this.#plan = { ws, plan };
    this.#from = this.#clock.now();
    const ctx: RunnerContext = {
      store: o.store, clock: this.#clock, env: o.env ?? process.env, instance: this.instance,
      workspace: () => this.#current().ws,
      plan: () => this.#current().plan,
      emit: (e) => o.onEvent?.(e),
    };
    this.runner = o.store.dialect === 'postgres' ? new PgBossRunner(ctx) : new InProcessRunner(ctx);
  }

  /**
   * Compiles the schedule (a bad entry throws CONFIG_INVALID before anything starts), starts the
   * runner and the loop. Without schedule entries it starts nothing and `jobs` is empty.
   */
  static async start(o: SchedulerOptions): Promise<Scheduler> {
    const ws = o.workspace();
    const s = new Scheduler(o, compileSchedule(ws), ws);
    if (s.jobs.length > 0) {
      await s.runner.start();
      s.#loop = s.#run();
    }
    return s;
  }

  /** The schedule entries in effect. */
  get jobs(): SchedulePlan['jobs'] {
    return this.#plan.plan.jobs;
  }

  /** The workspace and compiled plan; recompiled when fieldwork.yaml changed (a broken edit keeps the last good plan). */
  #current(): { ws: LoadedWorkspace; plan: SchedulePlan } {
    let ws: LoadedWorkspace;
    try {
      ws = this.#o.workspace();
      if (ws === this.#plan.ws) return this.#plan;
      this.#plan = { ws, plan: compileSchedule(ws) };
    } catch (e) {
      this.#o.onEvent?.({ type: 'error', message: `schedule not reloaded, keeping the last one: ${e instanceof Error ? e.message : String(e)}`, instance: this.instance });
    }
    return this.#plan;
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      const { plan } = this.#current();
      let next = this.#from.getTime() + RECHECK_MS;
      for (const j of plan.jobs) next = Math.min(next, j.nextRun(this.#from)?.getTime() ?? Infinity);
      // Nothing is due before `next`: whoever waits for an earlier instant is caught up.
      this.#sleepingUntil = next;
      this.#wake((at) => at < next);
      await this.#clock.sleepUntil(new Date(next), signal);
      this.#sleepingUntil = undefined;
      if (signal.aborted) break;
      const now = this.#clock.now();
      for (const j of this.#current().plan.jobs) {
        const due: Date[] = [];
        for (let t = j.nextRun(this.#from); t && t.getTime() <= now.getTime(); t = j.nextRun(t)) {
          due.push(t);
          if (due.length > 1000) due.shift();
        }
        const last = due.at(-1);
        if (!last) continue;
        if (due.length > 1) this.#o.onEvent?.({ type: 'missed', job: j.name, tick: last.toISOString(), missed: due.length - 1, instance: this.instance });
        try {
          await this.runner.enqueue(j, last);
        } catch (e) {
          this.#o.onEvent?.({ type: 'error', message: `could not enqueue ${j.name} at ${last.toISOString()}: ${e instanceof Error ? e.message : String(e)}`, instance: this.instance });
        }
      }
      this.#from = now;
      this.#wake((at) => at <= now.getTime());
    }
  }

  #wake(due: (at: number) => boolean): void {
    for (const w of this.#waiters.filter((x) => due(x.at))) w.resolve();
    this.#waiters = this.#waiters.filter((x) => !due(x.at));
  }

  /** Resolves once every tick up to `at` has been handed to the runner (for tests on a manual clock). */
  caughtUp(at: Date): Promise<void> {
    const t = at.getTime();
    if (this.#from.getTime() >= t || !this.#loop || (this.#sleepingUntil !== undefined && this.#sleepingUntil > t)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ at: at.getTime(), resolve }));
  }

  /** Stops the loop and the runner (waiting up to `graceMs` for a running job). */
  stop(graceMs?: number): Promise<void> {
    this.#stopping ??= this.#stop(graceMs);
    return this.#stopping;
  }

  async #stop(graceMs?: number): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    this.#wake(() => true);
    await this.runner.stop(graceMs);
  }
}
