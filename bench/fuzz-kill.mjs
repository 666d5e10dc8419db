#!/usr/bin/env node
/**
 * @module kill -9 harness: starts `fieldwork collect` (and now and then `check`) on a workspace,
 * kills it with SIGKILL at a random moment, and checks the store afterwards: it must verify
 * (no corrupt store: chain, blobs, record digests, runs), and the collection lock must be free
 * (a killed holder never leaves a stale lock). Prints its counts.
 *
 *   node bench/fuzz-kill.mjs [--trials 50] [--store all|sqlite|postgres] [--seed N]
 *
 * PostgreSQL uses a fresh schema of FIELDWORK_TEST_DATABASE_URL (or FIELDWORK_DATABASE_URL).
 * Needs the build (npx tsc -b).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'packages/fieldwork/dist/cli/main.js');

/** A small deterministic PRNG, so a failing trial can be replayed with --seed. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function roster(n, rows) {
  const lines = ['Employee ID,Name,Work Email,Start Date,End Date'];
  for (let i = 0; i < rows; i++) lines.push(`k${n}-${i},Person ${n} ${i},p${n}.${i}@example.com,2025-01-06,${i % 7 === 0 ? '2026-02-27' : ''}`);
  return lines.join('\n') + '\n';
}

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'fieldwork-kill-'));
  const dir = join(root, 'ws');
  mkdirSync(join(dir, 'hr'), { recursive: true });
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Kill Test', 'timezone: UTC', 'startDate: 2026-01-01',
    'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-01-01, to: 2026-06-30 }',
    'owners:', '  compliance: { name: Owner, email: owner@example.com, roles: [compliance-owner] }', '  people: []',
    'sources:',
    '  - { name: hr, kind: hr-csv, path: hr, options: { columns: { id: Employee ID, name: Name, email: Work Email, startDate: Start Date, endDate: End Date } } }',
    '  - { name: prompts, kind: prompt-log-jsonl, path: prompts.jsonl }',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'prompts.jsonl'), `${JSON.stringify({ id: 'm0', timestamp: '2026-03-01T10:00:00Z', tenant: 'acme', role: 'user', content: 'hello' })}\n`);
  return { root, dir };
}

function start(args, env) {
  const p = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (c) => (stderr += c));
  const done = new Promise((resolve) => p.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { p, done };
}

/**
 * Runs `trials` kill -9 trials and returns the counts. Exported for the CI test.
 * @param {{ trials?: number, store?: 'sqlite'|'postgres', seed?: number, rows?: number, log?: (s: string) => void }} o
 */
export async function runKillTrials(o = {}) {
  const trials = o.trials ?? 50;
  const rows = o.rows ?? 3000;
  const log = o.log ?? (() => {});
  const rand = prng(o.seed ?? 20261206);
  if (!existsSync(MAIN)) throw new Error(`build first (npx tsc -b): ${MAIN} is missing`);
  const { FieldworkStore } = await import(join(ROOT, 'packages/fieldwork/dist/index.js'));
  const { dir, root } = workspace();
  let env = {};
  let dropSchema = async () => {};
  if ((o.store ?? 'sqlite') === 'postgres') {
    const base = process.env.FIELDWORK_TEST_DATABASE_URL ?? process.env.FIELDWORK_DATABASE_URL;
    if (!base) throw new Error('--store postgres needs FIELDWORK_TEST_DATABASE_URL');
    const pg = (await import('pg')).default;
    const schema = `fw_kill_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const u = new URL(base);
    u.searchParams.set('options', `-c search_path=${schema}`);
    env = { FIELDWORK_DATABASE_URL: u.toString() };
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  const location = FieldworkStore.locationFor(dir, env);
  const counts = { trials: 0, killed: 0, finished: 0, corrupt: 0, staleLocks: 0, orphans: 0, entries: 0 };
  const failures = [];
  // How long an uninterrupted collection takes here, so kills land across its whole run.
  writeFileSync(join(dir, 'hr', 'roster-0.csv'), roster(0, rows));
  const t0 = Date.now();
  const first = await start(['--workspace', dir, 'collect'], env).done;
  const span = Math.max(500, Date.now() - t0);
  if (first.code !== 0) throw new Error(`the first collection failed: ${first.stderr}`);
  log(`an uninterrupted collect takes ~${span} ms; killing at random moments up to that`);
  try {
    for (let i = 1; i <= trials; i++) {
      counts.trials++;
      // New evidence each trial: a new roster, a growing prompt log, and now and then a check.
      writeFileSync(join(dir, 'hr', `roster-${i}.csv`), roster(i, rows));
      appendFileSync(join(dir, 'prompts.jsonl'), `${JSON.stringify({ id: `m${i}`, timestamp: '2026-03-01T10:00:00Z', tenant: 'acme', role: 'user', content: `message ${i}` })}\n`);
      const cmd = rand() < 0.2 ? 'check' : 'collect';
      const run = start(['--workspace', dir, cmd], env);
      const delay = Math.floor(span * (0.2 + rand() * 0.9));
      const timer = setTimeout(() => run.p.kill('SIGKILL'), delay);
      const res = await run.done;
      clearTimeout(timer);
      if (res.signal === 'SIGKILL') counts.killed++;
      else counts.finished++;
      const store = await FieldworkStore.open(location);
      try {
        const v = await store.verify();
        if (!v.ok) {
          counts.corrupt++;
          failures.push(`trial ${i} (${cmd}, killed after ${delay} ms): ${v.problems[0].kind}: ${v.problems[0].detail}`);
        }
        counts.orphans = v.orphans.length;
        counts.entries = v.entries;
        try {
          const lock = await store.lockCollections();
          await lock.release();
        } catch (e) {
          counts.staleLocks++;
          failures.push(`trial ${i}: the collection lock was still held after the kill: ${e.message}`);
        }
      } finally {
        await store.close();
      }
      log(`trial ${i}/${trials}: ${cmd} ${res.signal === 'SIGKILL' ? `killed after ${delay} ms` : `finished (exit ${res.code})`}; verify ${counts.corrupt ? 'FAILED' : 'ok'}`);
    }
    // Recovery: one more collection runs to the end and everything killed before is picked up.
    const last = await start(['--workspace', dir, 'collect'], env).done;
    const store = await FieldworkStore.open(location);
    try {
      const v = await store.verify();
      const hr = (await store.ledger()).filter((e) => e.source === 'hr').length;
      counts.recovered = last.code === 0 && v.ok && hr === trials + 1;
      if (!counts.recovered) failures.push(`after the trials a full collect exited ${last.code}, verify ${v.ok ? 'ok' : 'failed'}, ${hr}/${trials + 1} rosters in the ledger`);
      const gc = await store.collectGarbage();
      counts.orphansRemoved = gc.blobs.length;
      counts.stagedRemoved = gc.staged;
      counts.entries = v.entries;
    } finally {
      await store.close();
    }
  } finally {
    await dropSchema();
    rmSync(root, { recursive: true, force: true });
  }
  return { ...counts, failures };
}

async function main() {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  // `all`: SQLite, and PostgreSQL too when FIELDWORK_TEST_DATABASE_URL is set.
  const which = arg('store', 'all');
  const stores = which === 'all' ? ['sqlite', ...(process.env.FIELDWORK_TEST_DATABASE_URL ? ['postgres'] : [])] : [which];
  let bad = false;
  for (const store of stores) {
    const r = await runKillTrials({ trials: Number(arg('trials', '50')), store, seed: Number(arg('seed', '20261206')), log: (s) => process.stderr.write(`${s}\n`) });
    for (const f of r.failures) process.stdout.write(`FAIL ${f}\n`);
    process.stdout.write(`kill -9 (${store}): ${r.trials} trials, ${r.killed} killed mid-run, ${r.finished} finished; ${r.corrupt} corrupt stores, ${r.staleLocks} stale locks; recovery collect ${r.recovered ? 'ok' : 'FAILED'} (${r.entries} entries; gc removed ${r.orphansRemoved} orphan blobs, ${r.stagedRemoved} staged files)\n`);
    bad ||= !!(r.corrupt || r.staleLocks || !r.recovered);
  }
  process.exitCode = bad ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
