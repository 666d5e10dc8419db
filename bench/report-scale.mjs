// `fieldwork report` and `report --package --oscal` over a stored check run of N population
// items, next to a baseline measured in the same run: a bare process that reads the same stored
// run (the run row and its exception rows, JSON.parse) and writes it back out as one JSON file.
// Also the same run stored the way runs were stored before (format 1: every population item
// copied with its trace), reported by the same build ("before").
//
// The run comes from the real check code (runChecks over an empty workspace gives the 85
// controls' results), its automated controls then given a synthetic population of N traced
// items, 2 % of them exceptions with citations, stored through the real store.saveRun.
// Each measured thing runs in its own child process under /usr/bin/time (wall time, CPU time
// user + system, peak RSS): on a shared machine wall time follows the load, CPU time less so.
//
//   npx tsc -b && node bench/report-scale.mjs            # 10k and 100k items (short)
//   node bench/report-scale.mjs --full                   # 10k, 100k and 1M items
//   node bench/report-scale.mjs --runs 3 --no-before     # medians of 3; skip the format-1 store
//   node bench/report-scale.mjs --sizes 50000 --keep     # other sizes; keep the stores under bench/.out/
//   node bench/report-scale.mjs --pg postgres://postgres@127.0.0.1:5432/test   # the store on PostgreSQL (a fresh schema)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const full = args.includes('--full');
const before = !args.includes('--no-before');
const keep = args.includes('--keep');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
const pgAt = args.indexOf('--pg');
const pgUrl = pgAt >= 0 ? args[pgAt + 1] : undefined;
const sizesAt = args.indexOf('--sizes');
const sizes = sizesAt >= 0 ? args[sizesAt + 1].split(',').map(Number) : full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'packages/fieldwork/dist/cli/main.js');
const dist = (p) => join(root, p);
const out = join(root, 'bench/.out/report-scale');
const EXCEPTION_EVERY = 50;

const { runChecks } = await import(dist('packages/core/dist/index.js'));
const { summarizeRun } = await import(dist('packages/core/dist/history/index.js'));
const { FieldworkStore } = await import(dist('packages/fieldwork/dist/store/index.js'));
const { loadWorkspace, resolveControls, resolvePeriod } = await import(dist('packages/fieldwork/dist/workspace/index.js'));
const { appendRun } = await import(dist('packages/fieldwork/dist/evidence/run-chain.js'));

const sha = (i) => i.toString(16).padStart(64, '0');

/** The check run of the workspace with `n` synthetic traced items spread over its automated controls. */
function syntheticRun(ws, n) {
  const controls = resolveControls(ws.config);
  const { period, asOf } = resolvePeriod(ws.config, {}, new Date('2026-10-01T00:00:00Z'));
  const run = runChecks({ controls, records: {}, period, timezone: ws.config.timezone, asOf, workspace: { ...ws.config, workspaceDir: ws.dir } });
  const automated = run.results.filter((r) => r.check !== null);
  // Most of a year's records are tool calls and identity events: a few controls hold most items.
  const weights = automated.map((_, i) => (i < 3 ? 20 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let next = 0;
  for (const [k, r] of automated.entries()) {
    const count = k === automated.length - 1 ? n - next : Math.floor((n * weights[k]) / total);
    r.items = [];
    r.exceptions = [];
    for (let i = 0; i < count; i++, next++) {
      const at = new Date(Date.parse(`${period.from}T00:00:00Z`) + (next % 180) * 86_400_000 + (next % 86_400) * 1000).toISOString();
      const subject = `span-${next.toString(16).padStart(16, '0')}`;
      const trace = [
        { label: 'tool call', at, detail: `tool crm.lookup as agent-${next % 7}`, citation: { artifact: sha(1 + (next % 40)), source: 'relay-traces', locator: `line ${next + 1}` } },
        { label: 'credential', detail: `subject tenant-${next % 97} scope crm:read`, citation: { artifact: sha(1 + (next % 40)), source: 'relay-traces', locator: `line ${next + 1}` } },
      ];
      r.items.push({ id: subject, subject, at, trace });
      if (next % EXCEPTION_EVERY === 0) {
        r.exceptions.push({ rule: 'agent.own_identity', subject, detail: `tool crm.lookup called with the agent's own identity agent-${next % 7}, not the tenant's scoped credential`, at, citations: [trace[0].citation], itemId: subject });
      }
    }
    r.population = r.items.length;
    r.populationQuery = 'tool calls in production in the period (synthetic)';
    r.status = r.exceptions.length ? 'exception' : 'pass';
  }
  return { run, controls, period };
}

/** Wall seconds and peak RSS (MB) of one child process, from GNU time. */
function timed(argv, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...argv], { encoding: 'utf8', env: { ...process.env, FIELDWORK_DATABASE_URL: '', NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const [s, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { s, cpu: user + sys, rss: kb / 1024 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function measure(argv, env = {}) {
  const samples = Array.from({ length: runs }, () => timed(argv, env));
  return { s: median(samples.map((x) => x.s)), cpu: median(samples.map((x) => x.cpu)), rss: median(samples.map((x) => x.rss)) };
}

// The baseline: read the latest check run as stored (run row + exception rows), parse it, write it as one JSON file.
const BASELINE = `
const Database = require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))});
const fs = require('node:fs');
const db = new Database(process.argv[1], { readonly: true });
const row = db.prepare("select id, data from runs where type = 'check' order by id desc limit 1").get();
const data = JSON.parse(row.data);
const list = data.results;
for (const r of list) r.exceptions = [];
for (const x of db.prepare('select entry, body from run_exceptions where run_id = ? order by entry, ord').iterate(row.id)) list[x.entry].exceptions.push(JSON.parse(x.body));
fs.writeFileSync(process.argv[2], JSON.stringify(data));
`;

// The same on PostgreSQL: argv[1] is the store's URL.
const BASELINE_PG = `
const pg = require(${JSON.stringify(join(root, 'node_modules/pg'))});
const fs = require('node:fs');
(async () => {
  const c = new pg.Client({ connectionString: process.argv[1] });
  await c.connect();
  const row = (await c.query("select id, data from runs where type = 'check' order by id desc limit 1")).rows[0];
  const data = JSON.parse(row.data);
  for (const r of data.results) r.exceptions = [];
  for (const x of (await c.query('select entry, body from run_exceptions where run_id = $1 order by entry, ord', [row.id])).rows) data.results[x.entry].exceptions.push(JSON.parse(x.body));
  fs.writeFileSync(process.argv[2], JSON.stringify(data));
  await c.end();
})();
`;

/** A fresh PostgreSQL schema for one store: its URL and a way to drop it. */
async function pgSchema(name) {
  const { default: pg } = await import(join(root, 'node_modules/pg/lib/index.js'));
  const schema = `fw_bench_report_${process.pid}_${name}`;
  const admin = async (q) => { const c = new pg.Client({ connectionString: pgUrl }); await c.connect(); await c.query(q); await c.end(); };
  await admin(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  const u = new URL(pgUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: () => admin(`drop schema if exists ${schema} cascade`) };
}

async function buildStore(dir, n, format) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, [main, 'init', '--yes', '--workspace', dir], { stdio: 'ignore', env: { ...process.env, FIELDWORK_DATABASE_URL: '' } });
  const ws = loadWorkspace(dir);
  const { run, controls, period } = syntheticRun(ws, n);
  const schema = pgUrl ? await pgSchema(`${n}_${format}`) : undefined;
  const store = await FieldworkStore.open(schema ? { dialect: 'postgres', url: schema.url } : FieldworkStore.locationFor(dir, {}));
  const env = schema ? { FIELDWORK_DATABASE_URL: schema.url } : {};
  const data = { ...run, controls };
  let legacyBytes = 0;
  if (format === 1) {
    // As runs were stored before exception rows: the whole run, population included, in one row.
    let text;
    try {
      text = JSON.stringify(data);
    } catch (e) {
      // Past V8's longest string (2^29 - 24 characters) format 1 cannot hold the run at all.
      await store.close();
      await schema?.drop();
      if (e instanceof RangeError) return { unstorable: e.message };
      throw e;
    }
    legacyBytes = text.length;
    await store.writeTransaction((trx) => appendRun(trx, { type: 'check', createdAt: new Date().toISOString(), period, data: text, ledger: null }));
  } else {
    await store.saveRun('check', period, data, null, { summary: summarizeRun(run, controls) });
  }
  const sizes = await store.db.selectFrom('runs').select((eb) => eb.fn.sum(eb.fn('length', ['data'])).as('bytes')).executeTakeFirst();
  const rows = await store.db.selectFrom('run_exceptions').select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum(eb.fn('length', ['body'])).as('bytes')]).executeTakeFirst();
  await store.close();
  const exceptions = run.results.reduce((a, r) => a + r.exceptions.length, 0);
  return { db: schema ? schema.url : join(dir, '.fieldwork', 'fieldwork.db'), env, drop: async () => schema?.drop(), stored: Number(sizes.bytes) + Number(rows.bytes ?? 0), exceptionRows: Number(rows.n), exceptions, legacyBytes };
}
const dbFileMb = (file) => (pgUrl ? 'n/a' : (statSync(file).size / 1048576).toFixed(1));
const dirMb = (dir) => readdirSync(dir).reduce((a, f) => a + statSync(join(dir, f)).size, 0) / 1048576;

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`### report over a stored check run on ${pgUrl ? 'PostgreSQL' : 'SQLite'} (${runs === 1 ? 'one run' : `median of ${runs} runs`} per figure; load average at start: ${load()})\n`);
console.log('Baseline: a bare node process reading the same stored run (run row + exception rows, JSON.parse) and writing it as one JSON file.\n');
console.log('| items | exceptions | stored run MB | DB file MB | figure | wall s | × baseline | CPU s | × baseline | peak RSS MB | load |');
console.log('|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|');
for (const n of sizes) {
  const dir = join(out, `ws-${n}`);
  const s = await buildStore(dir, n, 2);
  const reports = join(dir, 'reports');
  const base = measure(['-e', pgUrl ? BASELINE_PG : BASELINE, s.db, join(dir, 'baseline.json')]);
  const report = measure([main, 'report', '--workspace', dir], s.env);
  const reportMb = dirMb(reports);
  const pkg = measure([main, 'report', '--package', '--oscal', '--workspace', dir], s.env);
  const row = (name, m) => `| ${n.toLocaleString('en')} | ${s.exceptions.toLocaleString('en')} | ${(s.stored / 1048576).toFixed(1)} | ${dbFileMb(s.db)} | ${name} | ${m.s.toFixed(2)} | ${(m.s / base.s).toFixed(2)} | ${m.cpu.toFixed(2)} | ${(m.cpu / base.cpu).toFixed(2)} | ${m.rss.toFixed(0)} | ${load()} |`;
  console.log(row('baseline (read + parse + write the run)', base));
  console.log(row(`\`report\` (md, csv, html, xlsx: ${reportMb.toFixed(1)} MB)`, report));
  console.log(row('`report --package --oscal`', pkg));
  if (before) {
    const legacyDir = join(out, `ws-${n}-format1`);
    const l = await buildStore(legacyDir, n, 1);
    if (l.unstorable) {
      console.log(`| ${n.toLocaleString('en')} | ${s.exceptions.toLocaleString('en')} | > 512 | — | before: format 1 cannot store this run (JSON.stringify: ${l.unstorable}) | — | — | — | — | — | ${load()} |`);
      if (!keep) rmSync(legacyDir, { recursive: true, force: true });
      if (!keep) await s.drop();
      if (!keep) rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const lr = measure([main, 'report', '--workspace', legacyDir], l.env);
    await l.drop();
    console.log(`| ${n.toLocaleString('en')} | ${l.exceptions.toLocaleString('en')} | ${(l.legacyBytes / 1048576).toFixed(1)} | ${dbFileMb(l.db)} | before: \`report\` on the run stored as format 1 (population copied) | ${lr.s.toFixed(2)} | ${(lr.s / base.s).toFixed(2)} | ${lr.cpu.toFixed(2)} | ${(lr.cpu / base.cpu).toFixed(2)} | ${lr.rss.toFixed(0)} | ${load()} |`);
    if (!keep) rmSync(legacyDir, { recursive: true, force: true });
  }
  if (!keep) await s.drop();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
