import { FieldworkError } from '@fieldwork/core';
import { describe, expect, it } from 'vitest';
import { integrityWorkspace } from '../testing/index.js';
import type { IntegrityWorkspace } from '../testing/index.js';
import type { FieldworkStore } from '../store/index.js';
import { loadWorkspace } from '../workspace/index.js';
import { listJobHistory } from './job-history.js';
import type { ScheduleEvent } from './job-runner.js';
import { ManualClock } from './manual-clock.js';
import { compileSchedule } from './schedule-plan.js';
import { addSchedule, countingJob } from './schedule-test-support.js';
import { Scheduler } from './scheduler.js';

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

async function inProcess(lines: string[], roster = true): Promise<{ iw: IntegrityWorkspace; store: FieldworkStore; clock: ManualClock; events: ScheduleEvent[]; scheduler: Scheduler; dispose(): Promise<void> }> {
  const iw = await integrityWorkspace('sqlite');
  if (roster) iw.addRoster(1);
  addSchedule(iw.dir, lines);
  const store = await iw.open();
  const clock = new ManualClock(START);
  const events: ScheduleEvent[] = [];
  const scheduler = await Scheduler.start({ workspace: () => loadWorkspace(iw.dir), store, clock, instance: 'test-a', onEvent: (e) => events.push(e) });
  return {
    iw, store, clock, events, scheduler,
    async dispose() {
      await scheduler.stop();
      await store.close();
      await iw.dispose();
    },
  };
}

/** Moves the clock a minute at a time and lets every due job finish before the next step. */
async function runFor(t: { clock: ManualClock; scheduler: Scheduler }, minutes: number, step = 1): Promise<void> {
  for (let m = 0; m < minutes; m += step) {
    t.clock.advance(step * MINUTE);
    await t.scheduler.caughtUp(t.clock.now());
    await t.scheduler.runner.idle();
  }
}

describe('scheduled runs on SQLite (in-process, injected clock)', () => {
  it('runs an hour of schedule in simulated time: every tick once, collect and check for real, history kept', async () => {
    const counted = countingJob('count');
    const t = await inProcess([
      'jobs:',
      '  - { job: collect, cron: "*/15 * * * *" }',
      '  - { job: check, cron: "*/30 * * * *" }',
      `  - { name: every-5, job: ${counted.kind}, cron: "*/5 * * * *" }`,
    ]);
    try {
      expect(t.scheduler.runner.mode).toBe('in-process');
      await runFor(t, 60);
      const fives = Array.from({ length: 12 }, (_, i) => new Date(START.getTime() + (i + 1) * 5 * MINUTE).toISOString());
      expect([...counted.runs.keys()].sort()).toEqual(fives);
      expect([...counted.runs.values()].every((n) => n === 1)).toBe(true);
      const rows = await t.store.db.selectFrom('schedule_ticks').selectAll().orderBy('tick_at').execute();
      const of = (job: string) => rows.filter((r) => r.job === job);
      expect(of('collect').map((r) => r.tick_at)).toEqual(['09:15', '09:30', '09:45', '10:00'].map((h) => `2026-03-02T${h}:00.000Z`));
      expect(of('check').map((r) => r.tick_at)).toEqual(['2026-03-02T09:30:00.000Z', '2026-03-02T10:00:00.000Z']);
      expect(of('every-5')).toHaveLength(12);
      expect(rows.every((r) => r.state === 'completed' && r.attempts === 1 && r.ran_by === 'test-a')).toBe(true);
      // The first collection found the roster and the prompt log; the later ones found nothing new.
      const collects = of('collect').map((r) => JSON.parse(r.output!) as { collected: string[]; unchanged: string[] });
      expect(collects[0]!.collected.sort()).toEqual(['hr', 'prompts']);
      expect(collects.slice(1).every((o) => o.collected.length === 0 && o.unchanged.length === 2)).toBe(true);
      expect((await t.store.ledger()).filter((e) => e.source === 'hr')).toHaveLength(1);
      const checkRuns = await t.store.db.selectFrom('runs').select('id').where('type', '=', 'check').execute();
      expect(checkRuns).toHaveLength(2);
      // The history pages newest first without repeating a run.
      const first = await listJobHistory(t.store, { limit: 10 });
      expect(first.via).toBe('in-process');
      expect(first.jobs).toHaveLength(10);
      const second = await listJobHistory(t.store, { limit: 10, before: first.next! });
      expect(second.next).toBeNull();
      const ids = [...first.jobs, ...second.jobs].map((j) => j.id);
      expect(ids).toHaveLength(18);
      expect(new Set(ids).size).toBe(18);
      expect(first.jobs[0]!.tick >= first.jobs[9]!.tick).toBe(true);
    } finally {
      await t.dispose();
    }
  }, 60_000);

  it('a scheduled collect while another collection runs queues behind it and says so', async () => {
    const t = await inProcess(['jobs:', '  - { job: collect, cron: "*/5 * * * *" }']);
    try {
      const lock = await t.store.lockCollections();
      t.clock.advance(5 * MINUTE);
      await t.scheduler.caughtUp(t.clock.now());
      // Waiting for the lock, not refused: release once the run has noted it.
      for (let i = 0; i < 200 && !t.events.some((e) => e.type === 'note'); i++) await new Promise((r) => setTimeout(r, 25));
      const row = await t.store.db.selectFrom('schedule_ticks').selectAll().executeTakeFirstOrThrow();
      expect(row.state).toBe('running');
      await lock.release();
      await t.scheduler.runner.idle();
      const done = await t.store.db.selectFrom('schedule_ticks').selectAll().executeTakeFirstOrThrow();
      expect(done.state).toBe('completed');
      const output = JSON.parse(done.output!) as { collected: string[]; notes: string[] };
      expect(output.collected.sort()).toEqual(['hr', 'prompts']);
      expect(output.notes[0]).toMatch(new RegExp(`^waited for the collection running since \\S+ \\(pid ${process.pid}\\)`));
    } finally {
      await t.dispose();
    }
  }, 30_000);

  it('a failed run is recorded with its error and the next tick runs again', async () => {
    const failing = countingJob('fail', { fail: (tick) => tick.endsWith('09:05:00.000Z') });
    const t = await inProcess(['jobs:', `  - { name: flaky, job: ${failing.kind}, cron: "*/5 * * * *" }`], false);
    try {
      await runFor(t, 10);
      const rows = await t.store.db.selectFrom('schedule_ticks').selectAll().orderBy('tick_at').execute();
      expect(rows.map((r) => [r.tick_at.slice(11, 16), r.state, r.error])).toEqual([
        ['09:05', 'failed', 'planned failure at 2026-03-02T09:05:00.000Z'],
        ['09:10', 'completed', null],
      ]);
      expect(t.events.filter((e) => e.type === 'failed')).toHaveLength(1);
    } finally {
      await t.dispose();
    }
  }, 30_000);

  it('after a long sleep runs the latest missed instant once and reports the others as missed', async () => {
    const counted = countingJob('missed');
    const t = await inProcess(['jobs:', `  - { name: m, job: ${counted.kind}, cron: "*/5 * * * *" }`], false);
    try {
      await runFor(t, 20, 20);
      expect([...counted.runs.entries()]).toEqual([['2026-03-02T09:20:00.000Z', 1]]);
      expect(t.events).toContainEqual({ type: 'missed', job: 'm', tick: '2026-03-02T09:20:00.000Z', missed: 3, instance: 'test-a' });
    } finally {
      await t.dispose();
    }
  }, 30_000);

  it('marks runs cut short by a stopped serve as interrupted at the next start', async () => {
    const slow = countingJob('slow', { delayMs: 3_000 });
    const t = await inProcess(['jobs:', `  - { name: slow, job: ${slow.kind}, cron: "*/5 * * * *" }`], false);
    try {
      t.clock.advance(5 * MINUTE);
      await t.scheduler.caughtUp(t.clock.now());
      await t.scheduler.stop(50);
      expect((await t.store.db.selectFrom('schedule_ticks').select('state').executeTakeFirstOrThrow()).state).toBe('running');
      const again = await Scheduler.start({ workspace: () => loadWorkspace(t.iw.dir), store: t.store, clock: t.clock, instance: 'test-b' });
      await again.stop();
      const row = await t.store.db.selectFrom('schedule_ticks').selectAll().executeTakeFirstOrThrow();
      expect(row.state).toBe('interrupted');
      expect(row.error).toContain('stopped before this run finished');
    } finally {
      await t.dispose();
    }
  }, 30_000);
});

describe('schedule: in fieldwork.yaml', () => {
  const refusal = async (lines: string[]) => {
    const iw = await integrityWorkspace('sqlite');
    addSchedule(iw.dir, lines);
    try {
      const e = (() => {
        try {
          compileSchedule(loadWorkspace(iw.dir));
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      return e as FieldworkError | undefined;
    } finally {
      await iw.dispose();
    }
  };

  it('a bad cron expression is CONFIG_INVALID naming fieldwork.yaml, the entry and a hint; the valid look-alike loads', async () => {
    const e = await refusal(['jobs:', '  - { job: collect, cron: "0 2 * *" }']);
    expect(e).toBeInstanceOf(FieldworkError);
    expect(e!.code).toBe('CONFIG_INVALID');
    expect(e!.message).toMatch(/^fieldwork\.yaml: schedule\.jobs\[0\]\.cron: not a cron expression \(.*five, six, or seven.*\); e\.g\. "0 2 \* \* \*"/);
    expect(e!.where).toMatchObject({ pointer: '/schedule/jobs/0/cron', line: expect.any(Number) });
    expect(e!.hint).toContain('minute hour day month weekday');
    expect(await refusal(['jobs:', '  - { job: collect, cron: "0 2 * * *" }'])).toBeUndefined();
    expect((await refusal(['jobs:', '  - { job: collect, cron: "61 * * * *" }']))!.message).toContain('minute');
    const poll = await refusal(['queue: { pollSeconds: 0.1 }', 'jobs: []']);
    expect(poll).toMatchObject({ code: 'CONFIG_INVALID', where: { pointer: '/schedule/queue/pollSeconds' } });
    expect(poll!.message).toMatch(/^fieldwork\.yaml: schedule\.queue\.pollSeconds: /);
    expect(await refusal(['queue: { pollSeconds: 0.5 }', 'jobs: []'])).toBeUndefined();
  });

  it('an unknown job, an unknown source or a repeated name is refused with the entry and what would do', async () => {
    const job = await refusal(['jobs:', '  - { job: colect, cron: "0 2 * * *" }']);
    expect(job).toMatchObject({ code: 'CONFIG_INVALID', message: 'fieldwork.yaml: schedule.jobs[0]: no job named "colect".', where: { pointer: '/schedule/jobs/0/job' } });
    expect(job!.hint).toMatch(/^Use one of .*check, collect/);
    const source = await refusal(['jobs:', '  - { job: check, cron: "0 3 * * *" }', '  - { job: collect, cron: "0 2 * * *", sources: [hr, okta] }']);
    expect(source).toMatchObject({ message: 'fieldwork.yaml: schedule.jobs[1]: no source named "okta".', where: { pointer: '/schedule/jobs/1/sources' } });
    expect(source!.hint).toContain('hr, prompts');
    const twice = await refusal(['jobs:', '  - { name: nightly, job: collect, cron: "0 2 * * *" }', '  - { name: nightly, job: check, cron: "0 3 * * *" }']);
    expect(twice!.message).toBe('fieldwork.yaml: schedule.jobs[1]: the name "nightly" is used twice.');
    expect(await refusal(['jobs:', '  - { name: nightly, job: collect, cron: "0 2 * * *", sources: [hr] }', '  - { job: check, cron: "0 3 * * *" }'])).toBeUndefined();
  });

  it('reads cron in the entry\'s timezone, then the schedule\'s, then the workspace\'s', async () => {
    const iw = await integrityWorkspace('sqlite');
    addSchedule(iw.dir, ['timezone: Europe/Berlin', 'jobs:', '  - { name: berlin, job: check, cron: "0 2 * * *" }', '  - { name: ny, job: check, cron: "0 2 * * *", timezone: America/New_York }']);
    try {
      const plan = compileSchedule(loadWorkspace(iw.dir));
      const after = new Date('2026-03-02T12:00:00Z');
      expect(plan.jobs.map((j) => [j.name, j.nextRun(after)?.toISOString()])).toEqual([
        ['berlin', '2026-03-03T01:00:00.000Z'],
        ['ny', '2026-03-03T07:00:00.000Z'],
      ]);
      expect(plan.queue).toEqual({ timeoutSeconds: 3600, retries: 2, retryDelaySeconds: 60, pollSeconds: 2, maintenanceSeconds: 60, historyDays: 90 });
    } finally {
      await iw.dispose();
    }
  });
});
