// Throughput of Fieldwork's PII detector and the npm peers on the same text: the Presidio
// research texts repeated to the target sizes. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-throughput.mjs      # about five minutes, most of it in the peers
//   PII_BENCH_SIZES=1,5 PII_BENCH_RECORD_SIZES=1 node bench/pii-throughput.mjs
//
// Two ways of feeding the text:
// - whole text (PII_BENCH_SIZES, default 5 and 20 MB): one call on the texts joined with
//   newlines, as when a log file is read at once;
// - per record (PII_BENCH_RECORD_SIZES, default 5 MB): one call per Presidio text, as a
//   prompt-log check calls the detector. Speed per record does not depend on the total.
// OpenRedaction's detect() grows faster than linearly with input length, so on the whole text it
// is only measured on small prefixes (see the scaling table) and marked "skipped" above them.
import { cpus, loadavg } from 'node:os';
import { detectors, loadRecords, table } from './pii-common.mjs';

const SIZES = (process.env.PII_BENCH_SIZES ?? '5,20').split(',').map(Number);
const RECORD_SIZES = (process.env.PII_BENCH_RECORD_SIZES ?? '5').split(',').map(Number);
const OPENREDACTION_WHOLE_MAX = 0.5e6;
const MB = 1e6;

const records = loadRecords().map((r) => r.full_text);
const recordBytes = records.reduce((n, r) => n + Buffer.byteLength(r) + 1, 0);
const corpus = (bytes) => {
  const list = [];
  while (list.length * (recordBytes / records.length) < bytes) list.push(...records);
  return list;
};

function best(runs, fn) {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - started);
  }
  return ms;
}

const [fieldwork, redactPii, openRedaction] = await detectors();
const { pii } = fieldwork;
const scan = (text) => {
  const scanner = pii.createPiiScanner();
  for (let i = 0; i < text.length; i += 65536) scanner.write(text.slice(i, i + 65536));
  return scanner.end();
};

const operations = [
  { tool: fieldwork, op: 'detectPii', call: (t) => pii.detectPii(t), runs: 7 },
  { tool: fieldwork, op: 'redact', call: (t) => pii.redact(t), runs: 7 },
  { tool: fieldwork, op: 'createPiiScanner, 64 KiB writes', call: scan, runs: 7, wholeOnly: true },
  { tool: redactPii, op: 'SyncRedactor.redact', call: (t) => redactPii.run(t), runs: 1 },
  { tool: openRedaction, op: 'OpenRedaction.detect', call: (t) => openRedaction.run(t), runs: 1, wholeMax: OPENREDACTION_WHOLE_MAX },
];

// Warm up the JIT so the first timed run is not penalised: our operations on a megabyte, both
// ways, and every operation on a few hundred records.
const warmList = corpus(MB);
const warmText = warmList.join('\n');
for (let i = 0; i < 3; i++) {
  for (const o of operations) {
    if (o.tool === fieldwork) {
      o.call(warmText);
      warmList.forEach((r) => o.call(r));
    } else records.slice(0, 300).forEach((r) => o.call(r));
  }
}

const results = new Map(); // `${mode}|${op}|${size}` → MB/s
const label = (o) => `${o.tool.name} ${o.op}`;
const measure = (mode, size, o, fn, bytes) => {
  const ms = best(o.runs, fn);
  results.set(`${mode}|${label(o)}|${size}`, bytes / MB / (ms / 1000));
  process.stderr.write(`${mode.padEnd(6)} ${label(o)} ${size} MB: ${ms.toFixed(0)} ms\n`);
};
for (const size of RECORD_SIZES) {
  const list = corpus(size * MB);
  const bytes = list.reduce((n, r) => n + Buffer.byteLength(r) + 1, 0);
  for (const o of operations) if (!o.wholeOnly) measure('record', size, o, () => list.forEach((r) => o.call(r)), bytes);
}
for (const size of SIZES) {
  const whole = corpus(size * MB).join('\n');
  const bytes = Buffer.byteLength(whole);
  for (const o of operations) if (o.wholeMax === undefined || bytes <= o.wholeMax) measure('whole', size, o, () => o.call(whole), bytes);
}

const fmt = (mbps) => (mbps >= 1 ? mbps.toFixed(1) : mbps.toPrecision(2));
const ratio = (x, ref) => (x >= ref * 0.995 ? `${(x / ref).toFixed(2)}×` : `1/${(ref / x).toFixed(ref / x < 10 ? 1 : 0)}`);

console.log('## PII detection throughput\n');
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${load} at the end.`);
console.log(`Input: the ${records.length} Presidio texts repeated to each size; MB = 10^6 bytes of UTF-8. Fieldwork`);
console.log('runs are the best of 7, the peers run once. "vs Fieldwork" divides by Fieldwork detectPii fed the');
console.log('same way, in the same run.\n');
for (const [mode, title, sizes] of [['whole', 'One call on the whole text', SIZES], ['record', 'One call per record', RECORD_SIZES]]) {
  const header = ['tool', 'operation'];
  for (const size of sizes) header.push(`${size} MB: MB/s`, `${size} MB: vs Fieldwork`);
  const rows = [];
  for (const o of operations) {
    if (mode === 'record' && o.wholeOnly) continue;
    const row = [`${o.tool.name} ${o.tool.version}`, o.op];
    for (const size of sizes) {
      const x = results.get(`${mode}|${label(o)}|${size}`);
      const ref = results.get(`${mode}|${label(operations[0])}|${size}`);
      row.push(...(x === undefined ? ['skipped', '—'] : [fmt(x), ratio(x, ref)]));
    }
    rows.push(row);
  }
  console.log(`### ${title}\n`);
  console.log(table(header, rows));
  console.log();
}

// Why OpenRedaction is not run on the whole multi-megabyte text.
const whole = corpus(OPENREDACTION_WHOLE_MAX).join('\n');
const scaling = [];
for (const bytes of [50_000, 100_000, 200_000, 400_000]) {
  const text = whole.slice(0, bytes);
  const ms = best(1, () => openRedaction.run(text));
  const ours = best(5, () => pii.detectPii(text));
  scaling.push([`${bytes / 1000} kB`, `${ms.toFixed(0)} ms`, fmt(bytes / MB / (ms / 1000)), `${ours.toFixed(1)} ms`]);
}
console.log('### OpenRedaction.detect on one string of growing length\n');
console.log(table(['input', 'OpenRedaction time', 'OpenRedaction MB/s', 'Fieldwork detectPii time'], scaling));
