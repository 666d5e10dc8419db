// What a text costs the first time against right after itself: each text of the benchmark sets is
// passed to detectPii r times in a row before the next (r = 1, 2, 4, 16), CPU time per call and
// the bare `\w+` baseline's in the same run. The drop from r = 1 to r = 16 is what the branch
// predictor and the caches save once they have seen the text: the part of the per-record time
// that instruction counts (bench/pii-instructions.mjs) do not show. Run `npx tsc -b` first.
//
//   node bench/pii-repeat.mjs        # ~30 s
import { loadavg } from 'node:os';
import { loadRecords, wordBaseline } from './pii-common.mjs';
import { localeSet } from './pii-locale-set.mjs';

const { detectPii } = await import(new URL('../packages/agent/dist/pii/index.js', import.meta.url).href);
const presidio = loadRecords().map((r) => r.full_text);
const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
const numberHeavy = [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);
const baseline = wordBaseline;
const fmt = (l) => l.map((x) => x.toFixed(1)).join(' ');
console.log(`load average ${fmt(loadavg())} before`);
for (const [name, texts] of [['per record (Presidio)', presidio], ['number-heavy, per line', numberHeavy]]) {
  const run = (fn, r) => {
    const t0 = process.cpuUsage();
    for (const t of texts) for (let k = 0; k < r; k++) fn(t);
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / (texts.length * r);
  };
  for (let w = 0; w < 30; w++) {
    run(detectPii, 1);
    run(baseline, 1);
  }
  const out = [];
  for (const r of [1, 2, 4, 16]) {
    const calls = [];
    const base = [];
    for (let q = 0; q < 7; q++) {
      calls.push(run(detectPii, r));
      base.push(run(baseline, r));
    }
    calls.sort((a, b) => a - b);
    base.sort((a, b) => a - b);
    out.push(`r=${r}: ${(calls[3] * 1000).toFixed(0)} ns a call (baseline ${(base[3] * 1000).toFixed(0)} ns)`);
  }
  console.log(`${name}: ${out.join(', ')}`);
}
console.log(`load average ${fmt(loadavg())} after`);
