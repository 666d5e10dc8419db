import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { builtInControls, runChecks } from '@fieldwork/core';
import type { CheckRun, FieldworkRecord, RecordSet } from '@fieldwork/core';
import { collectorFor } from '../collectors/registry.js';
import { resolveSourceFiles } from '../collectors/resolve-files.js';
import { parseFile } from '../testing/index.js';
import type { DemoContext, DemoPart, DemoPartOutput } from './demo-context.js';
import { generatePeople } from './demo-people.js';
import { DEMO_COMPANY } from './demo-company.js';
import { demoPeople } from './demo-owners.js';
import { Random } from './random.js';
import type { DemoProblems } from './demo-plants.js';
import type { DemoStack } from './demo-stack.js';

/**
 * Test support: generates demo parts into a temporary workspace, parses their sources with the
 * real collectors, and runs the given controls' checks — so a part's test can compare what the
 * checks find with what the part says it planted.
 */
export async function checkDemoParts(parts: DemoPart[], controlIds: string[], problems: DemoProblems = 'all', stack: DemoStack = 'okta-jira'): Promise<{ outputs: DemoPartOutput[]; records: FieldworkRecord[]; run: CheckRun }> {
  const rng = new Random(1);
  const ctx: DemoContext = {
    rng, seed: 1, organization: DEMO_COMPANY.organization, domain: DEMO_COMPANY.domain, timezone: DEMO_COMPANY.timezone,
    period: { ...DEMO_COMPANY.period }, people: generatePeople(rng, DEMO_COMPANY.domain, DEMO_COMPANY.period), shared: {}, problems, stack,
  };
  const dir = mkdtempSync(join(tmpdir(), 'demo-part-'));
  const outputs = parts.map((p) => p.generate(ctx));
  const records: FieldworkRecord[] = [];
  let workspace: Record<string, unknown> = {};
  for (const out of outputs) {
    for (const [rel, content] of Object.entries(out.files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    workspace = { ...workspace, ...(out.workspace ?? {}) };
  }
  try {
    for (const out of outputs) {
      for (const s of out.sources) {
        const collector = collectorFor(s.kind, s.name ?? s.kind);
        for (const f of resolveSourceFiles(dir, { name: s.name ?? s.kind, path: s.path, glob: s.glob })) records.push(...await parseFile(collector, f, s.options ?? {}, ctx.timezone));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const set: RecordSet = {};
  for (const r of records) ((set as Record<string, FieldworkRecord[]>)[r.kind] ??= []).push(r);
  const run = runChecks({
    controls: builtInControls.filter((c) => controlIds.includes(c.id)), records: set, period: ctx.period, timezone: ctx.timezone,
    asOf: ctx.period.to, workspace: { owners: { compliance: { ...DEMO_COMPANY.owner, roles: ['compliance-owner'] }, people: demoPeople() }, ...workspace, organization: ctx.organization, timezone: ctx.timezone },
  });
  return { outputs, records, run };
}

/** `rule subject` of every exception in a run, sorted. */
export function foundRules(run: CheckRun): string[] {
  return run.results.flatMap((r) => r.exceptions.map((e) => `${e.rule} ${e.subject}`)).sort();
}

/** `rule subject` of everything the parts planted, sorted. */
export function plantedRules(outputs: DemoPartOutput[], rulePrefix: RegExp): string[] {
  return outputs.flatMap((o) => o.planted).filter((p) => rulePrefix.test(p.rule)).map((p) => `${p.rule} ${p.subject}`).sort();
}
