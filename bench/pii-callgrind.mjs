// Instructions per detectPii call by function, counted by valgrind's callgrind: the exclusive
// (self) count of each JavaScript function V8 compiled, each builtin and each C++ function, per call
// in steady state. The whole-call count of pii-instructions.mjs moves by 500–1,500 between runs of
// one build (the JIT's and the GC's work fall differently in the window); the per-function counts
// of the code that runs per call do not, so a change is judged here, function by function.
// Needs valgrind on the PATH; a few minutes per build and set. Run `npx tsc -b` first.
//
//   node bench/pii-callgrind.mjs                               # this build, Presidio records
//   PII_CG_SET=num node bench/pii-callgrind.mjs                # the number-heavy lines
//   PII_CG_BUILDS=/base/packages/agent/dist/pii/index.js,packages/agent/dist/pii/index.js node bench/pii-callgrind.mjs
//   PII_CG_PASSES=10,30 PII_CG_TOP=40 node bench/pii-callgrind.mjs
//
// Each build runs twice under callgrind (node --single-threaded --predictable --perf-basic-prof,
// so that V8's compiler and GC work is on the counted thread and the JIT writes
// /tmp/perf-PID.map), once with the smaller and once with the larger pass count over the set; each
// instruction address's self cost is mapped to the JIT symbol that covers it (the last one written
// for that address) or to callgrind's own function name, and the two runs are differenced and
// divided by the calls in between. Functions whose code moved between the runs still add up
// correctly by name. Builds to compare should sit at paths of the same length (the path is in
// strings the process hashes). Prints one table per set: function, count per call for each build,
// and the difference when there are two.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecords } from './pii-common.mjs';
import { numberHeavyLines } from './pii-locale-set.mjs';

const self = fileURLToPath(import.meta.url);
const defaultBuild = fileURLToPath(new URL('../packages/agent/dist/pii/index.js', import.meta.url));

function sets() {
  const presidio = loadRecords().map((r) => r.full_text);
  return { presidio, num: numberHeavyLines() };
}

if (process.env.PII_CG_WORKER !== undefined) {
  const texts = sets()[process.env.PII_CG_SET];
  const { detectPii } = await import(process.env.PII_CG_BUILD);
  let n = 0;
  // An indexed loop: a for…of here ran the array iterator's builtin once a call (about 96
  // instructions), counted as if detectPii ran it.
  // In a function, not top-level module code, so that the loop itself runs optimized.
  const pass = () => {
    for (let i = 0; i < texts.length; i++) n += detectPii(texts[i]).length;
  };
  const passes = Number(process.env.PII_CG_WORKER);
  for (let p = 0; p < passes; p++) pass();
  console.log(JSON.stringify({ pid: process.pid, n }));
} else {
  const [small, large] = (process.env.PII_CG_PASSES ?? '10,30').split(',').map(Number);
  const set = process.env.PII_CG_SET ?? 'presidio';
  if (!(set in sets())) throw new Error(`PII_CG_SET must be presidio or num, not "${set}"`);
  const top = Number(process.env.PII_CG_TOP ?? 30);
  const builds = (process.env.PII_CG_BUILDS ?? defaultBuild).split(',').map((b) => new URL(b, `file://${process.cwd()}/`).pathname);
  for (const b of builds) if (!existsSync(b)) throw new Error(`${b}: no such build (run npx tsc -b there first)`);
  const calls = (large - small) * sets()[set].length;
  const dir = mkdtempSync(join(tmpdir(), 'pii-cg-'));

  const run = (build, passes, tag) =>
    new Promise((resolve, reject) => {
      const out = join(dir, `${tag}.out`);
      const child = spawn(
        'valgrind',
        ['--tool=callgrind', '--dump-instr=yes', '--compress-strings=no', '--compress-pos=no', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', '--predictable', '--perf-basic-prof', self],
        // In the temporary folder: node with --perf-basic-prof leaves an isolate-*-v8.log in its cwd.
        { cwd: dir, env: { ...process.env, PII_CG_WORKER: String(passes), PII_CG_BUILD: build, PII_CG_SET: set }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`callgrind failed (exit ${code}): ${stderr.slice(-600)}`));
        const { pid } = JSON.parse(stdout.trim().split('\n').at(-1));
        const map = `/tmp/perf-${pid}.map`;
        try {
          resolve(bySymbol(out, map));
        } finally {
          rmSync(map, { force: true });
          rmSync(out, { force: true });
        }
      });
    });

  // Two runs at a time: the machine has two cores, and callgrind is single-threaded.
  const results = [];
  for (const [i, build] of builds.entries()) {
    const [a, b] = await Promise.all([run(build, small, `${i}-s`), run(build, large, `${i}-l`)]);
    const diff = new Map();
    for (const [k, v] of b) diff.set(k, v);
    for (const [k, v] of a) diff.set(k, (diff.get(k) ?? 0) - v);
    results.push(diff);
  }
  rmSync(dir, { recursive: true, force: true });

  const names = new Set(results.flatMap((r) => [...r.keys()]));
  const per = (r, k) => (r.get(k) ?? 0) / calls;
  const rows = [...names].map((k) => ({ k, v: results.map((r) => per(r, k)) }));
  const weight = (row) => Math.max(...row.v.map(Math.abs));
  rows.sort((x, y) => weight(y) - weight(x));
  const total = results.map((r) => [...r.values()].reduce((s, v) => s + v, 0) / calls);
  const js = results.map((r) => [...r.entries()].filter(([k]) => k.startsWith('JS:')).reduce((s, [, v]) => s + v, 0) / calls);
  console.log(`## callgrind, self instructions per detectPii call (${set}, ${large} − ${small} passes, ${calls} calls), node ${process.version}`);
  console.log('');
  const head = builds.length === 2 ? '| function | before | after | after − before |' : `| function | ${builds.map((_, i) => `build ${i + 1}`).join(' | ')} |`;
  console.log(builds.map((b, i) => `build ${i + 1}: ${b}`).join('\n') + '\n');
  console.log(head);
  console.log(`| --- |${' ---: |'.repeat(builds.length + (builds.length === 2 ? 1 : 0))}`);
  const cells = (v) => [...v.map((x) => x.toFixed(0)), ...(v.length === 2 ? [(v[1] - v[0]).toFixed(0)] : [])].join(' | ');
  console.log(`| **whole process** | ${cells(total)} |`);
  console.log(`| **JavaScript (JS:)** | ${cells(js)} |`);
  for (const row of rows.slice(0, top)) console.log(`| ${row.k.replaceAll('|', '\\|').slice(0, 90)} | ${cells(row.v)} |`);
}

/** Self cost per symbol from a callgrind file written with --dump-instr=yes and no compression. */
function bySymbol(outFile, mapFile) {
  // The JIT's code ranges: address, size, name; later entries win (code can be freed and reused).
  const ranges = [];
  if (existsSync(mapFile)) {
    for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
      const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
      // Names without the build's path and the function's line and column, so that two builds'
      // functions line up when code moved in the file.
      if (m) ranges.push({ start: parseInt(m[1], 16), end: parseInt(m[1], 16) + parseInt(m[2], 16), name: m[3].replace(/file:\/\/\S*\//, '').replace(/:\d+:\d+$/, ''), order: ranges.length });
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.order - b.order);
  const symbolAt = (addr) => {
    // Binary search for the last range starting at or before addr, then walk back for the
    // latest-written one that covers it.
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= addr) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best;
    for (let i = found; i >= 0 && i > found - 64; i--) {
      const r = ranges[i];
      if (addr < r.end && (best === undefined || r.order > best.order)) best = r;
    }
    return best?.name;
  };
  const costs = new Map();
  const add = (k, v) => costs.set(k, (costs.get(k) ?? 0) + v);
  let fn = '';
  let ob = '';
  let skipNext = false;
  let costField = 1; // the first cost follows the positions ("instr", or "instr line")
  const cache = new Map();
  for (const line of readFileSync(outFile, 'utf8').split('\n')) {
    if (line.startsWith('positions:')) {
      costField = line.slice(10).trim().split(/\s+/).length;
      continue;
    }
    if (line.startsWith('ob=')) {
      ob = line.slice(3).split('/').at(-1);
      continue;
    }
    if (line.startsWith('fn=')) {
      fn = line.slice(3);
      continue;
    }
    if (line.startsWith('calls=')) {
      skipNext = true;
      continue;
    }
    const c = line.charCodeAt(0);
    if (!(c === 48 && line.charCodeAt(1) === 120)) continue; // "0x…" cost lines only
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const addr = parseInt(line.slice(2, line.indexOf(' ')), 16);
    const cost = Number(line.split(' ')[costField] ?? 0);
    let name;
    if (/^0x[0-9a-f]+$/.test(fn) || fn === '???' || fn.startsWith('0x')) {
      const key = addr;
      name = cache.get(key);
      if (name === undefined) {
        name = symbolAt(addr) ?? `(no symbol: ${ob})`;
        cache.set(key, name);
      }
    } else name = fn.startsWith('v8::internal::compiler::') ? '(TurboFan: every v8::internal::compiler function)' : fn;
    add(name, cost);
  }
  return costs;
}
