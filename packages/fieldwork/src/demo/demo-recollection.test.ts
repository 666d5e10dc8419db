import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordsOf } from '@fieldwork/core';
import { globToRegExp } from '../collectors/resolve-files.js';
import { auditJson, auditTypeTwo } from '../pipeline/audit-workspace.js';
import { checkRunJson } from '../pipeline/check-workspace.js';
import type { StoredCheckRun } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { openTestStore } from '../testing/index.js';
import { previousExport } from '../testing/reexport.js';
import { reexportMode, reexportSpecs } from '../testing/reexport-specs.js';
import { loadWorkspace } from '../workspace/index.js';
import type { SourceConfig } from '../workspace/index.js';
import { generateDemo } from './generate-demo.js';

/** The export of a demo source that a weekly re-export rewrites: its file, or its newest file. */
function rewrittenFile(source: SourceConfig, files: string[]): string {
  if (source.kind === 'github-rest') return 'exports/github/web/pulls.json';
  if (source.kind === 'policies-md') return 'policies/access-control.md';
  const prefix = (source.path ?? '').replace(/\/$/, '');
  const mine = source.glob ? (f: string) => globToRegExp(source.glob!).test(f) : (f: string) => f === prefix || f.startsWith(`${prefix}/`);
  const own = files.filter((f) => mine(f) && /\.(jsonl?|csv|ya?ml|md)$/.test(f)).sort();
  if (own.length === 0) throw new Error(`no file for source ${source.name}`);
  return own[own.length - 1];
}

describe('demo re-collection', () => {
  it('collect a week-old export of every source, then the current one: check and audit equal a fresh workspace on the current files; verify passes; the ledger keeps both', async () => {
    const again = await openTestStore('sqlite');
    const fresh = await openTestStore('sqlite');
    try {
      const dir = join(again.dir, 'ws');
      const demo = generateDemo(dir);
      cpSync(dir, join(fresh.dir, 'ws'), { recursive: true });
      const ws = loadWorkspace(dir);

      // A week ago: every source's export overlapped today's, said one fact otherwise, in another order,
      // and (snapshots) still listed a fact that is gone today.
      const rewritten = demo.sources.map((s) => ({ source: s, file: rewrittenFile(s, demo.files) }));
      const current = new Map(rewritten.map(({ file }) => [file, readFileSync(join(dir, file), 'utf8')]));
      for (const { source, file } of rewritten) {
        writeFileSync(join(dir, file), previousExport(current.get(file)!, reexportSpecs[source.kind], reexportMode(source.kind)));
      }
      const first = await collectWorkspace(ws, again.store);
      expect(first.filter((o) => o.error).map((o) => `${o.name}: ${o.error!.message}`)).toEqual([]);
      const weekAgo = (await again.store.ledger()).at(-1)!.collectedAt;
      const vendorsThen = recordsOf(await again.store.loadRecords(['vendor']), 'vendor');

      for (const [file, text] of current) writeFileSync(join(dir, file), text);
      const second = await collectWorkspace(ws, again.store);
      expect(second.filter((o) => o.error)).toEqual([]);
      expect(second.filter((o) => o.status === 'collected').map((o) => o.name).sort()).toEqual(demo.sources.map((s) => s.name!).sort());

      const freshWs = loadWorkspace(join(fresh.dir, 'ws'));
      await collectWorkspace(freshWs, fresh.store);

      // The audit runs the checks first and stores that run: compare both.
      const audit = async (w: typeof ws, s: typeof again.store) => {
        const { results, overall } = auditJson(await auditTypeTwo(w, s, {}));
        const run = (await s.latestRun<StoredCheckRun>('check'))!.data;
        const checks = checkRunJson(run, run.controls).results.map((r) => ({ control: r.control, status: r.status, population: r.population, exceptions: r.exceptions }));
        return { checks, audit: { overall, results } };
      };
      const want = await audit(freshWs, fresh.store);
      expect(want.checks.some((r) => r.exceptions.length > 0)).toBe(true);
      const got = await audit(ws, again.store);
      expect(got.checks).toEqual(want.checks);
      expect(got.audit).toEqual(want.audit);

      expect(await again.store.verify()).toMatchObject({ ok: true, problems: [] });
      // Both generations are in the ledger, and the week-old statements can still be read.
      const ledger = await again.store.ledger();
      for (const { source, file } of rewritten) {
        expect(ledger.filter((e) => e.source === source.name && e.origin === file).length, `${source.name} ${file}`).toBe(2);
      }
      const vendorsAsOf = recordsOf(await again.store.loadRecords(['vendor'], { asOf: weekAgo }), 'vendor');
      expect(vendorsAsOf.map((v) => v.name).sort()).toEqual(vendorsThen.map((v) => v.name).sort());
      expect(vendorsAsOf.some((v) => v.name.endsWith('(retired)'))).toBe(true);
      expect(recordsOf(await again.store.loadRecords(['vendor']), 'vendor').some((v) => v.name.endsWith('(retired)'))).toBe(false);
    } finally {
      await again.dispose();
      await fresh.dispose();
    }
  }, 240_000);
});
