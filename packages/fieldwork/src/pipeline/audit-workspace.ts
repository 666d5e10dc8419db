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
