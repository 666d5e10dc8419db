// Throughput of Fieldwork's PII detector and the npm peers on the same text, in one run, with a
// bare regex scan as the baseline (the machine is shared: ratios to the baseline measured in the
// same run say more than absolute MB/s). Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-throughput.mjs                 # ~1–2 min
//   PII_BENCH_RUNS=3 PII_BENCH_MB=1 node bench/pii-throughput.mjs
//   PII_BENCH_PEERS=0 node bench/pii-throughput.mjs            # Fieldwork and the baseline only
//   PII_BENCH_COMPARE=/path/to/other/packages/agent/dist/pii/index.js node bench/pii-throughput.mjs
//                                                 # adds that build's detectPii, measured in the same run
//
// Each measured operation is warmed up for PII_BENCH_WARM_MS (default 1000) of wall time first, so
// that the JIT's background compilation (counted in process CPU time) is over before it is timed.
// Three inputs:
// - per record: one call per Presidio text (about 80 characters each), as a prompt-log check
//   calls the detector;
// - long text: the Presidio texts joined with newlines into one string (PII_BENCH_MB, default 4);
// - number-heavy: support and log lines dense with order and tracking numbers, timestamps,
//   versions, prices, phones and cards (the multi-locale set's negatives and digit-bearing records).
// Times are CPU time of this process (process.cpuUsage), the median of PII_BENCH_RUNS runs
// (default 5) for Fieldwork and the baseline, one or two runs for the peers. The baseline, the
// Fieldwork operations and the PII_BENCH_COMPARE build take turns run by run on each input, so a
// change of load during the run falls on all of them alike.
import { cpus, loadavg } from 'node:os';
import { detectors, loadRecords, table, wordBaseline } from './pii-common.mjs';
import { distinctText, localeSet } from './pii-locale-set.mjs';

const RUNS = Number(process.env.PII_BENCH_RUNS ?? 5);
const MB = 1e6;
const LONG_BYTES = Number(process.env.PII_BENCH_MB ?? 4) * MB;
const loadBefore = loadavg();

const records = loadRecords().map((r) => r.full_text);
const bytesOf = (list) => list.reduce((n, r) => n + Buffer.byteLength(r), 0);
const repeat = (list, bytes) => {
  const out = [];
  const each = bytesOf(list) / list.length;
  while (out.length * each < bytes) out.push(...list);
  return out;
};
const perRecord = repeat(records, 1 * MB);
const longText = repeat(records, LONG_BYTES).join('\n');
const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
const numberLines = [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);
const numberHeavy = repeat(numberLines, 1 * MB);
const digitShare = (s) => (s.match(/\d/g) ?? []).length / s.length;

const PEERS = process.env.PII_BENCH_PEERS !== '0';
const WARM_MS = Number(process.env.PII_BENCH_WARM_MS ?? 1000);
const [fieldwork, redactPii, redactPiiNode, openRedaction] = await detectors();
const compare = process.env.PII_BENCH_COMPARE === undefined ? undefined : await import(process.env.PII_BENCH_COMPARE);
const { pii } = fieldwork;
const baseline = wordBaseline;
const scan = (t) => {
  const scanner = pii.createPiiScanner();
  for (let i = 0; i < t.length; i += 65536) scanner.write(t.slice(i, i + 65536));
  return scanner.end();
};

function cpuMs(fn) {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
/** MB/s of `fn` over `input` (a list: one call per item; a string: one call). */
function measure(fn, input, runs) {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : bytesOf(input);
  const call = typeof input === 'string' ? () => fn(input) : () => { for (const r of input) fn(r); };
  const w0 = Date.now();
  do call(); while (Date.now() - w0 < WARM_MS); // warm-up
  const ms = median(Array.from({ length: runs }, () => cpuMs(call)));
  return bytes / MB / (ms / 1000);
}

/**
 * MB/s of several operations over the same input, their timed runs interleaved (a, b, c, a, b, c…)
 * after a warm-up of each, so that the shared machine's changing load falls on all of them alike.
 */
function measureGroup(fns, input, runs) {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : bytesOf(input);
  const calls = fns.map((fn) => (typeof input === 'string' ? () => fn(input) : () => { for (const r of input) fn(r); }));
  for (const call of calls) {
    const w0 = Date.now();
    do call(); while (Date.now() - w0 < WARM_MS);
  }
  const times = calls.map(() => []);
  for (let i = 0; i < runs; i++) calls.forEach((call, k) => times[k].push(cpuMs(call)));
  return times.map((t) => bytes / MB / (median(t) / 1000));
}

const inputs = [
  ['per record', perRecord],
  ['long text', longText],
  ['number-heavy, per line', numberHeavy],
];
// Peers on a slice of each input: they are one to three orders of magnitude slower.
const slice = (input, bytes) => (typeof input === 'string' ? input.slice(0, bytes) : repeat(input.slice(0, 400), bytes));
const operations = [
  { name: 'bare `\\w+` scan (baseline)', fn: baseline, runs: RUNS },
  { name: `Fieldwork ${fieldwork.version} detectPii`, fn: (t) => pii.detectPii(t), runs: RUNS },
  { name: `Fieldwork ${fieldwork.version} redact`, fn: (t) => pii.redact(t), runs: RUNS },
  { name: `Fieldwork ${fieldwork.version} createPiiScanner, 64 KiB writes`, fn: scan, runs: RUNS, only: 'long text' },
  ...(compare === undefined ? [] : [{ name: 'detectPii of PII_BENCH_COMPARE', fn: (t) => compare.detectPii(t), runs: RUNS }]),
  { peer: true, name: `redact-pii ${redactPii.version}`, fn: (t) => redactPii.run(t), runs: 1, bytes: 0.2 * MB },
  { peer: true, name: `@redactpii/node ${redactPiiNode.version}`, fn: (t) => redactPiiNode.run(t), runs: 2, bytes: 0.5 * MB },
  { peer: true, name: `openredaction ${openRedaction.version}`, fn: (t) => openRedaction.run(t), runs: 1, bytes: 0.05 * MB, notLong: true },
].filter((op) => PEERS || op.peer !== true);
const results = new Map();
for (const [label, input] of inputs) {
  // The baseline and every Fieldwork operation (and the other build) take turns run by run.
  const group = operations.filter((op) => op.peer !== true && (op.only === undefined || op.only === label));
  measureGroup(group.map((op) => op.fn), input, RUNS).forEach((x, k) => results.set(`${group[k].name}|${label}`, x));
  for (const op of operations) {
    if (op.peer !== true || (op.notLong && label === 'long text')) continue;
    results.set(`${op.name}|${label}`, measure(op.fn, slice(input, op.bytes), op.runs));
  }
}

console.log('## PII detection throughput\n');
const load = (l) => l.map((x) => x.toFixed(1)).join(' ');
console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs; load average ${load(loadBefore)} before, ${load(loadavg())} after.`);
console.log(`MB/s = 10^6 bytes of UTF-8 per second of this process's CPU time, median of ${RUNS} interleaved runs (peers: 1–2 runs on a`);
console.log(`0.05–0.5 MB slice). Inputs: per record = ${perRecord.length} Presidio texts (${(bytesOf(perRecord) / perRecord.length).toFixed(0)} bytes on average), one call each;`);
console.log(`long text = one string of ${(LONG_BYTES / MB).toFixed(0)} MB; number-heavy = ${numberHeavy.length} lines, ${(100 * digitShare(numberHeavy.join('\n'))).toFixed(0)} % digits, one call each.`);
console.log('"× baseline" divides by the bare `\\w+` regex scan of the same input in the same run.\n');
const fmt = (x) => (x === undefined ? '—' : x >= 1 ? x.toFixed(1) : x.toPrecision(2));
const header = ['operation'];
for (const [label] of inputs) header.push(`${label}: MB/s`, '× baseline');
const rows = operations.map((op) => {
  const row = [op.name];
  for (const [label] of inputs) {
    const x = results.get(`${op.name}|${label}`);
    const base = results.get(`${operations[0].name}|${label}`);
    row.push(fmt(x), x === undefined ? '—' : (x / base).toFixed(3));
  }
  return row;
});
console.log(table(header, rows));
const one = results.get(`${operations[1].name}|long text`);
const streamed = results.get(`${operations[3].name}|long text`);
// The table's two figures come from a group where the scanner's turn follows redact's, whose 4 MB
// of garbage (the redacted copy, its pieces) can be collected in the scanner's time: on Dec 7 the
// table's medians read 0.75-0.85x where these pairs read 0.87-0.94x. The goal's figure is therefore
// measured on its own, paired: one-shot and scanner back to back, the order swapped every run, the
// median of the per-run ratios (one-shot against itself this way: 0.98 and 1.05, its noise).
const pairsOn = (text) => {
  const pairs = [];
  for (let i = 0; i < 2 * RUNS + 1; i++) {
    const oneMs = i % 2 === 0 ? cpuMs(() => pii.detectPii(text)) : undefined;
    const scanMs = cpuMs(() => scan(text));
    pairs.push((oneMs ?? cpuMs(() => pii.detectPii(text))) / scanMs);
  }
  return pairs;
};
const pairs = pairsOn(longText);
console.log(`\nStreaming scanner vs one-shot detectPii on the long text: ${median(pairs).toFixed(2)}× (goal: within 10 %), the median of ${pairs.length} back-to-back pairs in alternating order (the table's two medians: ${(streamed / one).toFixed(2)}×).`);
// The same pairs on a long text that does not repeat, after two calls of each to warm them on it.
// Not the goal's figure: it shows how much of the gap comes from the long text repeating itself.
const distinct = distinctText(longText.length);
for (let i = 0; i < 2; i++) {
  pii.detectPii(distinct);
  scan(distinct);
}
const distinctPairs = pairsOn(distinct);
console.log(`The same on a long text that does not repeat (${(distinct.length / 1e6).toFixed(2)} M characters of generated records, pii-locale-set.mjs distinctText): ${median(distinctPairs).toFixed(2)}×.`);
if (compare !== undefined) {
  const ratios = inputs.map(([label]) => `${label} ${(results.get(`${operations[1].name}|${label}`) / results.get(`detectPii of PII_BENCH_COMPARE|${label}`)).toFixed(2)}×`);
  console.log(`detectPii of this build vs PII_BENCH_COMPARE: ${ratios.join(', ')}.`);
}
