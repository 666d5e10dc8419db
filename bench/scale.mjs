#!/usr/bin/env node
/**
 * `check` and `audit` at growing record counts: wall time and peak RSS of each command in its
 * own process, at 1× and 10× the scale workspace (and 100× with --full; any multiples with
 * --sizes, e.g. 1,10,100,1000 for 14k to 11.8M records; see scale-generate.mjs, whose cached
 * workspaces are reused: 1000× takes about 15 min to generate and 12 GB of disk),
 * next to a baseline measured in the same run — a bare read of every current record (SQLite
 * select + JSON.parse, in its own process). Prints the time ratio per 10× (goal ≤ 11×) and peak
 * RSS (goal < 500 MB), the median of --runs runs, and the load average.
 *
 * Usage (after `npx tsc -b`): node bench/scale.mjs [--full] [--runs N] [--sizes 1,10,100,1000] [--no-baseline]
 * (--no-baseline skips the read baseline, a minute per run at 1000×; the check / read columns are then empty)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateScaleWorkspace } from './scale-generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cli = join(root, 'packages/fieldwork/dist/cli/main.js');
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const full = args.includes('--full');
const sizes = (flag('--sizes') ?? (full ? '1,10,100' : '1,10')).split(',').map(Number);
const runs = Number(flag('--runs') ?? (full ? 3 : 1));
const baseline = !args.includes('--no-baseline');
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/**
 * Runs `node argv…` in its own process: wall seconds, CPU seconds (user + system: steadier than
 * wall time on a shared machine) and peak RSS in MB, from GNU time.
 */
function measure(argv, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fw-scale-'));
  const rss = join(dir, 'rss');
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', rss, process.execPath, ...argv], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-2000)}`);
    const [kb, user, sys] = readFileSync(rss, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    return { seconds, cpu: user + sys, rssMB: kb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

/** The baseline: every current record read and parsed, nothing else. */
const readerScript = `
const D = require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))});
const db = new D(process.argv[1], { readonly: true });
let n = 0;
for (const row of db.prepare('select data from records where superseded_by is null order by at, id').iterate()) { JSON.parse(row.data); n++; }
`;

console.log(`# check and audit at scale — ${new Date().toISOString()}`);
console.log(`node ${process.version}, ${cpus().length} CPUs, load average at start: ${load()}; ${runs} run(s) per figure, median`);
const rows = [];
for (const n of sizes) {
  const g0 = Date.now();
  const s = await generateScaleWorkspace(n, undefined, (m) => console.error(m));
  const dir = join(here, '.out', 'scale', `x${n}`);
  console.error(`x${n}: ${s.records} records (${((Date.now() - g0) / 1000).toFixed(1)} s to prepare)`);
  const db = join(dir, '.fieldwork', 'fieldwork.db');
  const m = { read: [], check: [], audit: [] };
  for (let i = 0; i < runs; i++) {
    if (baseline) m.read.push(measure(['-e', readerScript, db]));
    m.check.push(measure([cli, '--workspace', dir, '--json', 'check']));
    m.audit.push(measure([cli, '--workspace', dir, '--json', 'audit']));
  }
  const fig = (xs) => (xs.length === 0 ? { seconds: NaN, cpu: NaN, rssMB: NaN, all: [] } : { seconds: median(xs.map((x) => x.seconds)), cpu: median(xs.map((x) => x.cpu)), rssMB: median(xs.map((x) => x.rssMB)), all: xs });
  const row = { multiplier: n, records: s.records, read: fig(m.read), check: fig(m.check), audit: fig(m.audit), load: load() };
  rows.push(row);
  console.error(`x${n}: read ${row.read.seconds.toFixed(1)} s, check ${row.check.seconds.toFixed(1)} s / ${row.check.rssMB.toFixed(0)} MB, audit ${row.audit.seconds.toFixed(1)} s / ${row.audit.rssMB.toFixed(0)} MB (load ${row.load})`);
}

console.log('\nTimes are wall s (CPU s); ratios per 10× records are of wall time (of CPU time).');
console.log('\n| size | records | read baseline s | check s | check / read | check × per 10× records | check peak RSS MB | audit s | audit × per 10× records | audit peak RSS MB | load (1/5/15 min) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const [i, r] of rows.entries()) {
  const prev = rows[i - 1];
  // Per 10× records (the generated mix does not grow exactly 10× per multiple).
  const per10 = (a, b) => (prev ? (a / b) ** (1 / Math.log10(r.records / prev.records)) : NaN);
  const x = (v) => (Number.isNaN(v) ? '—' : `${v.toFixed(1)}×`);
  const t = (f) => (Number.isNaN(f.seconds) ? '—' : `${f.seconds.toFixed(2)} (${f.cpu.toFixed(2)})`);
  const ratio = (k) => (prev ? `${x(per10(r[k].seconds, prev[k].seconds))} (${x(per10(r[k].cpu, prev[k].cpu))})` : '—');
  console.log(`| ${r.multiplier}× | ${r.records.toLocaleString('en-US')} | ${t(r.read)} | ${t(r.check)} | ${baseline ? `${(r.check.seconds / r.read.seconds).toFixed(1)} (${(r.check.cpu / r.read.cpu).toFixed(1)})` : '—'} | ${ratio('check')} | ${r.check.rssMB.toFixed(0)} | ${t(r.audit)} | ${ratio('audit')} | ${r.audit.rssMB.toFixed(0)} | ${r.load} |`);
}
console.log('\nGoals (issue 13): check and audit ≤ 11× time per 10× records; peak RSS < 500 MB at 1M and at 10M records.');
const big = rows.filter((r) => r.records >= 1_000_000);
for (const r of big) console.log(`${r.records.toLocaleString('en-US')} records: check ${r.check.rssMB < 500 ? 'meets' : 'misses'} the RSS goal (${r.check.rssMB.toFixed(0)} MB), audit ${r.audit.rssMB < 500 ? 'meets' : 'misses'} it (${r.audit.rssMB.toFixed(0)} MB).`);
writeFileSync(join(here, '.out', 'scale', 'results.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
