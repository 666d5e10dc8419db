// How detectPii's cost per character and the cost of building a window depend on the window's
// size, on the long text of pii-throughput.mjs: what the streaming scanner's SCAN_WINDOW trades
// (SCAN_BATCH before Dec 8).
// For each size, in one process, the runs in turn (the order reversed every other round):
// detectPii over windows of that many characters built beforehand, and the copies that build
// them (two slices joined, as the scanner's join makes a flat string); each as a ratio to one-shot
// detectPii on the whole text timed in the same round, the median of the rounds. Run
// `npx tsc -b packages/agent` first.
//
//   node bench/pii-window-sizes.mjs
//   PII_WINDOW_SIZES=63000,1048576 PII_BENCH_RUNS=15 node bench/pii-window-sizes.mjs
//
// 63,000 characters and the overlap are a two-byte string just under V8's large-object size
// (128 KiB): its copy is made in the young generation; every larger window's copy is made on
// fresh large-object pages. CPU time of the process (process.cpuUsage). Before the rounds,
// per-record calls warm the detector for 1.5 s, as pii-throughput's first group does, then each
// operation runs for 0.7 s.
import { loadavg } from 'node:os';
import { loadRecords, streamingText } from './pii-common.mjs';

const pii = await import(new URL('../packages/agent/dist/pii/index.js', import.meta.url).pathname);
const RUNS = Number(process.env.PII_BENCH_RUNS ?? 11);
const SIZES = (process.env.PII_WINDOW_SIZES ?? '63000,262144,524288,1048576,2097152').split(',').map(Number);
const OVERLAP = 800; // about what the scanner keeps from one window to the next

const records = loadRecords().map((r) => r.full_text);
const { text, copy } = streamingText(records);
const windowsOf = (size) => {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(copy(i, Math.min(text.length, i + size + OVERLAP)));
  return out;
};

const warm = Date.now();
do for (const r of records) pii.detectPii(r); while (Date.now() - warm < 1500);
const ops = [['one-shot', () => pii.detectPii(text).length]];
for (const size of SIZES) {
  const built = windowsOf(size);
  ops.push([`detect ${size}`, () => built.reduce((n, w) => n + pii.detectPii(w).length, 0)]);
  ops.push([`copy ${size}`, () => {
    let n = 0;
    for (let i = 0; i < text.length; i += size) n += copy(i, Math.min(text.length, i + size + OVERLAP)).charCodeAt(7);
    return n;
  }]);
}
for (const [, fn] of ops) {
  const t0 = Date.now();
  do fn(); while (Date.now() - t0 < 700);
}
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
const ratios = ops.map(() => []);
const ms = ops.map(() => []);
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? [...ops.keys()] : [...ops.keys()].reverse();
  const t = [];
  for (const k of order) {
    const c0 = process.cpuUsage();
    ops[k][1]();
    const d = process.cpuUsage(c0);
    t[k] = (d.user + d.system) / 1000;
  }
  t.forEach((x, k) => {
    ms[k].push(x);
    ratios[k].push(x / t[0]);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${(text.length / 1e6).toFixed(2)} M characters (two-byte); load average ${load} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after; medians of ${RUNS} rounds`);
console.log(`one-shot detectPii: ${median(ms[0]).toFixed(1)} ms CPU\n`);
console.log('| window, characters | detectPii on the windows / one-shot | building the windows / one-shot | sum |');
console.log('| ---: | ---: | ---: | ---: |');
SIZES.forEach((size, i) => {
  const detect = median(ratios[1 + 2 * i]);
  const build = median(ratios[2 + 2 * i]);
  console.log(`| ${size.toLocaleString('en-US')} | ${detect.toFixed(3)} | ${build.toFixed(3)} | ${(detect + build).toFixed(3)} |`);
});
