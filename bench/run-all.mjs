#!/usr/bin/env node
/**
 * Runs every benchmark in turn, each in its own process, passing `--full` through (the whole
 * table at 1×, 10× and 100×; without it each script's short version). `npm run bench` runs this
 * after `tsc -b`. A script that fails is reported and the others still run; the exit code is 1
 * when any failed.
 *
 * Usage: node bench/run-all.mjs [--full] [--only name,name]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Every benchmark, in the order the README's table lists its figures. Add a script here. */
const SCRIPTS = [
  { name: 'scale', file: 'scale.mjs', full: true },
  { name: 'report-scale', file: 'report-scale.mjs', full: true },
  { name: 'otlp-ingest', file: 'otlp-ingest.mjs', full: true },
  { name: 'okta-ingest', file: 'okta-ingest.mjs', full: true },
  { name: 'server-pages', file: 'server-pages.mjs', full: true },
  { name: 'verify-hash', file: 'verify-hash.mjs', full: true },
  { name: 'cold-start', file: 'cold-start.mjs' },
  { name: 'pii-quality', file: 'pii-quality.mjs' },
  { name: 'pii-throughput', file: 'pii-throughput.mjs' },
  { name: 'precision', file: 'precision.mjs' },
];

const args = process.argv.slice(2);
const full = args.includes('--full');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1].split(',')) : null;
const failed = [];
for (const s of SCRIPTS) {
  if (only && !only.has(s.name)) continue;
  // Scripts written before --full existed take no flags; they get it once they support it.
  const argv = [join(here, s.file), ...(full && s.full ? ['--full'] : [])];
  console.log(`\n## ${s.name} (${argv.slice(1).map((a) => a.replace(here + '/', 'bench/')).join(' ')}) — load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, argv, { stdio: 'inherit' });
  console.log(`\n(${s.name}: ${((Date.now() - t0) / 1000).toFixed(0)} s, exit ${r.status})`);
  if (r.status !== 0) failed.push(s.name);
}
if (failed.length) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
