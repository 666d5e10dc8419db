import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManualClock, Scheduler } from '../../schedule/index.js';
import { addSchedule, countingJob } from '../../schedule/schedule-test-support.js';
import { createServerApp } from '../../server/index.js';
import { integrityWorkspace } from '../../testing/index.js';
import { runCliCaptured as cli } from '../../testing/run-cli-captured.js';
import { loadWorkspace } from '../../workspace/index.js';

const MAIN = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

describe('fieldwork jobs and GET /api/jobs', () => {
  it('list the schedule and its runs newest first, a page at a time; bad paging is a usage error', async () => {
    const iw = await integrityWorkspace('sqlite');
    iw.addRoster(1);
    const counted = countingJob('cli');
    addSchedule(iw.dir, ['jobs:', '  - { name: nightly, job: collect, cron: "*/10 * * * *", sources: [hr] }', `  - { name: ping, job: ${counted.kind}, cron: "*/5 * * * *" }`]);
    const store = await iw.open();
    const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
    const scheduler = await Scheduler.start({ workspace: () => loadWorkspace(iw.dir), store, clock, instance: 'cli-test' });
    try {
      for (let m = 0; m < 20; m++) {
        clock.advance(60_000);
        await scheduler.caughtUp(clock.now());
        await scheduler.runner.idle();
      }
      await scheduler.stop();
      const first = await cli(['--workspace', iw.dir, '--json', 'jobs', '--limit', '4']);
      expect(first.code).toBe(0);
      const page = JSON.parse(first.stdout) as { schedule: { name: string; cron: string; sources?: string[] }[]; via: string; jobs: { job: string; tick: string; state: string }[]; next: string };
      expect(page.schedule.map((j) => [j.name, j.cron, j.sources])).toEqual([['nightly', '*/10 * * * *', ['hr']], ['ping', '*/5 * * * *', undefined]]);
      expect(page.via).toBe('in-process');
      expect(page.jobs.map((j) => `${j.job}@${j.tick.slice(11, 16)}`)).toEqual(['ping@09:20', 'nightly@09:20', 'ping@09:15', 'ping@09:10']);
      const rest = JSON.parse((await cli(['--workspace', iw.dir, '--json', 'jobs', '--limit', '4', '--before', page.next])).stdout) as typeof page;
      expect(rest.jobs.map((j) => `${j.job}@${j.tick.slice(11, 16)}`)).toEqual(['nightly@09:10', 'ping@09:05']);
      expect(rest.next).toBeNull();
      const text = await cli(['--workspace', iw.dir, 'jobs']);
      expect(text.stdout).toMatch(/2026-03-02T09:10:00.000Z {2}nightly +completed +attempt 1 {2}cli-test {2}1 collected, 0 unchanged, 0 failed/);
      expect(text.stdout).toMatch(/2026-03-02T09:20:00.000Z {2}nightly +completed +attempt 1 {2}cli-test {2}0 collected, 1 unchanged, 0 failed/);
      expect((await cli(['--workspace', iw.dir, 'jobs', '--limit', 'x'])).code).toBe(2);
      const bad = await cli(['--workspace', iw.dir, 'jobs', '--before', 'yesterday']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('"yesterday" is not a job history cursor');

      const app = createServerApp({ workspaceDir: iw.dir, store, auth: { mode: 'insecure-local' } });
      const res = await app.request('/api/jobs?limit=2');
      expect(res.status).toBe(200);
      const api = (await res.json()) as { jobs: { job: string }[]; next: string };
      expect(api.jobs.map((j) => j.job)).toEqual(['ping', 'nightly']);
      const next = (await (await app.request(`/api/jobs?limit=2&before=${api.next}`)).json()) as { jobs: { tick: string }[] };
      expect(next.jobs.map((j) => j.tick.slice(11, 16))).toEqual(['09:15', '09:10']);
      expect((await app.request('/api/jobs?limit=0')).status).toBe(422);
      // The dashboard's page: the schedule with its next run, then the runs with what each did.
      const html = await (await app.request('/jobs')).text();
      expect(html).toContain('<td class="mono">*/10 * * * *</td>');
      expect(html).toMatch(/<td>2026-03-02 09:10 UTC<\/td><td>nightly<\/td><td class="ok">completed<\/td>.*1 collected, 0 unchanged, 0 failed/);
      expect(html).toContain('Runs via <b>in-process</b>');
    } finally {
      await scheduler.stop();
      await store.close();
      await iw.dispose();
    }
  }, 60_000);

  it('serve runs the schedule on the real clock (SQLite, in-process) and prints each run', async () => {
    const iw = await integrityWorkspace('sqlite');
    iw.addRoster(1);
    addSchedule(iw.dir, ['jobs:', '  - { name: often, job: collect, cron: "*/2 * * * * *" }']);
    const child = spawn(process.execPath, [MAIN, '--workspace', iw.dir, '--json', 'serve', '--insecure-local', '--port', '0'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    try {
      const lines = () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { schedule?: unknown; event?: { type: string; job: string; output?: { collected: string[] } } });
      for (let i = 0; i < 300 && !lines().some((l) => l.event?.type === 'completed'); i++) await new Promise((r) => setTimeout(r, 100));
      const all = lines();
      expect(all[0]).toMatchObject({ store: 'sqlite', schedule: { jobs: ['often'], runner: 'in-process' } });
      const done = all.find((l) => l.event?.type === 'completed')!.event!;
      expect(done).toMatchObject({ job: 'often', output: { collected: expect.arrayContaining(['hr', 'prompts']) } });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await iw.dispose();
    }
  }, 60_000);
});
