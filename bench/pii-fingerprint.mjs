// A fingerprint of everything the PII detector finds on the benchmark inputs: SHA-256 over the
// sorted list of (input, record, type, start, end, validated, confidence). Speed work must not
// change a single finding, so the expected hash is committed (bench/pii-fingerprint.sha256) and
// this script fails when the build disagrees. Run `npx tsc -b packages/agent` first.
//
//   node bench/pii-fingerprint.mjs                      # check the build against the committed hash
//   PII_FINGERPRINT_WRITE=1 node bench/pii-fingerprint.mjs   # record the hash of the current build
//   PII_FINGERPRINT_BUILD=/other/packages/agent/dist/pii/index.js node bench/pii-fingerprint.mjs
//   PII_FINGERPRINT_DUMP=/tmp/findings.txt node bench/pii-fingerprint.mjs   # the list itself, to diff
//
// Inputs: both labelled sets of pii-quality.mjs (Presidio's records; the multi-locale records and
// hard negatives, seed 7), the number-heavy lines of pii-throughput.mjs (seed 11), the multi-locale
// records lowercased and uppercased (the cue and shape paths), the Presidio records joined into one
// text (one-shot and through the streaming scanner in 4 KiB writes), and single-type calls.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadRecords } from './pii-common.mjs';
import { localeSet } from './pii-locale-set.mjs';

const build = process.env.PII_FINGERPRINT_BUILD ?? new URL('../packages/agent/dist/pii/index.js', import.meta.url).pathname;
const pii = await import(build);
const expectedFile = new URL('./pii-fingerprint.sha256', import.meta.url);

const presidio = loadRecords().map((r) => r.full_text);
const labelled = localeSet({ seed: 7, perLocale: 200, negatives: 2400 });
const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
const numberHeavy = [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);
const locale = labelled.records.map((r) => r.text);
const joined = presidio.join('\n');

const lines = [];
const add = (input, i, findings) => {
  for (const f of findings) lines.push(`${input}\t${i}\t${f.type}\t${f.start}\t${f.end}\t${f.validated ? 1 : 0}\t${f.confidence}`);
};
const each = (input, texts, opts) => texts.forEach((t, i) => add(input, i, pii.detectPii(t, opts)));

each('presidio', presidio);
each('locale', locale);
each('negatives', labelled.negatives.map((r) => r.text));
each('number-heavy', numberHeavy);
each('locale-lower', locale.map((t) => t.toLowerCase()));
each('locale-upper', locale.map((t) => t.toUpperCase()));
each('presidio-person-only', presidio, { types: ['person'] });
each('presidio-address-only', presidio, { types: ['address'] });
each('locale-medium', locale, { minConfidence: 'medium' });
add('joined', 0, pii.detectPii(joined));
const scanner = pii.createPiiScanner({ maxExcerpts: 0, onFinding: (f) => add('scanner', 0, [f]) });
for (let i = 0; i < joined.length; i += 4096) scanner.write(joined.slice(i, i + 4096));
scanner.end();

lines.sort();
const hash = createHash('sha256').update(lines.join('\n')).digest('hex');
if (process.env.PII_FINGERPRINT_DUMP) writeFileSync(process.env.PII_FINGERPRINT_DUMP, `${lines.join('\n')}\n`);
console.log(`${lines.length} findings, sha256 ${hash}`);
if (process.env.PII_FINGERPRINT_WRITE === '1') {
  writeFileSync(expectedFile, `${hash}\n`);
  console.log(`recorded in ${expectedFile.pathname}`);
} else {
  const expected = readFileSync(expectedFile, 'utf8').trim();
  if (expected !== hash) {
    console.error(`FINGERPRINT CHANGED: expected ${expected}`);
    process.exit(1);
  }
  console.log('same findings as the recorded build');
}
