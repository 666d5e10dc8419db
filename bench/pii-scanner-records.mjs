// The streaming scanner on short records, the way the prompt-log and OTLP collectors use it
// (collectors/prompt-log/scan-content.ts: a scanner per record, the record written whole, three
// redacted excerpts, an onFinding callback), against one-shot detectPii of the same records in
// the same run. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-scanner-records.mjs
//   PII_SCANNER_BEFORE=/other/checkout/packages/agent/dist/pii/index.js node bench/pii-scanner-records.mjs
//
// Inputs: the Presidio records (one call each) and the number-heavy lines of pii-throughput.mjs.
// Each round times detectPii over every record, then the scanner with 0 and with 3 excerpts (and,
// with PII_SCANNER_BEFORE, the same scanners of that build), one after the other in an order
// that turns every round; CPU time of the process (process.cpuUsage), the median of
// PII_BENCH_RUNS (default 11) rounds after a warm-up of PII_BENCH_WARM_MS (default 1500).
// Printed: ms per pass over the records and each scanner's time as a multiple of detectPii's.
import { loadavg } from 'node:os';
import { loadRecords } from './pii-common.mjs';
import { numberHeavyLines } from './pii-locale-set.mjs';

const here = new URL('../packages/agent/dist/pii/index.js', import.meta.url).pathname;
const pii = await import(here);
const before = process.env.PII_SCANNER_BEFORE === undefined ? undefined : await import(process.env.PII_SCANNER_BEFORE);
const RUNS = Number(process.env.PII_BENCH_RUNS ?? 11);
const WARM_MS = Number(process.env.PII_BENCH_WARM_MS ?? 1500);

const inputs = [
  ['Presidio records', loadRecords().map((r) => r.full_text)],
  ['number-heavy lines', numberHeavyLines()],
];

const oneShot = (texts) => {
  let n = 0;
  for (const t of texts) n += pii.detectPii(t).length;
  return n;
};
// As scanContent does it: counts, high-risk types through onFinding, up to `excerpts` excerpts.
const scanner = (build, excerpts) => (texts) => {
  let n = 0;
  for (const t of texts) {
    const high = new Set();
    const s = build.createPiiScanner({ maxExcerpts: excerpts, excerptRadius: 20, onFinding: (f) => { if (build.isHighRiskFinding(f)) high.add(f.type); } });
    s.write(t);
    const summary = s.end();
    n += summary.total + summary.excerpts.length + high.size;
  }
  return n;
};
const ops = [
  ['detectPii, one call per record', oneShot],
  ['createPiiScanner per record, no excerpts', scanner(pii, 0)],
  ['createPiiScanner per record, 3 excerpts', scanner(pii, 3)],
  ...(before === undefined ? [] : [
    ['PII_SCANNER_BEFORE: no excerpts', scanner(before, 0)],
    ['PII_SCANNER_BEFORE: 3 excerpts', scanner(before, 3)],
  ]),
];

function cpuMs(fn) {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadBefore = loadavg();
console.log('## The streaming scanner per record (as the collectors call it) against detectPii\n');
for (const [label, texts] of inputs) {
  const t0 = Date.now();
  while (Date.now() - t0 < WARM_MS) for (const [, fn] of ops) fn(texts);
  const times = ops.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < ops.length; k++) {
      const i = (k + r) % ops.length;
      times[i].push(cpuMs(() => ops[i][1](texts)));
    }
  }
  const base = median(times[0]);
  console.log(`### ${label}: ${texts.length} texts\n`);
  console.log('| operation | ms per pass | × detectPii |');
  console.log('| --- | ---: | ---: |');
  ops.forEach(([name], i) => console.log(`| ${name} | ${median(times[i]).toFixed(2)} | ${(median(times[i]) / base).toFixed(2)} |`));
  console.log('');
}
console.log(`Median of ${RUNS} rounds, CPU time; load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after.`);
