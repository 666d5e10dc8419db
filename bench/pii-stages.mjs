// Where detectPii's time goes: each step of the default call (the scan, each detector with the
// scan's gates, the overlap resolution) timed on its own over the same inputs as
// pii-throughput.mjs, next to the whole call and a bare `\w+` regex scan measured in the same run.
// Run `npx tsc -b packages/agent` first. Internal modules of the built package are imported
// directly: this is a profile of the implementation, not of the public API.
//
//   node bench/pii-stages.mjs                    # ~1 min
//   PII_STAGES_RUNS=9 node bench/pii-stages.mjs
//
// CPU time (process.cpuUsage), median of PII_STAGES_RUNS (default 7) interleaved runs after a
// warm-up. A step timed on its own runs with its code and data hot; inside the whole call the
// steps share the caches, so the whole call costs more than the sum of its steps: the difference
// is printed too.
import { cpus, loadavg } from 'node:os';
import { loadRecords } from './pii-common.mjs';
import { localeSet } from './pii-locale-set.mjs';

const dist = new URL('../packages/agent/dist/pii/', import.meta.url).href;
const load = async (name) => import(`${dist}${name}.js`);
const { scanText } = await load('text-scan');
const { detectPerson } = await load('detect-person');
const { detectAddress } = await load('detect-address');
const { detectDate } = await load('detect-date');
const { detectPhone } = await load('detect-phone');
const { resolveOverlaps } = await load('resolve-overlaps');
const { detectPii } = await load('index');
const { detectStructured } = await load('detect-pii');

const RUNS = Number(process.env.PII_STAGES_RUNS ?? 7);
const loadBefore = loadavg();
const presidio = loadRecords().map((r) => r.full_text);
const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
const numberHeavy = [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);

/**
 * A copy of the scan that outlives the next scanText call (the result and its arrays are reused):
 * every typed array in it, at any depth, is copied, cut to the entries in use when its owner has a
 * `count` (small arrays sit next to their objects in the heap, as few cache lines apart as the
 * scan's reused arrays are in the real call; full-length copies per text made the detectors'
 * first reads cache misses the whole call never pays).
 */
function keep(value) {
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    copy[key] = ArrayBuffer.isView(v) ? v.slice(0, typeof value.count === 'number' ? value.count : v.length) : keep(v);
  }
  return copy;
}
const WORDS = /\w+/g;
const STEPS = [
  ['bare `\\w+` scan (baseline)', (t) => { WORDS.lastIndex = 0; let n = 0; while (WORDS.exec(t) !== null) n++; return n; }],
  ['detectPii (whole call)', (t) => detectPii(t)],
  ['scanText', (t) => scanText(t)],
  ['person (names, places)', (t, s) => detectPerson(t, [], [], s)],
  ['address (streets, postcodes)', (t, s) => detectAddress(t, [], [], s)],
  ['date', (t, s) => detectDate(t, [], s)],
  ['phone', (t, s) => s.chain >= 6 && detectPhone(t, [], s.digits)],
  ['email, card, SSN, IBAN, IP, key, DOB', (t, s) => detectStructured(t, s, [], false)],
  ['resolveOverlaps of the findings', (t, s, found) => resolveOverlaps(found.slice())],
];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const report = [];
for (const [label, texts] of [['per record (Presidio)', presidio], ['number-heavy, per line', numberHeavy]]) {
  const scans = texts.map((t) => keep(scanText(t)));
  const found = texts.map((t) => { const s = scanText(t); const out = []; detectStructured(t, s, out); const places = []; detectPerson(t, out, places, s); detectDate(t, out, s); detectAddress(t, out, places, s); return out; });
  const time = (fn) => {
    const t0 = process.cpuUsage();
    for (let k = 0; k < 3; k++) for (let i = 0; i < texts.length; i++) fn(texts[i], scans[i], found[i]);
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000 / (3 * texts.length);
  };
  for (const [, fn] of STEPS) { const w = Date.now(); do time(fn); while (Date.now() - w < 500); }
  const times = STEPS.map(() => []);
  for (let r = 0; r < RUNS; r++) STEPS.forEach(([, fn], k) => times[k].push(time(fn)));
  const ms = times.map(median);
  const base = ms[0];
  const parts = ms.slice(2).reduce((a, b) => a + b, 0);
  report.push(`\n### ${label}: ${texts.length} texts\n`);
  report.push('| step | µs per text | × the baseline\'s time |');
  report.push('| --- | ---: | ---: |');
  STEPS.forEach(([name], k) => report.push(`| ${name} | ${(ms[k] * 1000).toFixed(2)} | ${(ms[k] / base).toFixed(2)} |`));
  report.push(`| sum of the steps timed alone | ${(parts * 1000).toFixed(2)} | ${(parts / base).toFixed(2)} |`);
  report.push(`| whole call minus that sum (the steps sharing the caches) | ${((ms[1] - parts) * 1000).toFixed(2)} | ${((ms[1] - parts) / base).toFixed(2)} |`);
}
const fmt = (l) => l.map((x) => x.toFixed(1)).join(' ');
console.log('## Where detectPii spends its time\n');
console.log(`Node ${process.version}, ${cpus().length} CPUs; load average ${fmt(loadBefore)} before, ${fmt(loadavg())} after; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`);
console.log(`CPU time, median of ${RUNS} interleaved runs. The goal (35 MB/s) is about 0.29× the baseline per record: a whole call in about 3.4× the baseline's time.`);
console.log(report.join('\n'));
