// Where the streaming scanner's time goes against one-shot detectPii on the long text of
// pii-throughput.mjs, in one process, the runs interleaved: one-shot; detectPii over windows of
// PII_STREAM_WINDOW characters built beforehand (flat strings, reused run after run); the same
// windows copied anew before each call (as the scanner builds them); the copy alone; and the
// scanner itself in 64 KiB writes. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-stream-windows.mjs
//   PII_STREAM_WINDOW=60000 node bench/pii-stream-windows.mjs   # windows below V8's large-object size
//
// CPU time of the process (process.cpuUsage), user and system apart, medians of PII_BENCH_RUNS
// (default 9) after a warm-up of PII_BENCH_WARM_MS (default 1000) per operation.
import { loadavg } from 'node:os';
import { streamingText } from './pii-common.mjs';

const pii = await import(new URL('../packages/agent/dist/pii/index.js', import.meta.url).pathname);
const RUNS = Number(process.env.PII_BENCH_RUNS ?? 9);
const WARM_MS = Number(process.env.PII_BENCH_WARM_MS ?? 1000);
const WINDOW = Number(process.env.PII_STREAM_WINDOW ?? 262144);
const OVERLAP = 800; // about what the scanner keeps from one window to the next

const { text, copy } = streamingText();
const windows = [];
for (let i = 0; i < text.length; i += WINDOW) windows.push(copy(i, Math.min(text.length, i + WINDOW + OVERLAP)));

const ops = [
  ['one-shot detectPii', () => pii.detectPii(text).length],
  ['detectPii on windows built beforehand', () => windows.reduce((n, w) => n + pii.detectPii(w).length, 0)],
  ['detectPii on windows copied anew', () => {
    let n = 0;
    for (let i = 0; i < text.length; i += WINDOW) n += pii.detectPii(copy(i, Math.min(text.length, i + WINDOW + OVERLAP))).length;
    return n;
  }],
  ['the copies alone', () => {
    let n = 0;
    for (let i = 0; i < text.length; i += WINDOW) n += copy(i, Math.min(text.length, i + WINDOW + OVERLAP)).charCodeAt(7);
    return n;
  }],
  ['createPiiScanner, 64 KiB writes', () => {
    const scanner = pii.createPiiScanner();
    for (let i = 0; i < text.length; i += 65536) scanner.write(text.slice(i, i + 65536));
    return scanner.end().total;
  }],
];

const load = loadavg().map((x) => x.toFixed(1)).join(' ');
for (const [, fn] of ops) {
  const t0 = Date.now();
  do fn(); while (Date.now() - t0 < WARM_MS);
}
const user = ops.map(() => []);
const system = ops.map(() => []);
for (let r = 0; r < RUNS; r++) {
  ops.forEach(([, fn], k) => {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    user[k].push(d.user / 1000);
    system[k].push(d.system / 1000);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const total = (k) => median(user[k].map((u, i) => u + system[k][i]));
console.log(`${(text.length / 1e6).toFixed(2)} M characters (two-byte), windows of ${WINDOW}; load average ${load} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after; medians of ${RUNS}`);
ops.forEach(([name], k) => {
  console.log(`${name.padEnd(40)} ${total(k).toFixed(1).padStart(7)} ms CPU (user ${median(user[k]).toFixed(1)}, system ${median(system[k]).toFixed(1)})  one-shot / this ${(total(0) / total(k)).toFixed(3)}`);
});
