import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { integrityWorkspace, TEST_DATABASE_URL } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';
import { listJobHistory } from './job-history.js';
import type { ScheduleEvent } from './job-runner.js';
import { ManualClock } from './manual-clock.js';
import { pgBossSchemaFor, SCHEDULE_QUEUE } from './pg-boss-schema.js';
import { addSchedule, countingJob, dropPgBossSchema } from './schedule-test-support.js';
import { Scheduler } from './scheduler.js';
import { registerJobKind } from './job-kinds.js';

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

describe.skipIf(!TEST_DATABASE_URL)('scheduled runs on PostgreSQL (pg-boss), two instances on one database', () => {
  it('an hour of simulated time on two instances with separate pools: each tick enqueued once, run once, work shared', async () => {
    const iw = await integrityWorkspace('postgres');
    iw.addRoster(1);
    const counted = countingJob('pg-count', { delayMs: 50 });
    addSchedule(iw.dir, [
      'queue: { pollSeconds: 0.5, maintenanceSeconds: 5, retryDelaySeconds: 1 }',
      'jobs:',
      '  - { job: collect, cron: "*/15 * * * *" }',
      '  - { job: check, cron: "*/30 * * * *" }',
      `  - { name: every-5, job: ${counted.kind}, cron: "*/5 * * * *" }`,
      `  - { name: every-5-too, job: ${counted.kind}, cron: "2-59/5 * * * *" }`,
    ]);
    const clock = new ManualClock(START);
    const events: ScheduleEvent[] = [];
    const stores = [await iw.open(), await iw.open()];
    const schedulers: Scheduler[] = [];
    try {
      for (const [i, store] of stores.entries()) {
        schedulers.push(await Scheduler.start({ workspace: () => loadWorkspace(iw.dir), store, clock, instance: `instance-${i + 1}`, onEvent: (e) => events.push(e) }));
      }
      expect(schedulers.map((s) => s.runner.mode)).toEqual(['pg-boss', 'pg-boss']);
      const db = stores[0]!.db;
      for (let m = 0; m < 60; m++) {
        clock.advance(MINUTE);
        await Promise.all(schedulers.map((s) => s.caughtUp(clock.now())));
        // Whichever instance polls first takes each job: wait until every enqueued tick has ended.
        for (let i = 0; ; i++) {
          const open = await db.selectFrom('schedule_ticks').select('id').where('state', 'in', ['queued', 'running']).execute();
          if (open.length === 0) break;
          if (i > 600) throw new Error(`ticks still open at ${clock.now().toISOString()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const rows = await db.selectFrom('schedule_ticks').selectAll().orderBy('tick_at').execute();
      const count = (job: string) => rows.filter((r) => r.job === job).length;
      expect([count('collect'), count('check'), count('every-5'), count('every-5-too')]).toEqual([4, 2, 12, 12]);
      expect(rows.filter((r) => r.state !== 'completed' || r.attempts !== 1)).toEqual([]);
      // Each tick of the counting job ran exactly once, although both instances saw every tick.
      expect(counted.runs.size).toBe(24);
      expect([...counted.runs.values()].every((n) => n === 1)).toBe(true);
      const enqueuedBy = new Map<string, number>();
      for (const e of events.filter((x) => x.type === 'enqueued')) enqueuedBy.set(`${e.job}@${e.tick}`, (enqueuedBy.get(`${e.job}@${e.tick}`) ?? 0) + 1);
      expect(enqueuedBy.size).toBe(30);
      expect([...enqueuedBy.values()].every((n) => n === 1)).toBe(true);
      // pg-boss holds one job per tick.
      const boss = await pgBossSchemaFor(stores[0]!);
      const jobs = (await sql<{ n: number }>`select count(*)::int as n from (select id from ${sql.id(boss)}.job where name = ${SCHEDULE_QUEUE} union all select id from ${sql.id(boss)}.archive where name = ${SCHEDULE_QUEUE}) j`.execute(db)).rows[0]!.n;
      expect(jobs).toBe(30);
      const ranBy = new Map<string, number>();
      for (const r of rows) ranBy.set(r.ran_by!, (ranBy.get(r.ran_by!) ?? 0) + 1);
      process.stdout.write(`pg-boss schedule, 60 simulated minutes: ${rows.length} ticks; ran by ${[...ranBy].map(([k, v]) => `${k} ${v}`).join(', ')}; enqueued by ${[...new Set(rows.map((r) => r.enqueued_by))].join(', ')}\n`);
      expect([...ranBy.keys()].sort()).toEqual(['instance-1', 'instance-2']);
      expect((await stores[0]!.ledger()).filter((e) => e.source === 'hr')).toHaveLength(1);
      // The history comes from pg-boss's tables, newest first, paged without repeats.
      const first = await listJobHistory(stores[1]!, { limit: 20 });
      const second = await listJobHistory(stores[1]!, { limit: 20, before: first.next! });
      expect(first.via).toBe('pg-boss');
      expect(second.next).toBeNull();
      const all = [...first.jobs, ...second.jobs];
      expect(all).toHaveLength(30);
      expect(new Set(all.map((j) => j.id)).size).toBe(30);
      expect(all.every((j) => j.state === 'completed' && j.retries === 0 && j.attempts === 1 && /^instance-[12]$/.test(j.ranBy ?? ''))).toBe(true);
      expect(all.find((j) => j.job === 'check')!.output).toMatchObject({ runId: expect.any(Number), summary: { controls: expect.any(Number) } });
    } finally {
      for (const s of schedulers) await s.stop();
      await dropPgBossSchema(stores[0]!);
      for (const s of stores) await s.close();
      await iw.dispose();
    }
  }, 180_000);

  it('a job whose worker stopped answering is failed by timeout and completed on retry', async () => {
    const iw = await integrityWorkspace('postgres');
    // The first attempt hangs (its worker "dies"); the retry finishes at once.
    let attempts = 0;
    const kind = `pg-hang-${Math.random().toString(36).slice(2, 8)}`;
    const hung = new Promise<never>(() => {});
    registerJobKind({ kind, description: 'hangs once (test)', run: async () => (++attempts === 1 ? hung : { attempt: attempts }) });
    addSchedule(iw.dir, ['queue: { pollSeconds: 0.5, maintenanceSeconds: 1, timeoutSeconds: 2, retryDelaySeconds: 0, retries: 1 }', 'jobs:', `  - { name: once, job: ${kind}, cron: "*/5 * * * *" }`]);
    const clock = new ManualClock(START);
    const stores = [await iw.open(), await iw.open()];
    const schedulers: Scheduler[] = [];
    try {
      for (const [i, store] of stores.entries()) schedulers.push(await Scheduler.start({ workspace: () => loadWorkspace(iw.dir), store, clock, instance: `instance-${i + 1}` }));
      clock.advance(5 * MINUTE);
      await Promise.all(schedulers.map((s) => s.caughtUp(clock.now())));
      let page = await listJobHistory(stores[0]!, { limit: 5 });
      for (let i = 0; i < 400 && page.jobs[0]?.state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        page = await listJobHistory(stores[0]!, { limit: 5 });
      }
      expect(page.jobs).toHaveLength(1);
      expect(page.jobs[0]).toMatchObject({ job: 'once', state: 'completed', retries: 1, attempts: 2, output: { attempt: 2 } });
      expect(attempts).toBe(2);
    } finally {
      for (const s of schedulers) await s.stop(100);
      await dropPgBossSchema(stores[0]!);
      for (const s of stores) await s.close();
      await iw.dispose();
    }
  }, 90_000);
});
