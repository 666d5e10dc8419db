import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSources } from '../collectors/collect-sources.js';
import { collectors } from '../collectors/registry.js';
import { applyPlan, fuzzPlan, fuzzSeeds, runFuzzInput } from './fuzz-inputs.js';
import { openTestStore } from './test-stores.js';

/** The bounded CI run of `npm run fuzz`: a few inputs per kind, same generator and seed. */
const RUNS = Number(process.env.FUZZ_CI_RUNS ?? 40);
const SEED = 20261206;
const dir = mkdtempSync(join(tmpdir(), 'fieldwork-fuzz-ci-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzzing every collector (bounded)', () => {
  it('mutations change the bytes, and are reproducible from the seed and index', () => {
    const seeds = fuzzSeeds('pgbackrest-info');
    expect(seeds.length).toBeGreaterThan(0);
    const a = applyPlan(fuzzPlan(seeds.length, SEED, 7), seeds);
    expect(applyPlan(fuzzPlan(seeds.length, SEED, 7), seeds)).toEqual(a);
    const changed = Array.from({ length: 20 }, (_, i) => applyPlan(fuzzPlan(seeds.length, SEED, i), seeds)).filter((b) => !b.equals(seeds[0].bytes));
    expect(changed.length).toBeGreaterThan(15);
  });

  // Without a valid sample a kind is fuzzed with arbitrary bytes only, which its format check
  // refuses at once: the parsing and mapping behind it would never be reached.
  // github-api's one sample is a page of open pull requests: valid, but no merged change in it.
  const NO_RECORDS = new Set(['github-api']);
  it('every kind has a valid sample to mutate, accepted as it is (with records)', async () => {
    const weak: string[] = [];
    for (const kind of Object.keys(collectors).sort()) {
      const seeds = fuzzSeeds(kind);
      if (seeds.length === 0) weak.push(`${kind}: no seed`);
      let records = 0;
      for (const s of seeds) {
        const o = await runFuzzInput(collectors[kind], s.bytes, s.name, s.options, dir);
        records += o.records;
        if (o.result !== 'accepted') weak.push(`${kind} ${s.name}: ${o.result} ${o.detail ?? ''}`);
      }
      if (seeds.length && !records && !NO_RECORDS.has(kind)) weak.push(`${kind}: no record from any seed`);
    }
    expect(weak).toEqual([]);
  }, 60_000);

  for (const kind of Object.keys(collectors).sort()) {
    it(`${kind}: no input crashes (exit 70) or takes 10 s, and a refused one leaves nothing in the store`, async () => {
      const seeds = fuzzSeeds(kind);
      const options = seeds[0]?.options ?? (kind === 'github-api' ? { owner: 'o', repos: ['r'] } : kind === 'git-repo' ? { path: '.' } : {});
      const bugs: string[] = [];
      let refused: { bytes: Buffer; name: string } | undefined;
      for (let i = 0; i < RUNS; i++) {
        const plan = fuzzPlan(seeds.length, SEED, i);
        const bytes = applyPlan(plan, seeds);
        const name = 'seed' in plan ? seeds[plan.seed].name : 'raw.json';
        const o = await runFuzzInput(collectors[kind], bytes, name, options, dir);
        if (o.result === 'internal' || o.ms > 10_000) bugs.push(`input ${i}: ${o.detail ?? `${Math.round(o.ms)} ms`}`);
        if (o.result === 'refused' && !refused) refused = { bytes, name };
      }
      expect(bugs).toEqual([]);
      expect(refused, 'some mutated input must be refused').toBeDefined();
      const t = await openTestStore('sqlite');
      try {
        writeFileSync(join(t.dir, refused!.name), refused!.bytes);
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, sources: [{ name: 'fuzz', kind, path: refused!.name, options }] });
        expect(out.status).toBe('failed');
        expect(await t.store.ledger()).toEqual([]);
        expect(await t.store.blobs.list()).toEqual([]);
        expect(Object.values(await t.store.loadRecords()).flat()).toEqual([]);
      } finally {
        await t.dispose();
      }
    }, 60_000);
  }
});
