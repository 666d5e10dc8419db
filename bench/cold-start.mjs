// Cold start of the CLI next to a bare `node -e 0` measured in the same run: `fieldwork --help`,
// `fieldwork --version` and `fieldwork check` on a freshly initialized workspace.
// Prints medians of N runs (wall time and peak RSS) and the ratio to the baseline, with the load.
//
//   npx tsc -b && node bench/cold-start.mjs [--runs 7]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;
const main = fileURLToPath(new URL('../packages/fieldwork/dist/cli/main.js', import.meta.url));
const ws = mkdtempSync(join(tmpdir(), 'fw-cold-'));
execFileSync(process.execPath, [main, 'init', '--yes', '--workspace', ws], { stdio: 'ignore' });

/** Wall time (ms) and peak RSS (MB) of one run, from GNU time when present, else wall time only. */
function once(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  const rss = Number(r.stderr.trim().split('\n').pop()) / 1024;
  return { ms, rss };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function measure(args) {
  const samples = Array.from({ length: runs }, () => once(args));
  return { ms: median(samples.map((s) => s.ms)), rss: median(samples.map((s) => s.rss)) };
}

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
const base = measure(['-e', '0']);
const rows = [
  ['`node -e 0` (baseline)', base],
  ['`fieldwork --version`', measure([main, '--version'])],
  ['`fieldwork --help`', measure([main, '--help'])],
  ['`fieldwork check` (empty workspace)', measure([main, 'check', '--workspace', ws])],
];
rmSync(ws, { recursive: true, force: true });
console.log(`### CLI cold start (median of ${runs} runs; load average before: ${load})\n`);
console.log('| command | wall ms | × baseline | peak RSS MB |');
console.log('|---|---:|---:|---:|');
for (const [name, m] of rows) console.log(`| ${name} | ${m.ms.toFixed(0)} | ${(m.ms / base.ms).toFixed(2)} | ${m.rss.toFixed(0)} |`);
