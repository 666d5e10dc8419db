import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { integrityWorkspace, TEST_DATABASE_URL } from '../testing/index.js';
import { listJobHistory } from './job-history.js';
import { addSchedule, dropPgBossSchema } from './schedule-test-support.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Serve {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** `fieldwork serve` in its own process (its own pool, locks and pid), its stdout kept line by line. */
function serve(dir: string, env: Record<string, string>): Serve {
  const child = spawn(process.execPath, [MAIN, '--workspace', dir, 'serve', '--insecure-local', '--port', '0'], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (c: Buffer) => lines.push(`stderr: ${String(c).trim()}`));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, lines, exited };
}

async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A roster big enough that collecting it takes seconds. */
function bigRoster(rows: number): string {
  const lines = ['Employee ID,Name,Work Email,Start Date,End Date'];
  for (let i = 0; i < rows; i++) lines.push(`big-${i},Person ${i},p${i}@example.com,2025-01-06,`);
  return lines.join('\n') + '\n';
}

describe.skipIf(!TEST_DATABASE_URL)('two fieldwork serve processes on one PostgreSQL database', () => {
  it('a worker killed -9 mid-collection: its job is retried and completed by the other serve, once', async () => {
    expect(existsSync(MAIN), 'build first: npx tsc -b').toBe(true);
    const iw = await integrityWorkspace('postgres');
    writeFileSync(join(iw.dir, 'hr', 'big.csv'), bigRoster(40_000));
    // One instant, 45 s from now (a six-field cron with seconds that fires once a year): two
    // serves on a loaded 2-core machine have taken over 20 s to start.
    const tick = new Date(Math.ceil((Date.now() + 45_000) / 1000) * 1000);
    const cron = `${tick.getUTCSeconds()} ${tick.getUTCMinutes()} ${tick.getUTCHours()} ${tick.getUTCDate()} ${tick.getUTCMonth() + 1} *`;
    addSchedule(iw.dir, [
      'queue: { pollSeconds: 0.5, maintenanceSeconds: 1, timeoutSeconds: 30, retryDelaySeconds: 0, retries: 2 }',
      'jobs:',
      `  - { name: nightly, job: collect, cron: "${cron}", timezone: UTC }`,
    ]);
    const serves = [serve(iw.dir, iw.env), serve(iw.dir, iw.env)];
    const store = await iw.open();
    try {
      for (const s of serves) await until('serve to start', () => s.lines.find((l) => l.includes('1 scheduled job(s), pg-boss')), Math.max(1_000, tick.getTime() - Date.now() - 2_000));
      expect(Date.now(), 'both serves must be up before the tick').toBeLessThan(tick.getTime());
      // Whichever instance took the job: kill it -9 while it collects.
      const started = await until('the collection to start', () => {
        for (const s of serves) {
          const line = s.lines.find((l) => /schedule: nightly @ \S+ started \(attempt 1, /.test(l));
          if (line) return { victim: s, line };
        }
        return undefined;
      }, 60_000);
      const victim = started.victim;
      const survivor = serves.find((s) => s !== victim)!;
      expect(started.line).toContain(`${hostname()} ${victim.child.pid}`);
      await new Promise((r) => setTimeout(r, 700));
      const before = (await store.ledger()).filter((e) => e.source === 'hr').length;
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBeNull();
      // Mid-collection: the big roster was not in the ledger when the worker died.
      expect(before).toBe(0);
      const done = await until('the retry to complete', async () => {
        const page = await listJobHistory(store, { limit: 10 });
        return page.jobs.find((j) => j.state === 'completed');
      }, 90_000);
      const page = await listJobHistory(store, { limit: 10 });
      process.stdout.write(`kill -9 during a scheduled collect: ${page.jobs.length} job(s); ${JSON.stringify({ state: done.state, retries: done.retries, attempts: done.attempts, ranBy: done.ranBy, killed: victim.child.pid })}\n`);
      expect(page.jobs).toHaveLength(1);
      expect(done).toMatchObject({ job: 'nightly', tick: tick.toISOString(), retries: 1, attempts: 2, ranBy: `${hostname()} ${survivor.child.pid}` });
      expect(done.output).toMatchObject({ collected: expect.arrayContaining(['hr']) });
      expect(survivor.lines.some((l) => /schedule: nightly @ \S+ completed \(attempt 2, /.test(l))).toBe(true);
      // Collected once, with nothing half-written by the killed worker.
      const entries = (await store.ledger()).filter((e) => e.source === 'hr');
      expect(entries).toHaveLength(1);
      const v = await store.verify();
      expect(v.problems).toEqual([]);
      expect(v.recordsChecked).toBe(40_000 + 2);
    } finally {
      for (const s of serves) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
      await Promise.all(serves.map((s) => s.exited));
      await dropPgBossSchema(store);
      await store.close();
      await iw.dispose();
    }
  }, 240_000);
});
