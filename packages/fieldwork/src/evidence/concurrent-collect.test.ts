import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../schedule/manual-clock.js';
import { addSchedule, dropPgBossSchema } from '../schedule/schedule-test-support.js';
import { Scheduler } from '../schedule/scheduler.js';
import { createServerApp } from '../server/server-app.js';
import { integrityWorkspace, TEST_DIALECTS } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Runs the built CLI in its own process (real concurrency: separate connections, locks, pids). */
function run(args: string[], env: Record<string, string>, onStderr?: (text: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c));
    p.stderr.on('data', (c: Buffer) => {
      stderr += c;
      onStderr?.(stderr);
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A roster big enough that collections overlap. */
function bigRoster(n: number, rows: number): string {
  const lines = ['Employee ID,Name,Work Email,Start Date,End Date'];
  for (let i = 0; i < rows; i++) lines.push(`b${n}-${i},Person ${n} ${i},p${n}.${i}@example.com,2025-01-06,${i % 10 === 0 ? '2026-02-27' : ''}`);
  return lines.join('\n') + '\n';
}

const HEADERS = { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' };

for (const dialect of TEST_DIALECTS) {
  describe(`concurrent collections on ${dialect}`, () => {
    it('8 concurrent collects plus serve\'s scheduled and on-demand runs: each ends ok or with a clear refusal, and verify passes', async () => {
      expect(existsSync(MAIN), 'build first: npx tsc -b').toBe(true);
      const iw = await integrityWorkspace(dialect);
      // serve's schedule: a collection every minute (in-process on SQLite, pg-boss on PostgreSQL).
      addSchedule(iw.dir, ['queue: { pollSeconds: 0.5, maintenanceSeconds: 5, retryDelaySeconds: 1 }', 'jobs:', '  - { job: collect, cron: "* * * * *" }']);
      const store = await iw.open();
      const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
      let scheduler: Scheduler | undefined;
      try {
        for (let n = 1; n <= 4; n++) writeFileSync(join(iw.dir, 'hr', `big-${n}.csv`), bigRoster(n, 1500));
        scheduler = await Scheduler.start({ workspace: () => loadWorkspace(iw.dir), store, clock, instance: 'concurrency-test' });
        const app = createServerApp({ workspaceDir: iw.dir, store, auth: { mode: 'insecure-local' } });
        const cli = Array.from({ length: 8 }, (_, i) => run(['--workspace', iw.dir, '--json', 'collect', ...(i % 2 ? ['--wait'] : [])], iw.env));
        // The dashboard's "Collect evidence now" and the API, pressed every 250 ms while the CLI runs
        // race, and a scheduled tick with every other press of the first eight. Four ticks at most:
        // scheduled runs take their turn one at a time, so each one more adds seconds after the race.
        let done = false;
        const all = Promise.all(cli).finally(() => (done = true));
        const responses: Response[] = [];
        for (let i = 0; !done && i < 40; i++) {
          if (i % 2 === 0 && i < 8) {
            clock.advance(60_000);
            await scheduler.caughtUp(clock.now());
          }
          responses.push(await app.request(`http://127.0.0.1:8080/${i % 2 ? 'actions' : 'api'}/collect`, { method: 'POST', headers: HEADERS }));
          await new Promise((r) => setTimeout(r, 250));
        }
        const results = await all;
        // Every scheduled collection ran to the end: one that met a running collection waited for it.
        for (let i = 0; ; i++) {
          const open = await store.db.selectFrom('schedule_ticks').select('id').where('state', 'in', ['queued', 'running']).execute();
          if (open.length === 0) break;
          if (i > 1200) throw new Error('scheduled collections still open after 60 s');
          await new Promise((r) => setTimeout(r, 50));
        }
        const ticks = await store.db.selectFrom('schedule_ticks').select(['tick_at', 'state', 'error']).execute();
        process.stdout.write(`scheduled collects (${dialect}): ${ticks.length} ticks, ${ticks.filter((t) => t.state === 'completed').length} completed\n`);
        expect(ticks.length).toBeGreaterThan(0);
        expect(ticks.filter((t) => t.state !== 'completed')).toEqual([]);
        const ok = results.filter((r) => r.code === 0).length;
        // --json prints the refusal as the JSON error on stdout.
        const refusal = (r: { stdout: string }) => {
          try {
            return (JSON.parse(r.stdout) as { error?: { code: string; message: string } }).error;
          } catch {
            return undefined;
          }
        };
        const refused = results.filter((r) => r.code === 2 && refusal(r)?.code === 'COLLECTION_RUNNING' && /^Another collection is running since \S+ \(pid \d+/.test(refusal(r)!.message));
        const other = results.filter((r) => r.code !== 0 && !refused.includes(r));
        const serveOk = responses.filter((r) => r.status === 200 || r.status === 303).length;
        const serveRefused = responses.filter((r) => r.status === 409).length;
        process.stdout.write(`concurrent collects (${dialect}): ${ok} ok, ${refused.length} refused, ${other.length} other; serve: ${serveOk} ok, ${serveRefused} refused\n`);
        expect(other.map((r) => `${r.code} ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`)).toEqual([]);
        // Every --wait run queues instead of refusing.
        for (let i = 1; i < 8; i += 2) expect(results[i]!.code).toBe(0);
        expect(serveOk + serveRefused).toBe(responses.length);
        // Refused politely: the API answers 409 COLLECTION_RUNNING, the dashboard a page saying who is collecting.
        for (const r of responses.filter((x) => x.status === 409)) {
          const text = await r.text();
          if (r.url.includes('/api/') || text.startsWith('{')) expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe('COLLECTION_RUNNING');
          else expect(text).toMatch(/Another collection is running since/);
        }
        const v = await store.verify();
        expect(v.problems).toEqual([]);
        expect(v.ok).toBe(true);
        // Each file was collected exactly once, however many runs raced for it.
        const entries = await store.ledger();
        expect(entries.filter((e) => e.source === 'hr')).toHaveLength(4);
        expect(v.recordsChecked).toBe(4 * 1500 + 2);
        const after = await run(['--workspace', iw.dir, 'verify'], iw.env);
        expect(after.code).toBe(0);
      } finally {
        await scheduler?.stop();
        if (dialect === 'postgres') await dropPgBossSchema(store);
        await store.close();
        await iw.dispose();
      }
    }, 180_000);

    it('a second collection is refused with who holds the lock, and --wait queues behind it', async () => {
      const iw = await integrityWorkspace(dialect);
      iw.addRoster(1);
      const store = await iw.open();
      try {
        const lock = await store.lockCollections();
        const refused = await run(['--workspace', iw.dir, 'collect'], iw.env);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(new RegExp(`Another collection is running since \\d{4}-\\d\\d-\\d\\dT[^ ]+ \\(pid ${process.pid}\\)`));
        // Released once the waiting run says it is waiting (process start-up is slow on a busy machine).
        const waiting = run(['--workspace', iw.dir, 'collect', '--wait'], iw.env, (text) => {
          if (text.includes('waiting for it to finish')) void lock.release();
        });
        const waited = await waiting;
        expect(waited.stderr).toContain('waiting for it to finish');
        expect(waited.code).toBe(0);
        expect((await store.ledger()).length).toBeGreaterThan(0);
      } finally {
        await store.close();
        await iw.dispose();
      }
    }, 60_000);
  });
}
