// Precision, recall and F2 per PII type on the Presidio research dataset, for Fieldwork's
// detector and the npm peers. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-quality.mjs
import { detectors, goldSpans, loadRecords, table, TYPES } from './pii-common.mjs';

const overlaps = (a, b) => a.type === b.type && a.start < b.end && b.start < a.end;

function evaluate(tool, records) {
  const score = Object.fromEntries(TYPES.map((t) => [t, { gold: 0, found: 0, predicted: 0, correct: 0 }]));
  const started = performance.now();
  for (const record of records) {
    const { gold, dates } = goldSpans(record);
    const predicted = tool.detect(record.full_text).filter((p) => TYPES.includes(p.type));
    for (const g of gold) {
      score[g.type].gold += 1;
      if (predicted.some((p) => overlaps(p, g))) score[g.type].found += 1;
    }
    for (const p of predicted) {
      score[p.type].predicted += 1;
      const truth = p.type === 'date_of_birth' ? dates : gold;
      if (truth.some((g) => overlaps(p, g))) score[p.type].correct += 1;
    }
  }
  return { score, ms: performance.now() - started };
}

const fmt = (x) => (x === undefined ? 'n/a' : x.toFixed(3));
function metrics(s, supported) {
  if (!supported) return { p: undefined, r: undefined, f2: undefined, cells: ['n/a', 'n/a', 'n/a'] };
  const p = s.predicted === 0 ? undefined : s.correct / s.predicted;
  const r = s.gold === 0 ? undefined : s.found / s.gold;
  const f2 = p === undefined || r === undefined || p + r === 0 ? undefined : (5 * p * r) / (4 * p + r);
  const pCell = p === undefined ? `n/a (0 found)` : `${fmt(p)} (${s.correct}/${s.predicted})`;
  return { p, r, f2, cells: [pCell, r === undefined ? 'n/a' : fmt(r), fmt(f2)] };
}

const records = loadRecords();
const tools = await detectors();
const results = tools.map((tool) => ({ tool, ...evaluate(tool, records) }));

console.log(`## PII detection quality — Presidio research dataset (${records.length} records)\n`);
console.log(`Tools: ${tools.map((t) => `${t.name} ${t.version}`).join(', ')}. A gold span counts as found when a`);
console.log('finding of the same type overlaps it; a finding counts as correct when it overlaps a gold span of');
console.log('its type. P = precision (correct/findings), R = recall, F2 weighs recall twice as much as precision.\n');

const header = ['type', 'gold'];
for (const { tool } of results) header.push(`${tool.name} P`, `${tool.name} R`, `${tool.name} F2`);
const rows = TYPES.map((type) => {
  const row = [type, String(results[0].score[type].gold)];
  for (const { tool, score } of results) row.push(...metrics(score[type], tool.supports.has(type)).cells);
  return row;
});
console.log(table(header, rows));

// Micro-average over the six types Presidio labels directly (date_of_birth and api_key excluded).
const SIX = ['email', 'phone', 'credit_card', 'us_ssn', 'iban', 'ip_address'];
const micro = ['micro (6 labelled types)', String(SIX.reduce((n, t) => n + results[0].score[t].gold, 0))];
for (const { score } of results) {
  const sum = (k) => SIX.reduce((n, t) => n + score[t][k], 0);
  micro.push(...metrics({ gold: sum('gold'), found: sum('found'), predicted: sum('predicted'), correct: sum('correct') }, true).cells);
}
console.log(table(header, [micro]).split('\n').slice(2).join('\n'));

console.log('\nn/a: the tool has no such type. api_key has no gold spans in this dataset, so every finding is a');
console.log('false positive. date_of_birth recall is on DATE_TIME spans preceded by born/birth/DOB.');
for (const { tool, ms } of results) {
  const extra = tool.stats?.unaligned ? `; ${tool.stats.unaligned} records could not be aligned and count as no findings` : '';
  console.log(`- ${tool.name}: ${ms.toFixed(0)} ms for the whole dataset${extra}`);
}

// Unlabelled real data: the other third-party fixtures (SBOMs, vulnerability reports, GitHub payloads,
// identity logs, OSCAL) are machine-generated JSON full of versions, hashes, ids and timestamps,
// with some real emails and IP addresses. Nobody labelled them, so this only counts findings; the
// Fieldwork excerpts below show what was flagged, redacted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURE } from './pii-common.mjs';

const root = dirname(dirname(FIXTURE));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path !== FIXTURE && /\.(json|golden)$/.test(name) && !name.includes('schema')) files.push(path);
  }
};
walk(root);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const kB = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1000;
console.log(`\n## Findings on unlabelled real fixtures (${files.length} files, ${kB.toFixed(0)} kB, no PII labels)\n`);
const counts = results.map(({ tool }) => {
  const c = Object.fromEntries(TYPES.map((t) => [t, 0]));
  // OpenRedaction is far slower than linear on long strings; feed it the files line by line.
  for (const text of texts) {
    for (const part of tool.name === 'openredaction' ? text.split('\n') : [text]) {
      for (const f of tool.detect(part)) if (f.type in c) c[f.type] += 1;
    }
  }
  return c;
});
console.log(table(['type', ...results.map(({ tool }) => tool.name)], TYPES.map((t) => [t, ...counts.map((c, i) => (results[i].tool.supports.has(t) ? String(c[t]) : 'n/a'))])));
const { pii } = results[0].tool;
const flagged = new Map();
for (const text of texts) {
  for (const f of pii.detectPii(text)) {
    if (f.type === 'email') continue;
    const excerpt = pii.redactedExcerpt(text, f, 24);
    flagged.set(excerpt, f.type);
  }
}
console.log('\nFieldwork findings other than email addresses (redacted excerpts, duplicates removed):\n');
for (const [excerpt, type] of flagged) console.log(`- ${type}: \`${excerpt.replace(/`/g, "'")}\``);
