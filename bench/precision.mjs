// Precision of the checks on the realistic test organizations: for each generated organization,
// the exceptions reported, the planted problems found, and the compliant look-alikes flagged;
// then the mock audit over the same run (conclusions, and audit exceptions no planted problem explains).
// Run `npx tsc -b` first (the root `npm run bench` does).
//
//   node bench/precision.mjs
import { loadavg } from 'node:os';
import { REALISTIC_ORGS, runOrg } from '../packages/fieldwork/dist/testing/orgs/index.js';

// The counts do not depend on load; the seconds do (2 cores shared with other work).
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`load average before: ${load()}`);

const rows = [];
for (const gen of REALISTIC_ORGS) {
  const started = performance.now();
  const { score, key, audit, failedSources } = await runOrg(gen);
  // The mock audit over the same run: its exceptions must all be planted problems too.
  const planted = new Set(key.planted.map((p) => `${p.control} ${p.rule} ${p.subject}`.toLowerCase()));
  const auditOther = audit.controls.flatMap((c) => c.exceptions.map((e) => `${c.control} ${e.rule} ${e.subject}`)).filter((e) => !planted.has(e.toLowerCase()));
  const by = audit.overall.byConclusion;
  rows.push({
    organization: gen.name,
    'exceptions reported': score.reported.length,
    'planted found': `${score.found.length}/${key.planted.length}`,
    'look-alikes flagged': `${score.lookAlikesFlagged.length}/${key.lookAlikes.length}`,
    'other exceptions': score.unexpected.length,
    'audit: not effective / isolated': `${by.not_effective} / ${by.effective_with_exceptions}`,
    'audit: other exceptions': auditOther.length,
    seconds: ((performance.now() - started) / 1000).toFixed(1),
  });
  for (const s of failedSources) console.log(`  ${gen.name}: source failed: ${s}`);
  for (const p of score.missed) console.log(`  ${gen.name}: missed ${p.control} ${p.rule} ${p.subject} (${p.why})`);
  for (const f of score.lookAlikesFlagged) console.log(`  ${gen.name}: look-alike flagged ${f.exception} (${f.lookAlike.why})`);
  for (const u of score.unexpected) console.log(`  ${gen.name}: other exception ${u}`);
  for (const u of auditOther) console.log(`  ${gen.name}: mock audit exception not planted: ${u}`);
}
console.table(rows);
console.log(`load average after: ${load()}`);
