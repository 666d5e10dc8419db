// The streaming scanner against one-shot detectPii on long texts that repeat themselves with
// different periods, and on one that does not: how much of the ratio comes from the text
// repeating. pii-throughput.mjs's long text is the 2,109 Presidio records (177 K characters)
// repeated to 4 M characters. A call over the whole text meets every record again every period,
// inside the same step of the same call (the word scan, say), and finds what it looked up last
// time still in the cache; the scanner's windows (SCAN_WINDOW characters) see the repeat only if
// the period is shorter than a window. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-stream-period.mjs
//   PII_PERIOD_RECORDS=200,700,2109 node bench/pii-stream-period.mjs
//
// Texts: the first N Presidio records joined by newlines and repeated to about 4 M characters,
// for each N of PII_PERIOD_RECORDS (default 200, 700, 2109: the last is pii-throughput's text);
// then 4 M characters of generated records that do not repeat (pii-locale-set.mjs distinctText).
// Per text, in one process: one-shot and the scanner (64 KiB writes) each warmed for
// PII_BENCH_WARM_MS (default 1000), then PII_BENCH_RUNS (default 11) pairs timed back to back in
// alternating order, as pii-throughput.mjs times the goal's figure; printed: one-shot's CPU time
// over the scanner's, the median of the pairs (above 1: the scanner is faster).
import { loadavg } from 'node:os';
import { loadRecords } from './pii-common.mjs';
import { distinctText } from './pii-locale-set.mjs';

const pii = await import(new URL('../packages/agent/dist/pii/index.js', import.meta.url).pathname);
const scannerModule = await import(new URL('../packages/agent/dist/pii/create-pii-scanner.js', import.meta.url).pathname);
// Builds before Dec 8 called it SCAN_BATCH (the new text per window).
const SCAN_WINDOW = scannerModule.SCAN_WINDOW ?? scannerModule.SCAN_BATCH;
const RUNS = Number(process.env.PII_BENCH_RUNS ?? 11);
const WARM_MS = Number(process.env.PII_BENCH_WARM_MS ?? 1000);
const COUNTS = (process.env.PII_PERIOD_RECORDS ?? '200,700,2109').split(',').map(Number);
const LENGTH = 4e6;

const records = loadRecords().map((r) => r.full_text);
const repeated = (n) => {
  const block = records.slice(0, n).join('\n');
  return { period: block.length + 1, text: Array.from({ length: Math.ceil(LENGTH / (block.length + 1)) }, () => block).join('\n') };
};
const scan = (t) => {
  const scanner = pii.createPiiScanner();
  for (let i = 0; i < t.length; i += 65536) scanner.write(t.slice(i, i + 65536));
  return scanner.end().total;
};
const cpuMs = (fn) => {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const before = loadavg().map((x) => x.toFixed(1)).join(' ');
// Per-record calls first, as pii-throughput.mjs's first group runs them.
const w0 = Date.now();
do for (const r of records) pii.detectPii(r); while (Date.now() - w0 < WARM_MS);
const rows = [];
const texts = [...COUNTS.map((n) => ({ label: `${n} records repeated`, ...repeated(n) })), { label: 'generated records, no repeat', period: undefined, text: distinctText(LENGTH) }];
for (const { label, period, text } of texts) {
  if (scan(text) !== pii.detectPii(text).length) throw new Error(`${label}: the scanner and one-shot disagree`);
  for (const fn of [() => pii.detectPii(text), () => scan(text)]) {
    const t0 = Date.now();
    do fn(); while (Date.now() - t0 < WARM_MS);
  }
  const pairs = [];
  const oneMs = [];
  for (let i = 0; i < RUNS; i++) {
    const first = i % 2 === 0 ? cpuMs(() => pii.detectPii(text)) : undefined;
    const scanMs = cpuMs(() => scan(text));
    const one = first ?? cpuMs(() => pii.detectPii(text));
    oneMs.push(one);
    pairs.push(one / scanMs);
  }
  rows.push(`| ${label} | ${period === undefined ? '—' : period.toLocaleString('en-US')} | ${median(oneMs).toFixed(0)} | ${median(pairs).toFixed(2)}× |`);
}
console.log(`Streaming scanner (windows of ${SCAN_WINDOW.toLocaleString('en-US')} characters) against one-shot detectPii, ${RUNS} pairs per text; load average ${before} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after.\n`);
console.log('| text, about 4 M characters | period, characters | one-shot ms | one-shot / scanner |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
