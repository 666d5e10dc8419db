// Where detectPii's steady-state time goes, by function and, inside one function, by source line
// of the optimized code (inlined callees included), from Linux `perf` samples of the JIT's code:
// node writes its compiled code with --perf-prof, `perf inject --jit` maps the samples onto it,
// and `perf annotate` gives the share of each instruction. Unlike the CPU-time benchmarks this
// names the instruction a stall is on: a load that misses the cache (the name table's first
// probe), or the instruction after a mispredicted branch. Needs `perf` (software cpu-clock
// events suffice: no hardware counters in this VM). Run `npx tsc -b` first.
//
//   node bench/pii-perf-lines.mjs                       # Presidio records, scanText's lines
//   PII_PERF_SET=num PII_PERF_FN=detectPerson node bench/pii-perf-lines.mjs
//   PII_PERF_SET=long node bench/pii-perf-lines.mjs     # one 4 MB text a call
//
// A worker process calls detectPii on the set for PII_PERF_MS (default 10,000) ms; samples from
// its first 40 % (start-up, compilation) are dropped. Prints the main thread's top symbols and the
// lines of PII_PERF_FN (default scanText) with at least 0.5 % of its samples (over the whole run:
// perf annotate takes no time window), each line as the
// built file's line with its text (perf names inlined callees' lines after the outer file: a
// line whose text does not fit is a callee's, in its own file under packages/agent/dist/pii/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecords } from './pii-common.mjs';
import { localeSet } from './pii-locale-set.mjs';

const self = fileURLToPath(import.meta.url);

if (process.env.PII_PERF_WORKER !== undefined) {
  const { detectPii } = await import(new URL('../packages/agent/dist/pii/index.js', import.meta.url).href);
  let texts = loadRecords().map((r) => r.full_text);
  if (process.env.PII_PERF_SET === 'num') {
    const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
    texts = [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);
  } else if (process.env.PII_PERF_SET === 'long') {
    // The Presidio texts joined with newlines into one string of about 4 MB, one call at a time.
    const parts = [];
    for (let n = 0; n < 4e6; ) for (const t of texts) (parts.push(t), (n += t.length + 1));
    texts = [parts.join('\n')];
  }
  const end = Date.now() + Number(process.env.PII_PERF_WORKER);
  let n = 0;
  while (Date.now() < end) for (const t of texts) n += detectPii(t).length;
  console.log(n);
} else {
  const ms = Number(process.env.PII_PERF_MS ?? 10000);
  const fn = process.env.PII_PERF_FN ?? 'scanText';
  const dir = mkdtempSync(join(tmpdir(), 'pii-perf-'));
  const sh = (cmd, args, opts = {}) => {
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr ?? '').slice(-500)}`);
    return r.stdout;
  };
  try {
    sh('perf', ['record', '-k', '1', '-e', 'cpu-clock', '-F', '4000', '-o', 'perf.data', process.execPath, '--perf-prof', '--perf-prof-unwinding-info', self], {
      env: { ...process.env, PII_PERF_WORKER: String(ms) },
    });
    sh('perf', ['inject', '--jit', '-i', 'perf.data', '-o', 'jit.data']);
    // The steady state: the last 60 % of the samples' time span.
    const times = sh('perf', ['script', '-i', 'jit.data', '-F', 'time']).trim().split('\n').map((l) => Number.parseFloat(l));
    const first = times[0];
    const last = times[times.length - 1];
    const window = `${(first + 0.4 * (last - first)).toFixed(6)},${last.toFixed(6)}`;
    const report = sh('perf', ['report', '-i', 'jit.data', '--time', window, '--no-children', '--sort', 'symbol', '--stdio']);
    const short = (s) => s.replace(/file:\/\/\/\S*\/dist\/pii\//g, '').slice(0, 110);
    console.log(`## Top symbols (steady state, ${PII_SET()}; ${times.length} samples in all)\n`);
    for (const line of report.split('\n').filter((l) => /^\s+[\d.]+%/.test(l)).slice(0, Number(process.env.PII_PERF_TOP ?? 30))) console.log(short(line.trim()));
    const symbol = report.split('\n').map((l) => l.match(/\[\.\] (JS:\*\S+ \S+)/)?.[1]).find((s) => s !== undefined && s.startsWith(`JS:*${fn} `));
    if (symbol === undefined) throw new Error(`no optimized code of ${fn} among the samples`);
    // perf annotate takes no time window: the function's lines are over the whole run.
    const annotated = sh('perf', ['annotate', '-i', 'jit.data', '--stdio', '-s', symbol]);
    // Sum the instructions' shares by the source line marker that precedes them (first code object).
    const shares = new Map();
    let line = '(no position)';
    let section = 0;
    for (const l of annotated.split('\n')) {
      if (l.includes('Percent')) section++;
      if (section !== 1) continue;
      const marker = l.match(/^\s*:\s+\d+\s+(\S+)$/);
      if (marker !== null) {
        line = marker[1].replace(/^.*\//, '');
        continue;
      }
      const m = l.match(/^\s*([\d.]+)\s+:/);
      if (m !== null) shares.set(line, (shares.get(line) ?? 0) + Number(m[1]));
    }
    console.log(`\n## ${fn}: share of its samples by source line (≥ 0.5 %)\n`);
    // perf names every position after the outer function's file, inlined callees' lines too: the
    // line's text is shown from that file, and a line that reads as something else (a comment, a
    // table) belongs to a callee in another file (name-index.js:85 is lookupToken's probe).
    const dist = fileURLToPath(new URL('../packages/agent/dist/pii/', import.meta.url));
    const sources = new Map();
    const text = (where) => {
      const [file, line] = where.split(':');
      if (line === undefined) return '';
      if (!sources.has(file)) sources.set(file, readFileSync(join(dist, file), 'utf8').split('\n'));
      return (sources.get(file)[Number(line) - 1] ?? '').trim().slice(0, 90);
    };
    for (const [where, share] of [...shares].sort((a, b) => b[1] - a[1]).filter(([, s]) => s >= 0.5)) console.log(`${share.toFixed(1).padStart(5)} % ${where.padEnd(18)} ${text(where)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function PII_SET() {
  const set = process.env.PII_PERF_SET;
  return set === 'num' ? 'number-heavy lines' : set === 'long' ? 'the Presidio records joined, 4 MB a call' : 'Presidio records';
}
