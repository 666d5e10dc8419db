import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import { nameUuid } from '../report/name-uuid.js';
import { claimTick } from './schedule-ticks.js';
import type { JobRunner, RunnerContext } from './job-runner.js';
import { pgBossSchemaFor, SCHEDULE_QUEUE } from './pg-boss-schema.js';
import { runTick } from './run-tick.js';
import type { TickRef } from './run-tick.js';
import type { ScheduledJob } from './schedule-plan.js';

/** The job pg-boss carries: the tick's row and what it is for. */
type TickData = TickRef;

/**
 * The PostgreSQL runner: due ticks become pg-boss jobs that any serve instance on the database
 * may take. Each instance claims the tick in `schedule_ticks` and sends the job in the same
 * transaction, so a tick seen by several instances is enqueued once. A worker killed mid-run
 * leaves its job active; once it has run longer than `schedule.queue.timeoutSeconds`, pg-boss's
 * maintenance fails it and it is retried on whichever instance polls first.
 */
export class PgBossRunner implements JobRunner {
  readonly mode = 'pg-boss' as const;
  readonly #ctx: RunnerContext;
  #boss: PgBoss | undefined;
  #active = new Set<Promise<unknown>>();

  constructor(ctx: RunnerContext) {
    this.#ctx = ctx;
  }

  async start(): Promise<void> {
    const { store, instance } = this.#ctx;
    if (store.location.dialect !== 'postgres') throw new Error('PgBossRunner needs a PostgreSQL store');
    const q = this.#ctx.plan().queue;
    // Loaded here, not at the top: SQLite workspaces and every other command never pay for it.
    const { default: PgBossClass } = await import('pg-boss');
    const boss = new PgBossClass({
      connectionString: store.location.url,
      schema: await pgBossSchemaFor(store),
      application_name: `fieldwork-schedule ${instance}`.slice(0, 63),
      max: 3,
      // Fieldwork computes the ticks itself (with the injected clock); pg-boss only queues them.
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: q.maintenanceSeconds,
      // pg-boss deletes archived jobs after 7 days by default; the history is worth more than that.
      deleteAfterDays: q.historyDays,
    });
    boss.on('error', (e: Error) => this.#ctx.emit({ type: 'error', message: `pg-boss: ${e.message}`, instance }));
    await boss.start();
    await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'standard' });
    this.#boss = boss;
    await boss.work<TickData>(SCHEDULE_QUEUE, { batchSize: 1, pollingIntervalSeconds: q.pollSeconds }, async ([job]) => {
      const run = runTick(this.#ctx, job!.data);
      this.#active.add(run);
      try {
        return await run;
      } finally {
        this.#active.delete(run);
      }
    });
  }

  async enqueue(job: ScheduledJob, at: Date): Promise<boolean> {
    const boss = this.#boss;
    if (!boss) return false;
    const { store, clock, instance } = this.#ctx;
    const q = this.#ctx.plan().queue;
    const sent = await store.db.transaction().execute(async (trx) => {
      const id = await claimTick(trx, { job: job.name, kind: job.job, at, now: clock.now(), instance });
      if (id === null) return false;
      const data: TickData = { id, job: job.name, tick: at.toISOString() };
      const jobId = await boss.send(SCHEDULE_QUEUE, data, {
        // The same tick always has the same job id: the history names it, and a repeat cannot slip in.
        id: nameUuid('fieldwork-schedule', `${job.name}@${data.tick}`),
        retryLimit: q.retries,
        retryDelay: q.retryDelaySeconds,
        expireInSeconds: q.timeoutSeconds,
        db: { executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as any[] }) },
      });
      if (!jobId) throw new Error(`pg-boss did not accept the job for ${job.name} at ${data.tick}`);
      return true;
    });
    if (sent) this.#ctx.emit({ type: 'enqueued', job: job.name, tick: at.toISOString(), instance });
    return sent;
  }

  async idle(): Promise<void> {
    while (this.#active.size > 0) await Promise.allSettled([...this.#active]);
  }

  async stop(graceMs = 10_000): Promise<void> {
    const boss = this.#boss;
    this.#boss = undefined;
    if (!boss) return;
    // Graceful: running jobs get `graceMs`; what is still running then is failed and retried elsewhere.
    await boss.stop({ graceful: true, wait: true, timeout: graceMs });
  }
}
