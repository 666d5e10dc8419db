// Runs fuzz inputs of one kind in a worker thread, so the parent can stop a hang (a synchronous
// loop cannot be interrupted in-process). Posts one message per input.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { collectors } from '../packages/fieldwork/dist/collectors/registry.js';
import { applyPlan, fuzzPlan, fuzzSeeds, runFuzzInput } from '../packages/fieldwork/dist/testing/fuzz-inputs.js';

const { kind, from, to, seed, fixturesDir } = workerData;
const collector = collectors[kind];
const seeds = fuzzSeeds(kind, fixturesDir);
const dir = mkdtempSync(join(tmpdir(), `fieldwork-fuzz-${kind}-`));
try {
  for (let i = from; i < to; i++) {
    const plan = fuzzPlan(seeds.length, seed, i);
    const bytes = applyPlan(plan, seeds);
    const name = 'seed' in plan ? seeds[plan.seed].name : 'raw.json';
    const options = seeds[0]?.options ?? {};
    parentPort.postMessage({ type: 'start', i });
    const outcome = await runFuzzInput(collector, bytes, name, options, dir);
    // Refused inputs go back (small ones) for the partial-write check through a real store.
    parentPort.postMessage({ type: 'done', i, outcome, ...(outcome.result === 'refused' && bytes.length < 1_000_000 ? { bytes, name, options } : {}) });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
