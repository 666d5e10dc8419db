import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysBetween, localDate, recordsOf } from '@fieldwork/core';
import { collectSources } from '../collectors/index.js';
import { openTestStore } from '../testing/index.js';
import type { DemoContext } from './demo-context.js';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import type { DemoProblems } from './demo-plants.js';
import { DEMO_COMPANY } from './generate-demo.js';
import { Random } from './random.js';
import { scannersPart } from './scanners-part.js';

async function collectDemo(problems: DemoProblems = 'all') {
  const ctx: DemoContext = {
    rng: new Random(1), seed: 1, organization: DEMO_COMPANY.organization, domain: DEMO_COMPANY.domain, timezone: DEMO_COMPANY.timezone,
    period: { ...DEMO_COMPANY.period }, people: [], shared: {}, problems,
  };
  const out = scannersPart.generate(ctx);
  const t = await openTestStore('sqlite');
  try {
    for (const [rel, content] of Object.entries(out.files)) {
      mkdirSync(dirname(join(t.dir, rel)), { recursive: true });
      writeFileSync(join(t.dir, rel), content);
    }
    const outcomes = await collectSources({ workspaceDir: t.dir, timezone: ctx.timezone, store: t.store, sources: out.sources });
    return { ctx, out, outcomes, records: await t.store.loadRecords() };
  } finally {
    await t.dispose();
  }
}

describe('scanners demo part', () => {
  it('collects every scanner export without error', async () => {
    const { outcomes, records } = await collectDemo();
    expect(outcomes.map((o) => [o.name, o.status, o.error?.message])).toEqual([
      ['trivy', 'collected', undefined], ['prowler', 'collected', undefined], ['sbom', 'collected', undefined],
    ]);
    expect(recordsOf(records, 'component')).toHaveLength(12);
    expect(recordsOf(records, 'config_finding').every((f) => f.status === 'PASS')).toBe(true);
  });

  for (const problems of ['all', 'story'] as const) {
    it(`plants exactly what the vulnerability checks find (--problems ${problems})`, async () => {
      const { outputs, run } = await checkDemoParts([scannersPart], ['VUL-01', 'VUL-02', 'VUL-03'], problems);
      const planted = plantedRules(outputs, /^(scan|finding|coverage)\./);
      expect(foundRules(run)).toEqual(planted);
      expect(planted.map((p) => p.split(' ')[0])).toEqual(problems === 'all'
        ? ['coverage.lockfile_missing', 'finding.open_past_sla', 'finding.sla_breached', 'scan.missed']
        : ['finding.sla_breached']);
    });
  }

  it('story: every asset scanned weekly and every declared lockfile covered', async () => {
    const { ctx, out, records } = await collectDemo('story');
    const runs = recordsOf(records, 'scan_run').filter((r) => r.scanner === 'trivy');
    for (const asset of (out.workspace!.vulnerability as { assets: { name: string }[] }).assets.map((a) => a.name)) {
      const days = runs.filter((r) => r.asset === asset).map((r) => localDate(r.at, ctx.timezone)).sort();
      expect(days.slice(1).map((d, i) => daysBetween(days[i], d)).filter((g) => g !== 7), asset).toEqual([]);
    }
    const covered = new Set(runs.flatMap((r) => r.targets));
    expect((out.workspace!.vulnerability as { agentFrameworkLockfiles: string[] }).agentFrameworkLockfiles.filter((l) => !covered.has(l))).toEqual([]);
  });

  it('scans each declared asset weekly, except one missed week of the worker image', async () => {
    const { ctx, out, records } = await collectDemo();
    const assets = (out.workspace!.vulnerability as { assets: { name: string }[] }).assets.map((a) => a.name);
    const runs = recordsOf(records, 'scan_run').filter((r) => r.scanner === 'trivy');
    for (const asset of assets) {
      const days = runs.filter((r) => r.asset === asset).map((r) => localDate(r.at, ctx.timezone)).sort();
      const gaps = days.slice(1).map((d, i) => daysBetween(days[i], d));
      expect(gaps.filter((g) => g !== 7), asset).toEqual(asset === 'ghcr.io/relaylabs/worker' ? [14] : []);
    }
  });

  it('scans the declared agent-framework lockfiles, except the planted one', async () => {
    const { out, records } = await collectDemo();
    const declared = (out.workspace!.vulnerability as { agentFrameworkLockfiles: string[] }).agentFrameworkLockfiles;
    const covered = new Set(recordsOf(records, 'scan_run').flatMap((r) => r.targets));
    expect(declared.filter((l) => !covered.has(l))).toEqual(['tools/mcp-gateway/package-lock.json']);
    expect(out.planted.map((p) => p.rule).sort()).toEqual(['coverage.lockfile_missing', 'finding.open_past_sla', 'finding.sla_breached', 'scan.missed']);
  });
});
