/**
 * Shared by the ingest benchmarks: a full `collect` of one file into a fresh store (SQLite, or
 * a fresh PostgreSQL schema), run in a child process so its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The build measured: FIELDWORK_BENCH_DIST names another (e.g. a copy of the parent commit's dist, for before/after in one run). */
export const dist = process.env.FIELDWORK_BENCH_DIST ?? join(here, '../packages/fieldwork/dist');

/** The load average, as every bench prints it beside its figures. */
export const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/**
 * Runs `script --child ...args` in its own process and returns the JSON it prints. With V8's
 * default heap limit, as the CLI runs (a larger old space lets garbage stand as RSS). `env` is
 * added to this process's environment for the child.
 */
export function child(script, args, env) {
  const out = execFileSync(process.execPath, [script, '--child', ...args], { maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'], ...(env ? { env: { ...process.env, ...env } } : {}) }).toString();
  return JSON.parse(out.trim().split('\n').pop());
}

/** Measures `fn` in this process: wall seconds, CPU seconds, peak RSS (MB). */
export async function measured(fn) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const res = await fn();
  const c = process.cpuUsage(c0);
  return { ...res, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** A fresh PostgreSQL schema on `url`, and a way to drop it. */
async function freshSchema(url) {
  const pg = (await import('pg')).default;
  const schema = `fw_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * Collects `file` as a source of `kind` into a fresh workspace store, as `fieldwork collect`
 * does (staged copy hashed while read, text guard, parse, record checks, inserts, ledger).
 */
export async function collectOnce(kind, file, pgUrl) {
  const { FieldworkStore } = await import(join(dist, 'store/index.js'));
  const { collectSources } = await import(join(dist, 'collectors/index.js'));
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-bench-'));
  const schema = pgUrl ? await freshSchema(pgUrl) : undefined;
  try {
    mkdirSync(join(dir, 'in'));
    // A hard link: the workspace holds the file without a second copy on disk.
    linkSync(file, join(dir, 'in', basename(file)));
    // Opened (and migrated) before the clock starts: a collection runs against an existing store.
    const store = await FieldworkStore.open(schema ? { dialect: 'postgres', url: schema.url } : { dialect: 'sqlite', file: join(dir, '.fieldwork', 'fieldwork.db') });
    try {
      const res = await measured(async () => {
        const [o] = await collectSources({ workspaceDir: dir, timezone: 'UTC', sources: [{ name: 'bench', kind, path: `in/${basename(file)}` }], store, secret: 'bench-secret-0123456789abcdef0123456789' });
        if (o.status !== 'collected') throw new Error(`collect ${o.status}: ${o.error?.message}`);
        return { records: o.records };
      });
      // What the entry commits to (every record's JSON, in order): equal across dialects and versions when the records are.
      return { ...res, recordsDigest: (await store.ledger()).at(-1)?.recordsDigest };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
  }
}

/** Deterministic (mulberry32), so every size holds the same mix of generated events. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
