// Property-based fuzzing of every collector kind over the built dist (run `npx tsc -b` first).
//
//   node bench/fuzz.mjs [--runs N] [--kinds a,b] [--seed S] [--fixtures DIR] [--partial N]
//
// For each kind: N inputs made by fast-check from mutations of valid samples (collector
// fixtures, REAL_FIXTURES, bench/fuzz-seeds), each parsed the way `collect` parses it, in a
// worker thread with a 10 s watchdog. Counts: accepted (exit 0), refused (exit 2/3 with a
// FieldworkError), internal errors (exit 70: a bug), hangs (> 10 s). Then a partial-write check:
// refused inputs collected through a real SQLite store must leave nothing (ledger, records, blobs).
// Exits 1 when any kind has an internal error, a hang or a partial write.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { collectors } from '../packages/fieldwork/dist/collectors/registry.js';
import { collectSources } from '../packages/fieldwork/dist/collectors/collect-sources.js';
import { openTestStore } from '../packages/fieldwork/dist/testing/index.js';
import { fuzzSeeds } from '../packages/fieldwork/dist/testing/fuzz-inputs.js';

const { values: args } = parseArgs({ options: {
  runs: { type: 'string', default: process.env.FUZZ_RUNS ?? '10000' },
  kinds: { type: 'string' },
  seed: { type: 'string', default: process.env.FUZZ_SEED ?? '20261206' },
  fixtures: { type: 'string', default: process.env.FUZZ_FIXTURES },
  partial: { type: 'string', default: '5' },
  'hang-ms': { type: 'string', default: '10000' },
  jobs: { type: 'string', default: process.env.FUZZ_JOBS ?? '1' },
} });
const RUNS = Number(args.runs);
const SEED = Number(args.seed);
const HANG_MS = Number(args['hang-ms']);
const PARTIAL_PER_KIND = Number(args.partial);
const kinds = args.kinds ? args.kinds.split(',') : Object.keys(collectors).sort();

/** Runs inputs [from, RUNS) of `kind`; after a hang, the worker is terminated and restarted past it. */
function fuzzKind(kind, from, stats) {
  return new Promise((done) => {
    const w = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: { kind, from, to: RUNS, seed: SEED, fixturesDir: args.fixtures }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let current = from;
    let timer;
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => { stats.hangs++; stats.examples.push(`hang at input ${current}`); w.terminate(); }, HANG_MS); };
    w.on('message', (m) => {
      if (m.type === 'start') { current = m.i; arm(); return; }
      clearTimeout(timer);
      const o = m.outcome;
      stats.inputs++;
      stats[o.result]++;
      stats.maxMs = Math.max(stats.maxMs, o.ms);
      if (o.result === 'refused') {
        stats.byExit[o.exit] = (stats.byExit[o.exit] ?? 0) + 1;
        if (!o.placed) stats.unplaced++;
        const code = o.detail.split(':')[0];
        if (m.bytes && (stats.refusedSamples.filter((s) => s.code === code).length < 2) && stats.refusedSamples.length < PARTIAL_PER_KIND) stats.refusedSamples.push({ code, bytes: Buffer.from(m.bytes), name: m.name, options: m.options });
      }
      if (o.result === 'internal' && stats.examples.length < 5 && !stats.examples.some((e) => e.endsWith(o.detail))) stats.examples.push(`input ${m.i}: ${o.detail}`);
    });
    const finish = () => { clearTimeout(timer); done(current + 1); };
    w.on('error', (e) => { stats.internal++; stats.inputs++; stats.examples.push(`input ${current}: worker crashed: ${e.message}`); finish(); });
    w.on('exit', finish);
  });
}

/** Collects refused inputs through the real runner and a SQLite store: nothing of them may remain. */
async function partialWrites(kind, samples) {
  let checked = 0;
  let partial = 0;
  const notes = [];
  for (const s of samples) {
    const t = await openTestStore('sqlite');
    try {
      writeFileSync(join(t.dir, s.name), s.bytes);
      const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'America/Los_Angeles', store: t.store, sources: [{ name: 'fuzz', kind, path: s.name, options: s.options }] });
      checked++;
      const records = Object.values(await t.store.loadRecords()).reduce((n, rs) => n + (rs?.length ?? 0), 0);
      const ledger = (await t.store.ledger()).length;
      const blobs = (await t.store.blobs.list()).length;
      if (out.status !== 'failed' || records || ledger || blobs) {
        partial++;
        notes.push(`${s.code}: status ${out.status}, ${records} records, ${ledger} ledger entries, ${blobs} blobs left`);
      }
    } finally {
      await t.dispose();
    }
  }
  return { checked, partial, notes };
}

const pad = (v, n) => String(v).padStart(n);
console.log(`fieldwork fuzz: ${RUNS} inputs per kind, seed ${SEED}, hang limit ${HANG_MS} ms, ${kinds.length} kinds`);
console.log(`${'kind'.padEnd(24)} ${pad('seeds', 5)} ${pad('inputs', 7)} ${pad('accepted', 8)} ${pad('refused', 8)} ${pad('exit 2', 6)} ${pad('exit 70', 7)} ${pad('hangs', 5)} ${pad('partial', 7)} ${pad('max ms', 7)} ${pad('time s', 6)}`);
const totals = { inputs: 0, accepted: 0, refused: 0, internal: 0, hangs: 0, partial: 0, checked: 0 };
const problems = [];
const started = Date.now();
async function runKind(kind) {
  const t0 = Date.now();
  const stats = { inputs: 0, accepted: 0, refused: 0, internal: 0, hangs: 0, unplaced: 0, maxMs: 0, byExit: {}, examples: [], refusedSamples: [] };
  for (let from = 0; from < RUNS;) from = await fuzzKind(kind, from, stats);
  const pw = await partialWrites(kind, stats.refusedSamples);
  const seeds = fuzzSeeds(kind, args.fixtures).length;
  console.log(`${kind.padEnd(24)} ${pad(seeds, 5)} ${pad(stats.inputs, 7)} ${pad(stats.accepted, 8)} ${pad(stats.refused, 8)} ${pad(stats.byExit[2] ?? 0, 6)} ${pad(stats.internal, 7)} ${pad(stats.hangs, 5)} ${pad(`${pw.partial}/${pw.checked}`, 7)} ${pad(Math.round(stats.maxMs), 7)} ${pad(((Date.now() - t0) / 1000).toFixed(0), 6)}`);
  for (const k of ['inputs', 'accepted', 'refused', 'internal', 'hangs']) totals[k] += stats[k];
  totals.partial += pw.partial;
  totals.checked += pw.checked;
  if (stats.internal || stats.hangs || pw.partial) problems.push(`${kind}:\n    ${[...stats.examples, ...pw.notes].join('\n    ')}`);
}
// Kinds run in parallel with --jobs (each in its own worker thread); rows print as kinds finish.
const queue = [...kinds];
await Promise.all(Array.from({ length: Math.max(1, Number(args.jobs)) }, async () => {
  while (queue.length) await runKind(queue.shift());
}));
console.log(`${'TOTAL'.padEnd(24)} ${pad('', 5)} ${pad(totals.inputs, 7)} ${pad(totals.accepted, 8)} ${pad(totals.refused, 8)} ${pad('', 6)} ${pad(totals.internal, 7)} ${pad(totals.hangs, 5)} ${pad(`${totals.partial}/${totals.checked}`, 7)} ${pad('', 7)} ${pad(((Date.now() - started) / 1000).toFixed(0), 6)}`);
if (problems.length) {
  console.log(`\nProblems (replay one with --kinds KIND --seed ${SEED}; input i is fuzzPlan(seeds, seed, i)):\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
}
