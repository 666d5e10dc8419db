import { assessTypeOne, FieldworkError, recordsOf, startAudit } from '@fieldwork/core';
import type { AuditReport, ControlAudit, SamplingProfile, TypeOneReport } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls, resolvePeriod } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { checkWorkspace } from './check-workspace.js';
import { spillItems } from './spill-items.js';

/** The person holding a role in the workspace, or null. */
export function roleHolder(ws: LoadedWorkspace, role: string): string | null {
  const { compliance, people } = ws.config.owners;
  const p = people.find((x) => x.roles.includes(role)) ?? (role === 'compliance-owner' || compliance.roles.includes(role) ? compliance : undefined);
  return p ? `${p.name} <${p.email}>` : null;
}

/**
 * Runs the checks for the window and the Type II mock audit over their results; stores both.
 * Periodic controls are tested per calendar period in the workspace time zone; management's
 * responses come from `audit.responses` in fieldwork.yaml. Each control is audited as soon as its
 * check returns, and its population items are dropped then: the audit keeps its sample and the
 * exceptions, the check run its counts. The items are never held whole: they are spilled to a
 * temporary file as the check makes them, and the audit reads back only those it samples.
 */
export async function auditTypeTwo(ws: LoadedWorkspace, store: FieldworkStore, o: { from?: string; to?: string; seed?: string; profile?: SamplingProfile }, now = new Date()): Promise<AuditReport> {
  // The window and controls checkWorkspace resolves from the same configuration and clock.
  const { period, asOf } = resolvePeriod(ws.config, o, now);
  const controls = resolveControls(ws.config);
  const responses = managementResponses(ws, controls.map((c) => c.id));
  const auditId = o.seed ?? `${ws.config.organization}:${period.from}..${period.to}`;
  const audit = startAudit({ auditId, period, controls, profile: o.profile, timezone: ws.config.timezone, responses, asOf });
  // Items are spilled to a temporary file as each check makes them; the audit reads back the ones it samples.
  await checkWorkspace(ws, store, { from: o.from, to: o.to }, now, { onResult: (r, control) => audit.add(control, r), keep: () => spillItems() });
  const report = audit.report();
  await store.saveRun('audit', period, report, undefined, { keep: ws.config.runs?.keep });
  return report;
}

/** `audit.responses` of the workspace; a response to a control that is not in scope is a configuration error. */
function managementResponses(ws: LoadedWorkspace, inScope: readonly string[]): Record<string, string> {
  const responses = (ws.config as { audit?: { responses?: Record<string, string> } }).audit?.responses ?? {};
  for (const id of Object.keys(responses)) {
    if (!inScope.includes(id)) {
      throw new FieldworkError('CONFIG_INVALID', `fieldwork.yaml audit.responses names ${id}, which is not a control in scope.`, {
        where: { file: 'fieldwork.yaml', pointer: `/audit/responses/${id}` },
        hint: 'Use a control id from `fieldwork catalog controls` (e.g. HR-05), or remove the response.',
      });
    }
  }
  return responses;
}

/** Runs the checks for the year up to the as-of date and assesses design and implementation. */
export async function auditTypeOne(ws: LoadedWorkspace, store: FieldworkStore, asOf: string): Promise<TypeOneReport> {
  const run = await checkWorkspace(ws, store, { to: asOf });
  const policies = recordsOf(await store.loadRecords(['policy']), 'policy');
  const report = assessTypeOne({ asOf, controls: run.controls, results: run.results, policies, ownerOf: (role) => roleHolder(ws, role) });
  await store.saveRun('audit-type1', run.period, report, undefined, { keep: ws.config.runs?.keep });
  return report;
}

/**
 * The `audit --json` shape: the check contract plus, per control, the sample size, seed, sampled
 * subjects and conclusion, and the audit's method: unit, test performed, extension, the rule
 * behind the conclusion, the result sentence and management's response.
 */
export function auditJson(r: AuditReport) {
  return { ...auditHeaderJson(r), results: r.controls.map(auditControlJson) };
}

/** `audit --json` without its results (for output written a control at a time). */
export function auditHeaderJson(r: AuditReport) {
  return { type: 2, auditId: r.auditId, period: r.period, timezone: r.timezone, profile: r.profile, note: r.note, remediation: r.remediation, overall: r.overall };
}

/** One control in the `audit --json` shape. */
export function auditControlJson(c: ControlAudit) {
  return {
    control: c.control, title: c.title, criteria: c.criteria, frequency: c.frequency,
    status: c.conclusion === 'not_tested' ? 'not_tested' : c.conclusion === 'insufficient_evidence' ? 'insufficient_evidence' : c.deviations > 0 ? 'exception' : 'pass',
    automated: c.automated, zeroTolerance: c.zeroTolerance, unit: c.unit, method: c.method, testPerformed: c.testPerformed,
    population: c.population, populationQuery: c.populationQuery, checkPopulation: c.checkPopulation, sampleSize: c.sampleSize, sampleBasis: c.sampleBasis, seed: c.seed,
    sampled: c.sampled.map((s) => s.subject),
    samples: c.sampled.map((s) => ({ id: s.id, subject: s.subject, at: s.at, deviations: s.deviations, trace: s.trace })),
    extension: c.extension && { size: c.extension.size, deviations: c.extension.deviations, sampled: c.extension.sampled.map((s) => s.subject), samples: c.extension.sampled.map((s) => ({ id: s.id, subject: s.subject, at: s.at, deviations: s.deviations, trace: s.trace })) },
    exceptions: c.exceptions,
    deviations: c.deviations, populationExceptions: c.populationExceptions, sampleDeviations: c.sampleDeviations, sampleDeviationRate: c.sampleDeviationRate,
    classification: c.classification, rule: c.rule, ruleReason: c.ruleReason, conclusion: c.conclusion, result: c.result, summary: c.summary, managementResponse: c.managementResponse,
  };
}
