// Precision, recall and F2 per PII type on two labelled sets — Presidio's synthetic research set
// and the generated multi-locale set with its hard negatives — for Fieldwork's detector and the
// npm peers, in one run. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-quality.mjs
import { detectors, labelledSets, table, TYPES } from './pii-common.mjs';
import { generatorNames } from './pii-locale-set.mjs';

const overlaps = (a, b) => a.type === b.type && a.start < b.end && b.start < a.end;

function evaluate(tool, set) {
  const score = Object.fromEntries(TYPES.map((t) => [t, { gold: 0, found: 0, predicted: 0, correct: 0 }]));
  const started = performance.now();
  for (const record of set.records) {
    const predicted = tool.detect(record.text).filter((p) => TYPES.includes(p.type));
    for (const g of record.spans) {
      score[g.type].gold += 1;
      if (predicted.some((p) => overlaps(p, g))) score[g.type].found += 1;
    }
    for (const p of predicted) {
      score[p.type].predicted += 1;
      if (record.spans.some((g) => overlaps(p, g))) score[p.type].correct += 1;
    }
  }
  // Hard negatives hold no personal data: any finding in one is a false positive.
  const flaggedBy = Object.fromEntries(TYPES.map((t) => [t, 0]));
  let flagged = 0;
  const examples = [];
  for (const record of set.negatives) {
    const found = tool.detect(record.text).filter((p) => TYPES.includes(p.type));
    if (found.length === 0) continue;
    flagged += 1;
    for (const t of new Set(found.map((f) => f.type))) flaggedBy[t] += 1;
    if (examples.length < 6) examples.push(`${found[0].type}: \`${record.text.slice(found[0].start, found[0].end)}\` in "${record.text}"`);
  }
  return { score, flagged, flaggedBy, examples, ms: performance.now() - started };
}

const fmt = (x) => (x === undefined ? 'n/a' : x.toFixed(3));
function metrics(s, supported) {
  if (!supported) return { cells: ['n/a', 'n/a', 'n/a'] };
  if (s.gold === 0) return { cells: [`${s.predicted} found`, '—', '—'] };
  const p = s.predicted === 0 ? undefined : s.correct / s.predicted;
  const r = s.found / s.gold;
  const f2 = p === undefined || p + r === 0 ? 0 : (5 * p * r) / (4 * p + r);
  return { cells: [p === undefined ? 'n/a (0 found)' : fmt(p), fmt(r), fmt(f2)] };
}

const tools = await detectors();
const sets = await labelledSets();
console.log('## PII detection quality\n');
console.log(`Tools: ${tools.map((t) => `${t.name} ${t.version}`).join(', ')}. A gold span counts as found when a`);
console.log('finding of the same type overlaps it; a finding counts as correct when it overlaps a gold span of');
console.log('its type. P = precision, R = recall, F2 weighs recall twice as much as precision. Fieldwork\'s');
console.log('date_of_birth findings count as date; Presidio LOCATION spans count as address.\n');

for (const set of sets) {
  const results = tools.map((tool) => ({ tool, ...evaluate(tool, set) }));
  const spans = set.records.reduce((n, r) => n + r.spans.length, 0);
  console.log(`### ${set.name}: ${set.records.length} records, ${spans} labelled spans${set.negatives.length ? `, ${set.negatives.length} hard negatives` : ''}\n`);
  const header = ['type', 'gold'];
  for (const { tool } of results) header.push(`${tool.name} P`, `R`, `F2`);
  const rows = [];
  for (const type of TYPES) {
    const gold = results[0].score[type].gold;
    if (gold === 0 && results.every((r) => r.score[type].predicted === 0)) continue;
    const row = [type, String(gold)];
    for (const { tool, score } of results) row.push(...metrics(score[type], tool.supports.has(type)).cells);
    rows.push(row);
  }
  console.log(table(header, rows));
  if (set.negatives.length > 0) {
    console.log('\nHard negatives flagged (records with any finding):\n');
    console.log(table(['tool', 'flagged', 'share', 'by type'], results.map(({ tool, flagged, flaggedBy }) => [
      tool.name, `${flagged} / ${set.negatives.length}`, `${((100 * flagged) / set.negatives.length).toFixed(2)} %`,
      Object.entries(flaggedBy).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', ') || '—',
    ])));
    console.log(`\nFieldwork's flagged negatives (first ${results[0].examples.length}):`);
    for (const e of results[0].examples) console.log(`- ${e}`);
  }
  console.log('');
  for (const { tool, ms } of results) {
    const extra = tool.stats?.unaligned ? `; ${tool.stats.unaligned} records could not be aligned and count as no findings` : '';
    console.log(`- ${tool.name}: ${ms.toFixed(0)} ms for the set${extra}`);
  }
  console.log('');
}

// How many of the generator's names the bundled lists hold (the rest are found by cues and shape).
const { pii } = tools[0];
const { given, surnames } = generatorNames();
const hit = (names) => names.filter((n) => pii.detectPii(`Hello, this is ${n}.`, { types: ['person'] }).length > 0 || pii.detectPii(`They met ${n} yesterday.`, { types: ['person'] }).length > 0).length;
console.log(`Generator names found on their own in a neutral sentence: given ${hit(given)}/${given.length}, surnames ${hit(surnames)}/${surnames.length}.`);
