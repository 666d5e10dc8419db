import type { Control } from '../catalog/control.js';
import type { ControlResult } from '../checks/run-checks.js';
import type { CheckException, PopulationItem } from '../checks/check.js';
import type { Period } from '../time/index.js';
import { DEFAULT_PROFILE, sampleSize } from './sample-size.js';
import type { SamplingProfile } from './sample-size.js';
import { sampleSeed, selectSample } from './seeded-selection.js';

/** What the mock audit concludes about one control. */
export type AuditConclusion =
  | 'effective'
  | 'effective_with_exceptions'
  | 'not_effective'
  | 'did_not_occur'
  | 'insufficient_evidence'
  | 'not_tested';

export interface SampledItem extends PopulationItem {
  deviations: Omit<CheckException, 'itemId'>[];
}

export interface ControlAudit {
  control: string;
  title: string;
  criteria: string[];
  frequency: string;
  check: string | null;
  population: number;
  populationQuery: string | null;
  sampleSize: number;
  sampleBasis: string;
  seed: string | null;
  sampled: SampledItem[];
  /** Deviations among the sampled items. */
  sampleDeviations: number;
  sampleDeviationRate: number;
  /** Exceptions the automated test found across the whole population (auditors see these too). */
  populationExceptions: number;
  /** Exceptions not tied to one population item (e.g. a gap in branch protection). */
  controlLevelExceptions: Omit<CheckException, 'itemId'>[];
  classification: 'none' | 'isolated' | 'systematic';
  conclusion: AuditConclusion;
  summary: string;
}

export interface AuditReport {
  type: 2;
  auditId: string;
  period: Period;
  profile: SamplingProfile;
  systematicThreshold: number;
  note: string;
  overall: { conclusion: 'clean' | 'qualified' | 'not_ready'; controls: number; byConclusion: Record<AuditConclusion, number> };
  controls: ControlAudit[];
}

export interface RunAuditInput {
  auditId: string;
  period: Period;
  controls: readonly Control[];
  results: readonly ControlResult[];
  profile?: SamplingProfile;
  /**
   * Two or more deviations whose rate (in the sample or across the population) is above this
   * are systematic; a single deviation is isolated. Default 5%.
   */
  systematicThreshold?: number;
}

const ORDER: AuditConclusion[] = ['not_effective', 'effective_with_exceptions', 'insufficient_evidence', 'did_not_occur', 'not_tested', 'effective'];

/**
 * The self-service mock audit (Type II): for each control, the population from its check, a
 * sample sized by frequency (or statistically), selected reproducibly from a seed, each sampled
 * item traced through its evidence, deviations classified and a conclusion drawn. Deviations
 * found in the period stand even when fixed later: remediation does not erase them.
 *
 * The same audit id, controls and results always give the same report.
 */
export function runAudit(input: RunAuditInput): AuditReport {
  const profile = input.profile ?? DEFAULT_PROFILE;
  const threshold = input.systematicThreshold ?? 0.05;
  const results = new Map(input.results.map((r) => [r.control, r]));
  const audits: ControlAudit[] = [];
  for (const control of input.controls) {
    const r = results.get(control.id);
    audits.push(auditControl(control, r, input.auditId, profile, threshold));
  }
  audits.sort((a, b) => ORDER.indexOf(a.conclusion) - ORDER.indexOf(b.conclusion) || (a.control < b.control ? -1 : 1));
  const byConclusion = Object.fromEntries(ORDER.map((c) => [c, audits.filter((a) => a.conclusion === c).length])) as Record<AuditConclusion, number>;
  const overall = byConclusion.not_effective > 0 ? 'not_ready' : byConclusion.effective_with_exceptions > 0 || byConclusion.insufficient_evidence > 0 ? 'qualified' : 'clean';
  return {
    type: 2,
    auditId: input.auditId,
    period: input.period,
    profile,
    systematicThreshold: threshold,
    note: 'Sample sizes follow common practitioner guidance (or the statistical profile you chose); they are not an AICPA mandate. Your auditor decides the final sample.',
    overall: { conclusion: overall, controls: audits.length, byConclusion },
    controls: audits,
  };
}

function auditControl(control: Control, r: ControlResult | undefined, auditId: string, profile: SamplingProfile, threshold: number): ControlAudit {
  const base = {
    control: control.id, title: control.title, criteria: control.criteria, frequency: control.frequency, check: control.check,
    population: r?.population ?? 0, populationQuery: r?.populationQuery ?? null,
  };
  const empty = { sampleSize: 0, seed: null, sampled: [], sampleDeviations: 0, sampleDeviationRate: 0, populationExceptions: r?.exceptions.length ?? 0, controlLevelExceptions: [], classification: 'none' as const };
  if (!r || r.status === 'not_tested') {
    return { ...base, ...empty, sampleBasis: 'No automated test: the auditor will inspect evidence of manual operation.', conclusion: 'not_tested', summary: r?.error ? `The check failed to run: ${r.error}` : 'Attest this control manually and keep the evidence in the workspace.' };
  }
  if (r.status === 'insufficient_evidence') {
    return { ...base, ...empty, sampleBasis: 'No population could be formed.', conclusion: 'insufficient_evidence', summary: r.notes.join(' ') || 'Collect the evidence sources this control needs.' };
  }
  // A check that passes with findings has marked them as notes (e.g. staff without an IdP account): not deviations.
  const deviations = r.status === 'pass' ? [] : r.exceptions;
  const controlLevel = deviations.filter((e) => !e.itemId || !r.items.some((i) => i.id === e.itemId)).map(strip);
  if (r.items.length === 0 && controlLevel.length === 0) {
    return { ...base, ...empty, sampleBasis: 'The population is empty.', conclusion: 'did_not_occur', summary: 'The control did not operate in the period (zero-row population). This is not evidence that it is effective; the auditor may test its design only.' };
  }
  const ids = r.items.map((i) => i.id);
  const decision = sampleSize(control.frequency, ids.length, profile);
  const seed = sampleSeed(auditId, control.id, ids);
  const chosen = selectSample(ids, decision.size, seed);
  const byId = new Map(r.items.map((i) => [i.id, i]));
  const sampled: SampledItem[] = chosen.map((id) => ({
    ...byId.get(id)!,
    deviations: deviations.filter((e) => e.itemId === id).map(strip),
  }));
  const sampleDeviations = sampled.filter((s) => s.deviations.length > 0).length;
  const rate = sampled.length ? sampleDeviations / sampled.length : 0;
  const deviatingItems = new Set(deviations.map((e) => e.itemId).filter((x): x is string => !!x && byId.has(x))).size;
  // Control-level deviations (a gap in branch protection) count like deviating items.
  const total = deviatingItems + controlLevel.length;
  const popRate = total / Math.max(ids.length + controlLevel.length, 1);
  const anyDeviation = total > 0;
  let classification: ControlAudit['classification'] = 'none';
  if (anyDeviation) {
    // One deviation is isolated; two or more are systematic once their rate passes the threshold.
    const systematic = (total >= 2 && popRate > threshold) || (sampleDeviations >= 2 && rate > threshold);
    classification = systematic ? 'systematic' : 'isolated';
  }
  const conclusion: AuditConclusion = !anyDeviation ? 'effective' : classification === 'isolated' ? 'effective_with_exceptions' : 'not_effective';
  const summary = !anyDeviation
    ? `No deviations in ${sampled.length} sampled of ${ids.length}; the automated test of the whole population found none either.`
    : `${sampleDeviations} of ${sampled.length} sampled item(s) deviate (${Math.round(rate * 100)}%); ${deviatingItems} of ${ids.length} in the whole population${controlLevel.length ? ` and ${controlLevel.length} control-level exception(s)` : ''}. ${classification === 'isolated' ? 'An isolated deviation: explain it and show the fix; it stays in the report.' : 'Systematic: the control did not operate as designed in the period; fixing it now does not erase the deviations.'}`;
  return {
    ...base, sampleSize: decision.size, sampleBasis: decision.basis, seed, sampled, sampleDeviations, sampleDeviationRate: rate,
    populationExceptions: deviations.length, controlLevelExceptions: controlLevel, classification, conclusion, summary,
  };
}

function strip(e: CheckException): Omit<CheckException, 'itemId'> {
  const { itemId: _i, ...rest } = e;
  return rest;
}
