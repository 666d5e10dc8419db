#!/usr/bin/env node
/**
 * `fieldwork verify` over a store of many blobs against `openssl dgst -sha256` over the same blob
 * files, in the same run, at 1× (300 blobs) and 10× (3,000), and 100× (30,000) with --full. Blob
 * sizes are a fixed mix (mostly small exports, some large ones; about 130 KB on average). verify
 * runs in its own child process (peak RSS is its own) and recomputes everything it always does:
 * the chain, every blob, every entry's records digest. What is compared: openssl's time includes
 * starting its process (one per 500 files); verify's is `store.verify()` in an open store, without
 * Node's start and module loading (the cold-start row measures those). openssl hashes on one core;
 * verify may use every core (worker threads). Both read the same files, warm in the page cache.
 * Beside wall time, CPU time (all threads; openssl's through /usr/bin/time when present) is printed:
 * it moves less with the machine's load. With FIELDWORK_BENCH_DATABASE_URL set
 * (e.g. postgres://postgres@127.0.0.1:5432/test) the same ledger and blobs are also loaded into a
 * fresh PostgreSQL database and verified there, next to SQLite. `--base DIR` also verifies both
 * stores with another build's `packages/fieldwork/dist` (a copy kept from before a change) in every
 * round, so before and after are measured in the same run under the same load. Usage (after `npx tsc -b`):
 *   node bench/verify-hash.mjs [--full] [--rounds 3] [--sizes 300,3000] [--base DIR]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The child verifies with the build named by FIELDWORK_BENCH_DIST (set by --base), or this tree's.
const dist = process.env.FIELDWORK_BENCH_DIST ?? join(here, '..', 'packages', 'fieldwork', 'dist');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

if (process.argv[2] === '--verify') {
  // Child: open the store, verify, report time, outcome and peak RSS.
  const { FieldworkStore } = await import(join(dist, 'store', 'index.js'));
  const location = process.argv[3].startsWith('postgres') ? { dialect: 'postgres', url: process.argv[3] } : FieldworkStore.locationFor(process.argv[3], {});
  const store = await FieldworkStore.open(location);
  const server = location.dialect === 'postgres' ? await serverCpu(location.url) : undefined;
  const before = await server?.();
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await store.verify();
  const ms = performance.now() - t;
  // CPU of every thread of the process (the hashing workers included).
  const cpu = process.cpuUsage(c);
  // The database's own processes: the server hashes PostgreSQL's blobs, so its CPU is part of verify's.
  const serverMs = server && before !== undefined ? ((await server()) ?? NaN) - before : undefined;
  await store.close();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, serverMs, ok: r.ok, blobs: r.blobsChecked, problems: r.problems.slice(0, 3), rssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const full = process.argv.includes('--full');
const rounds = arg('--rounds', 3);
const sizesArg = process.argv.indexOf('--sizes');
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : full ? [300, 3_000, 30_000] : [300, 3_000];
const pgUrl = process.env.FIELDWORK_BENCH_DATABASE_URL;
const baseArg = process.argv.indexOf('--base');
const baseDist = baseArg > 0 ? resolve(process.argv[baseArg + 1]) : undefined;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`### verify vs openssl dgst -sha256 over the same blob files (median of ${rounds} rounds, alternating)`);
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
if (baseDist) console.log(`base build: ${baseDist}\n`);
// PostgreSQL CPU is the client's plus the server's (its processes for the bench's database, from /proc).
const pgHead = pgUrl ? ' verify (PostgreSQL) s | PG / SQLite time | PG CPU s (client + server) | PG / SQLite CPU | PG peak RSS MB |' : '';
const baseHead = baseDist ? ` base SQLite s |${pgUrl ? ' base PG s | base PG / base SQLite time | base PG CPU s | base PG / base SQLite CPU |' : ''}` : '';
const columns = 9 + (pgUrl ? 5 : 0) + (baseDist ? (pgUrl ? 5 : 1) : 0);
console.log(`| blobs | MB | openssl MB/s | verify (SQLite) MB/s | ratio | openssl CPU s | verify CPU s | CPU ratio | verify peak RSS MB |${pgHead}${baseHead} load |`);
console.log(`|${'---:|'.repeat(columns)}---|`);
for (const n of sizes) {
  const { ws, files, bytes } = await storeWith(n);
  const pg = pgUrl ? await postgresCopy(ws, pgUrl) : undefined;
  const openssl = [];
  const opensslCpu = [];
  const verify = [];
  const verifyCpu = [];
  const onPg = [];
  let rss = 0;
  let pgRss = 0;
  const baseSqlite = [];
  const basePg = [];
  const pgCpu = [];
  const basePgCpu = [];
  const baseSqliteCpu = [];
  for (let r = 0; r < rounds; r++) {
    if (baseDist) {
      const bs = verifyOnce(ws, 1, baseDist);
      baseSqlite.push(bs.ms);
      baseSqliteCpu.push(bs.cpuMs);
      if (pg) {
        const bp = verifyOnce(pg.url, 1, baseDist);
        basePg.push(bp.ms);
        if (Number.isFinite(bp.serverMs)) basePgCpu.push(bp.cpuMs + bp.serverMs);
      }
    }
    const o = timeOpenssl(files);
    openssl.push(o.ms);
    if (o.cpuMs !== undefined) opensslCpu.push(o.cpuMs);
    const v = verifyOnce(ws);
    verify.push(v.ms);
    verifyCpu.push(v.cpuMs);
    rss = Math.max(rss, v.rssMB);
    if (pg) {
      const p = verifyOnce(pg.url);
      onPg.push(p.ms);
      if (Number.isFinite(p.serverMs)) pgCpu.push(p.cpuMs + p.serverMs);
      pgRss = Math.max(pgRss, p.rssMB);
    }
  }
  const mb = bytes / 1e6;
  const o = mb / (median(openssl) / 1000);
  const v = mb / (median(verify) / 1000);
  const cpuOf = (xs, over) => (xs.length ? ` ${(median(xs) / 1000).toFixed(2)} | ${(median(xs) / median(over)).toFixed(2)} |` : ' — | — |');
  const pgCols = pg ? ` ${(median(onPg) / 1000).toFixed(2)} | ${(median(onPg) / median(verify)).toFixed(2)} |${cpuOf(pgCpu, verifyCpu)} ${pgRss.toFixed(0)} |` : '';
  const cpuCols = opensslCpu.length ? `${(median(opensslCpu) / 1000).toFixed(2)} | ${(median(verifyCpu) / 1000).toFixed(2)} | ${(median(opensslCpu) / median(verifyCpu)).toFixed(2)}` : `— | ${(median(verifyCpu) / 1000).toFixed(2)} | —`;
  const baseCols = baseDist ? ` ${(median(baseSqlite) / 1000).toFixed(2)} |${pg ? ` ${(median(basePg) / 1000).toFixed(2)} | ${(median(basePg) / median(baseSqlite)).toFixed(2)} |${cpuOf(basePgCpu, baseSqliteCpu)}` : ''}` : '';
  console.log(`| ${n.toLocaleString('en')} | ${mb.toFixed(0)} | ${o.toFixed(0)} | ${v.toFixed(0)} | ${(v / o).toFixed(2)} | ${cpuCols} | ${rss.toFixed(0)} |${pgCols}${baseCols} ${loadavg()[0].toFixed(2)} |`);
  await pg?.drop();
}
console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

/**
 * One `store.verify()` in a child process; throws unless it verifies clean. Opening a store on a
 * PostgreSQL database shared with other test sessions can fail while another session drops its
 * schema (Kysely's migrator lists every schema's tables); that is before the timed part, so the
 * run is tried again.
 */
function verifyOnce(where, attempt = 1, withDist = undefined) {
  const env = withDist ? { ...process.env, FIELDWORK_BENCH_DIST: withDist } : process.env;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--verify', where], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  if (r.status !== 0 && attempt < 3 && /Could not prepare the postgres store/.test(r.stderr)) return verifyOnce(where, attempt + 1, withDist);
  if (r.status !== 0) throw new Error(`verify failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (!out.ok) throw new Error(`verify found problems: ${JSON.stringify(out.problems)}`);
  return out;
}

/**
 * Wall ms of `openssl dgst -sha256` over every file (one process per 500 files, one after another),
 * and their CPU ms (user + system) when /usr/bin/time is there to tell (its own start is in the wall time).
 */
function timeOpenssl(files) {
  const timed = existsSync('/usr/bin/time');
  let cpuMs = timed ? 0 : undefined;
  const t = performance.now();
  for (let i = 0; i < files.length; i += 500) {
    const args = ['dgst', '-sha256', '-r', ...files.slice(i, i + 500)];
    if (!timed) {
      execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
      continue;
    }
    const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'openssl', ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
    const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (!m) throw new Error(`no CPU time from /usr/bin/time: ${r.stderr}`);
    cpuMs += (Number(m[1]) + Number(m[2])) * 1000;
  }
  return { ms: performance.now() - t, cpuMs };
}

/** Blob sizes: 80 % small exports (2–64 KB), 18 % medium (64–512 KB), 2 % large (1–4 MB). */
function sizeOf(i) {
  const r = ((i * 2654435761) >>> 0) / 4294967296;
  const f = ((i * 40503 + 7) % 1000) / 1000;
  if (r < 0.8) return Math.floor(2048 + f * 63 * 1024);
  if (r < 0.98) return Math.floor(65536 + f * 448 * 1024);
  return Math.floor((1 + f * 3) * 1024 * 1024);
}

/**
 * A SQLite store under bench/.out with `n` ledger entries, each with its own blob and no records,
 * chained and digested as collection writes them. Reused when it already holds `n` entries.
 */
async function storeWith(n) {
  const ws = join(here, '.out', `verify-hash-${n}`);
  const manifest = join(ws, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    if (m.n === n) return { ws, files: m.files, bytes: m.bytes };
  }
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(join(ws, 'gen'), { recursive: true });
  const { FieldworkStore } = await import(join(dist, 'store', 'index.js'));
  const { entryHash, GENESIS, LEDGER_VERSION, RecordsDigest } = await import(join(dist, 'evidence', 'index.js'));
  const store = await FieldworkStore.open(FieldworkStore.locationFor(ws, {}));
  const filler = randomBytes(4 << 20);
  const empty = new RecordsDigest().digest();
  const files = [];
  let bytes = 0;
  let prev = GENESIS;
  const rows = [];
  const artifacts = [];
  for (let seq = 1; seq <= n; seq++) {
    const size = sizeOf(seq);
    const data = Buffer.concat([Buffer.from(`blob ${seq}\n`), filler.subarray(0, size)]);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = join(ws, 'gen', `${seq}.bin`);
    writeFileSync(path, data);
    await store.blobs.putFile(sha256, path);
    rmSync(path);
    files.push(store.blobs.pathOf(sha256));
    bytes += data.length;
    const body = { v: LEDGER_VERSION, seq, artifact: sha256, source: `source-${seq % 12}`, kind: 'vendors-csv', collectedAt: new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString(), periodFrom: null, periodTo: null, recordCount: 0, populations: {}, origin: `exports/${seq}.csv`, recordsDigest: empty, retained: true };
    const hash = entryHash(prev, body);
    rows.push({ seq, artifact: sha256, source: body.source, kind: body.kind, collected_at: body.collectedAt, period_from: null, period_to: null, record_count: 0, populations: '{}', origin: body.origin, prev, hash, version: LEDGER_VERSION, records_digest: empty, retained: 1 });
    artifacts.push({ sha256, size: data.length, name: `${seq}.csv`, media_type: 'text/csv', first_collected_at: body.collectedAt, retained: 1 });
    prev = hash;
  }
  for (let i = 0; i < rows.length; i += 500) {
    await store.db.insertInto('ledger').values(rows.slice(i, i + 500)).execute();
    await store.db.insertInto('artifacts').values(artifacts.slice(i, i + 500)).execute();
  }
  await store.db.insertInto('ledger_head').values({ id: 1, seq: n, hash: prev }).execute();
  await store.close();
  writeFileSync(manifest, JSON.stringify({ n, files, bytes }));
  return { ws, files, bytes };
}

/**
 * The same ledger, artifacts and blobs in a fresh PostgreSQL database (dropped afterwards). A
 * database of its own, not a schema: Kysely's migrator lists the tables of every schema, and
 * other sessions sharing the server create and drop theirs meanwhile.
 */
async function postgresCopy(ws, baseUrl) {
  const { default: pg } = await import('pg');
  const { FieldworkStore } = await import(join(dist, 'store', 'index.js'));
  const name = `fw_bench_verify_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const from = await FieldworkStore.open(FieldworkStore.locationFor(ws, {}));
  const to = await FieldworkStore.open({ dialect: 'postgres', url });
  const ledger = await from.db.selectFrom('ledger').selectAll().orderBy('seq').execute();
  const artifacts = await from.db.selectFrom('artifacts').selectAll().execute();
  for (let i = 0; i < ledger.length; i += 500) {
    await to.db.insertInto('ledger').values(ledger.slice(i, i + 500)).execute();
    await to.db.insertInto('artifacts').values(artifacts.slice(i, i + 500)).execute();
  }
  const head = await from.db.selectFrom('ledger_head').selectAll().executeTakeFirstOrThrow();
  await to.db.insertInto('ledger_head').values(head).execute();
  for (const a of artifacts) await to.blobs.putFile(a.sha256, from.blobs.pathOf(a.sha256));
  await from.close();
  await to.close();
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name}`);
      await c.end();
    },
  };
}

/**
 * A reader of the CPU ms (user + system) spent so far by every server process connected to the
 * bench's database (its own: no other session uses it), from /proc when the server runs on this
 * machine; undefined readings when it does not. A backend that exits meanwhile drops out, so it
 * is read while verify's pool is still open.
 */
async function serverCpu(url) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const mine = (await c.query('select pg_backend_pid() as pid')).rows[0].pid;
  const tick = 1000 / 100;
  return async () => {
    const pids = (await c.query('select pid from pg_stat_activity where datname = current_database() and pid <> $1', [mine])).rows.map((r) => r.pid);
    let ms = 0;
    for (const pid of pids) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ms += (Number(f[11]) + Number(f[12])) * tick;
      } catch {
        return undefined;
      }
    }
    return ms;
  };
}
