// Two builds of detectPii against each other, symmetrically: both are imported into this one
// process and timed in turn on the same inputs, so neither runs warmer than the other (in
// pii-throughput.mjs the build under test also runs redact and the scanner between the compare
// build's turns, which favours it by 4–10 % even against identical code). Run `npx tsc -b` first.
//
//   PII_AB_BEFORE=/path/to/other/packages/agent/dist/pii/index.js node bench/pii-ab.mjs
//   PII_AB_RUNS=21 PII_AB_BEFORE=… node bench/pii-ab.mjs
//   PII_AB_FN=scan PII_AB_BEFORE=… node bench/pii-ab.mjs   # scanText alone (text-scan.js beside each index.js)
//   PII_AB_LONG_MB=0 PII_AB_BEFORE=… node bench/pii-ab.mjs  # without the long text (default: 1 MB, one call)
//
// Prints, per input, both builds' MB/s and the median of the per-run time ratios (after / before):
// CPU time of this process (process.cpuUsage), PII_AB_RUNS (default 15) interleaved runs of four
// passes over each set, after 1.5 s of warm-up per build and set.
import { loadavg } from 'node:os';
import { loadRecords } from './pii-common.mjs';
import { localeSet } from './pii-locale-set.mjs';

if (process.env.PII_AB_BEFORE === undefined) throw new Error('set PII_AB_BEFORE to the index.js of the build to compare with');
const scanOnly = process.env.PII_AB_FN === 'scan';
const pick = async (index) => (scanOnly ? (await import(new URL('text-scan.js', index).href)).scanText : (await import(index)).detectPii);
const before = await pick(new URL(process.env.PII_AB_BEFORE, `file://${process.cwd()}/`).href);
const after = await pick(new URL('../packages/agent/dist/pii/index.js', import.meta.url).href);
const RUNS = Number(process.env.PII_AB_RUNS ?? 15);
const presidio = loadRecords().map((r) => r.full_text);
const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
const numberHeavy = [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);
// One call on the Presidio texts joined with newlines, about 1 MB (PII_AB_LONG_MB): what the
// per-record sets miss, such as a step that grows faster than the text (a sort, a re-scan).
const longMb = Number(process.env.PII_AB_LONG_MB ?? 1);
const longParts = [];
for (let n = 0; n < longMb * 1e6; ) for (const t of presidio) (longParts.push(t), (n += t.length + 1));
const longText = [longParts.join('\n')];
const time = (fn, texts) => {
  const t0 = process.cpuUsage();
  for (let k = 0; k < 4; k++) for (const t of texts) fn(t);
  const d = process.cpuUsage(t0);
  return d.user + d.system;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (l) => l.map((x) => x.toFixed(1)).join(' ');
console.log(`load average ${fmt(loadavg())} before`);
const sets = [['per record (Presidio)', presidio], ['number-heavy, per line', numberHeavy]];
if (longMb > 0) sets.push([`long text (${longMb} MB, one call)`, longText]);
for (const [name, texts] of sets) {
  const bytes = 4 * texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (const fn of [before, after]) {
    const w = Date.now();
    while (Date.now() - w < 1500) time(fn, texts);
  }
  const tb = [];
  const ta = [];
  const ratio = [];
  for (let r = 0; r < RUNS; r++) {
    const b = time(before, texts);
    const a = time(after, texts);
    tb.push(b);
    ta.push(a);
    ratio.push(a / b);
  }
  console.log(`${name}: before ${(bytes / median(tb)).toFixed(1)} MB/s, after ${(bytes / median(ta)).toFixed(1)} MB/s, after / before in time ${median(ratio).toFixed(3)}`);
}
console.log(`load average ${fmt(loadavg())} after`);
