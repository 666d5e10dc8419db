import { assessTypeOne, recordsOf, runAudit } from '@fieldwork/core';
import type { AuditReport, SamplingProfile, TypeOneReport } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { checkWorkspace } from './check-workspace.js';

/** The person holding a role in the workspace, or null. */
export function roleHolder(ws: LoadedWorkspace, role: string): string | null {
  const { compliance, people } = ws.config.owners;
  const p = people.find((x) => x.roles.includes(role)) ?? (role === 'compliance-owner' || compliance.roles.includes(role) ? compliance : undefined);
  return p ? `${p.name} <${p.email}>` : null;
}

/** Runs the checks for the window and the Type II mock audit over their results; stores both. */
export async function auditTypeTwo(ws: LoadedWorkspace, store: FieldworkStore, o: { from?: string; to?: string; seed?: string; profile?: SamplingProfile; systematicThreshold?: number }): Promise<AuditReport> {
  const run = await checkWorkspace(ws, store, { from: o.from, to: o.to });
  const auditId = o.seed ?? `${ws.config.organization}:${run.period.from}..${run.period.to}`;
  const report = runAudit({ auditId, period: run.period, controls: run.controls, results: run.results, profile: o.profile, systematicThreshold: o.systematicThreshold });
  await store.saveRun('audit', run.period, report);
  return report;
}

/** Runs the checks for the year up to the as-of date and assesses design and implementation. */
export async function auditTypeOne(ws: LoadedWorkspace, store: FieldworkStore, asOf: string): Promise<TypeOneReport> {
  const run = await checkWorkspace(ws, store, { to: asOf });
  const policies = recordsOf(await store.loadRecords(['policy']), 'policy');
  const report = assessTypeOne({ asOf, controls: run.controls, results: run.results, policies, ownerOf: (role) => roleHolder(ws, role) });
  await store.saveRun('audit-type1', run.period, report);
  return report;
}

/** The `audit --json` shape: the check contract plus sample size, seed, sampled subjects and conclusion. */
export function auditJson(r: AuditReport) {
  return {
    type: 2, auditId: r.auditId, period: r.period, profile: r.profile, note: r.note, overall: r.overall,
    results: r.controls.map((c) => ({
      control: c.control, title: c.title, criteria: c.criteria, frequency: c.frequency,
      status: c.conclusion === 'not_tested' ? 'not_tested' : c.conclusion === 'insufficient_evidence' ? 'insufficient_evidence' : c.populationExceptions > 0 ? 'exception' : 'pass',
      population: c.population, populationQuery: c.populationQuery, sampleSize: c.sampleSize, sampleBasis: c.sampleBasis, seed: c.seed,
      sampled: c.sampled.map((s) => s.subject),
      samples: c.sampled.map((s) => ({ id: s.id, subject: s.subject, at: s.at, deviations: s.deviations, trace: s.trace })),
      exceptions: [...c.sampled.flatMap((s) => s.deviations), ...c.controlLevelExceptions],
      populationExceptions: c.populationExceptions, sampleDeviations: c.sampleDeviations, sampleDeviationRate: c.sampleDeviationRate,
      classification: c.classification, conclusion: c.conclusion, summary: c.summary,
    })),
  };
}
