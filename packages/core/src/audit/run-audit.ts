import type { AuditDesign, Control } from '../catalog/index.js';
import type { ControlResult } from '../checks/run-checks.js';
import type { CheckException, PopulationItem } from '../checks/check.js';
import { partitionPoint } from '../checks/partition-point.js';
import { fullItem, isSortedById } from '../checks/population-keeper.js';
import type { Period } from '../time/index.js';
import { auditDesignOf, pluralOf } from './audit-design.js';
import { calendarDateOf } from './audit-periods.js';
import { DEVIATION_RULES, REMEDIATION_RULE, evaluateDeviations } from './deviation-rules.js';
import type { DeviationClass, DeviationRuleId } from './deviation-rules.js';
import { DEFAULT_PROFILE, sampleSize } from './sample-size.js';
import type { SamplingProfile } from './sample-size.js';
import { sampleSeed, selectSample } from './seeded-selection.js';
import type { SortedIds } from './seeded-selection.js';
import { firstAtLeast, itemPopulation, periodPopulation } from './unit-population.js';
import { isManualResult, manualAuditDesign, manualSizing, occurrencePopulation } from './manual-population.js';
import type { AuditUnit, Deviation } from './unit-population.js';

/** What the mock audit concludes about one control. */
export type AuditConclusion =
  | 'effective'
  | 'effective_with_exceptions'
  | 'not_effective'
  | 'did_not_occur'
  | 'insufficient_evidence'
  | 'not_tested';

/** A deviation as the audit reports it: the check's exception, the unit it belongs to and how it was found. */
export type AuditException = Omit<CheckException, 'itemId'> & {
  /** The population unit (a leaver, `2026-Q3`), or null for a deviation tied to no unit. */
  unit: string | null;
  /** Found in the sample, in the extension, or by the automated test of the whole population. */
  foundIn: 'sample' | 'extension' | 'population';
};

export interface SampledItem extends PopulationItem {
  deviations: Omit<CheckException, 'itemId'>[];
}

export interface ControlAudit {
  control: string;
  title: string;
  /** What the control does, as the catalog states it. */
  statement: string;
  criteria: string[];
  frequency: string;
  check: string | null;
  automated: boolean;
  zeroTolerance: boolean;
  unit: AuditUnit;
  method: AuditDesign['method'];
  /** The test performed, as a SOC 2 section 4 states it: method, unit, sample size and procedure. */
  testPerformed: string;
  /** Units in the population. */
  population: number;
  populationQuery: string | null;
  /** Items the check produced (for a periodic control, the occurrences spread over the periods). */
  checkPopulation: number;
  sampleSize: number;
  sampleBasis: string;
  seed: string | null;
  sampled: SampledItem[];
  /** The further units tested after one deviation in the sample, or null when not extended. */
  extension: { size: number; sampled: SampledItem[]; deviations: number } | null;
  /** Deviating units in the sample (not the extension). */
  sampleDeviations: number;
  sampleDeviationRate: number;
  /** Deviating units plus deviations tied to no unit, across the whole population. */
  deviations: number;
  /** Exception rows the automated test found across the whole population (a unit may have several). */
  populationExceptions: number;
  /** Every exception row, sample and population alike, in a stable order. */
  exceptions: AuditException[];
  /** Exceptions not tied to one population unit (e.g. a gap in branch protection). */
  controlLevelExceptions: Omit<CheckException, 'itemId'>[];
  classification: DeviationClass;
  /** The rule that produced the conclusion (see `DEVIATION_RULES`). */
  rule: DeviationRuleId;
  /** Why the rule applies to this control, when that is not plain from the counts (`change.direct_push is a zero-tolerance deviation in CHG-01`). */
  ruleReason: string | null;
  conclusion: AuditConclusion;
  /** `No exceptions noted.` or `Exception noted: …`, or the reason the control was not tested. */
  result: string;
  /** The result and the rule, in one paragraph. */
  summary: string;
  /** Management's response from the workspace, or null. */
  managementResponse: string | null;
}

export interface AuditReport {
  type: 2;
  auditId: string;
  period: Period;
  timezone: string;
  profile: SamplingProfile;
  note: string;
  /** The remediation rule, printed once for the whole report. */
  remediation: string;
  overall: { conclusion: 'clean' | 'qualified' | 'not_ready'; controls: number; byConclusion: Record<AuditConclusion, number> };
  controls: ControlAudit[];
}

export interface RunAuditInput {
  auditId: string;
  period: Period;
  controls: readonly Control[];
  results: readonly ControlResult[];
  profile?: SamplingProfile;
  /** IANA zone whose calendar days, weeks, months and quarters periodic controls are tested in. Default UTC. */
  timezone?: string;
  /** Management's response per control id (from the workspace). */
  responses?: Readonly<Record<string, string>>;
  /** The evidence date (default: the window's end): a period still running then, with nothing in it yet, is not due. */
  asOf?: string;
}

const ORDER: AuditConclusion[] = ['not_effective', 'effective_with_exceptions', 'insufficient_evidence', 'did_not_occur', 'not_tested', 'effective'];

/**
 * The self-service mock audit (Type II): for each control, the population in the control's unit
 * (events, items, or the calendar periods of its frequency), a sample sized by frequency (or
 * statistically) and selected from a printed seed, each sampled unit traced through its evidence,
 * and a conclusion drawn by the written rules of `DEVIATION_RULES`, each conclusion naming its rule.
 *
 * The same audit id, controls and results always give the same report.
 *
 * @example
 * const report = runAudit({ auditId: 'acme-2026', period: { from: '2026-01-01', to: '2026-06-30' }, controls, results, timezone: 'Europe/Berlin' })
 */
export function runAudit(input: RunAuditInput): AuditReport {
  const audit = startAudit(input);
  const results = new Map(input.results.map((r) => [r.control, r]));
  for (const control of input.controls) audit.add(control, results.get(control.id));
  return audit.report();
}

/** A mock audit taking one control's result at a time (see {@link startAudit}). */
export interface AuditInProgress {
  /** Audits one control from its check's result (items included); keeps only what the report needs. */
  add(control: Control, result: ControlResult | undefined): void;
  /** The report; a control in scope that was never added is audited as having no result. */
  report(): AuditReport;
}

/**
 * {@link runAudit} one control at a time: each control is audited as soon as its check returns,
 * so the caller can drop that control's population items before the next check runs (the audit
 * keeps its sample, traced, and the exceptions; never the population). The report is the one
 * {@link runAudit} gives over the same results, whatever order the controls are added in.
 *
 * @example
 * const audit = startAudit({ auditId, period, controls, timezone })
 * await runChecksFrom({ ...input, onResult: (r, control) => { audit.add(control, r); return withoutItems(r) } })
 * const report = audit.report()
 */
export function startAudit(input: Omit<RunAuditInput, 'results'>): AuditInProgress {
  const profile = input.profile ?? DEFAULT_PROFILE;
  const timezone = input.timezone ?? 'UTC';
  const done = new Map<string, ControlAudit>();
  const auditOf = (control: Control, r: ControlResult | undefined) =>
    auditControl(control, r, { auditId: input.auditId, window: input.period, timezone, ...(input.asOf ? { asOf: input.asOf } : {}), profile, response: input.responses?.[control.id] ?? null });
  return {
    add(control, r) {
      done.set(control.id, auditOf(control, r));
    },
    report() {
      const audits = input.controls.map((control) => done.get(control.id) ?? auditOf(control, undefined));
      audits.sort((a, b) => ORDER.indexOf(a.conclusion) - ORDER.indexOf(b.conclusion) || (a.control < b.control ? -1 : 1));
      const byConclusion = Object.fromEntries(ORDER.map((c) => [c, audits.filter((a) => a.conclusion === c).length])) as Record<AuditConclusion, number>;
      const overall = byConclusion.not_effective > 0 ? 'not_ready' : byConclusion.effective_with_exceptions > 0 || byConclusion.insufficient_evidence > 0 ? 'qualified' : 'clean';
      return {
        type: 2,
        auditId: input.auditId,
        period: input.period,
        timezone,
        profile,
        note: 'Sample sizes follow common practitioner guidance (or the statistical profile you chose); they are not an AICPA mandate. Your auditor decides the final sample.',
        remediation: REMEDIATION_RULE,
        overall: { conclusion: overall, controls: audits.length, byConclusion },
        controls: audits,
      };
    },
  };
}

interface AuditContext {
  auditId: string;
  window: Period;
  timezone: string;
  asOf?: string;
  profile: SamplingProfile;
  response: string | null;
}


function auditControl(control: Control, r: ControlResult | undefined, ctx: AuditContext): ControlAudit {
  const manual = isManualResult(control, r);
  const design = manual ? manualAuditDesign(control) : auditDesignOf(control);
  const base = {
    control: control.id, title: control.title, statement: control.statement, criteria: control.criteria, frequency: control.frequency, check: control.check,
    automated: control.automated, zeroTolerance: control.zeroTolerance, method: design.method,
    populationQuery: r?.populationQuery ?? null, checkPopulation: r?.population ?? 0, managementResponse: ctx.response,
  };
  const unit: AuditUnit = { kind: design.unit, noun: design.noun, plural: design.plural ?? pluralOf(design.noun) };
  const untested = {
    unit, population: r?.population ?? 0, sampleSize: 0, seed: null, sampled: [], extension: null, sampleDeviations: 0, sampleDeviationRate: 0,
    deviations: 0, populationExceptions: 0, exceptions: [], controlLevelExceptions: [], classification: 'none' as const, ruleReason: null,
  };
  if (!r || r.status === 'not_tested') {
    const why = r?.error ? `The check failed to run: ${r.error}` : 'No automated test and no manual evidence recorded: submit it with `fieldwork evidence add` (see `fieldwork evidence list`).';
    return { ...base, ...untested, testPerformed: 'None: the control is attested manually.', sampleBasis: 'Not sampled.', rule: 'not-tested', conclusion: 'not_tested', result: why, summary: `${why} (rule not-tested)` };
  }
  // The check ran over collected evidence and its population is empty: that is "did not occur",
  // whether the check passed it or (since empty populations carry no verdict) flagged it.
  const ranEmpty = !manual && r.items.length === 0 && r.exceptions.length === 0 && !!r.populationQuery && (r.status === 'pass' || r.status === 'insufficient_evidence');
  if (r.status === 'insufficient_evidence' && !ranEmpty) {
    const missing = r.notes.join(' ') || 'Collect the evidence sources this control needs.';
    const result = `Not tested: no evidence. ${missing}`;
    return { ...base, ...untested, testPerformed: 'None: no population could be formed.', sampleBasis: 'Not sampled.', rule: 'no-evidence', conclusion: 'insufficient_evidence', result, summary: `${result} ${DEVIATION_RULES['no-evidence'].text} (rule no-evidence)` };
  }
  // A check that passes with findings has marked them as notes (e.g. staff without an IdP account): not deviations.
  const found: CheckException[] = r.status === 'pass' ? [] : r.exceptions;
  const didNotOccur = (why: string, notes: readonly string[]): ControlAudit => {
    const result = `Did not occur: ${why} ${NOT_OCCURRED}`;
    const extra = notes.length ? ` ${notes.join(' ')}` : '';
    return {
      ...base, ...untested, population: 0, testPerformed: `None: the population of ${unit.plural} is empty.`, sampleBasis: 'Not sampled: the population is empty.',
      rule: 'no-occurrence', conclusion: 'did_not_occur', result, summary: `${result} ${DEVIATION_RULES['no-occurrence'].text}${extra} (rule no-occurrence)`,
    };
  };
  // With no items no finding can name one, so only findings of no item at all keep it from "did not occur".
  if (ranEmpty || (r.items.length === 0 && found.length === 0)) {
    return didNotOccur(`no ${unit.noun} in the window in the collected evidence.`, r.notes);
  }

  const pop = manual ? occurrencePopulation(r, found, unit, ctx) : design.unit === 'period' ? (periodPopulation(control, r, found, unit, ctx, design.windows === true) ?? itemPopulation(r, found, unit, ctx)) : itemPopulation(r, found, unit, ctx);
  // A population marked sorted by id (millions of units, ids read on demand) is read through
  // its order: ids one at a time, units by binary search, never an array of every id.
  const sorted = isSortedById(pop.units);
  const ids: readonly string[] | SortedIds = sorted ? { length: pop.units.length, at: (i: number) => pop.units[i].id } : pop.units.map((u) => u.id);
  // Every period of the window was still running at the evidence date with nothing in it yet.
  if (ids.length === 0 && pop.unattached.length === 0) return didNotOccur(`no ${unit.noun} of the window was due by the evidence date.`, [pop.query ?? '', ...r.notes].filter(Boolean));
  // Periodic units take the table size of their frequency; events and items are sized per occurrence.
  const sizing = manual ? manualSizing(control) : pop.unit.kind === 'period' || control.frequency === 'continuous' || control.frequency === 'multiple_daily' ? control.frequency : 'per_event';
  const decision = sampleSize(sizing, ids.length, ctx.profile, { one: pop.unit.noun, many: pop.unit.plural });
  const seed = sampleSeed(ctx.auditId, control.id, ids);
  const chosen = selectSample(ids, decision.size, seed);
  // A spilled item is read back whole here, for the few units sampled (see `fullItem`). Only
  // the sampled units are looked up: a map of every unit by id was a second copy of a population
  // of millions.
  const toSampled = (byId: Map<string, PopulationItem>) => (id: string): SampledItem => ({ ...fullItem(byId.get(id)!), deviations: [...(pop.deviationsOf.get(id) ?? [])].sort(byDeviation) });
  const byIds = (wanted: readonly string[]) => (sorted ? unitsByIdSorted(pop.units, wanted) : unitsById(pop.units, wanted));
  const sampled = chosen.map(toSampled(byIds(chosen)));
  const sampleDeviations = sampled.filter((s) => s.deviations.length > 0).length;

  const isZero = (d: Deviation) => control.automated || control.zeroTolerance || control.zeroToleranceRules.includes(d.rule);
  const allDeviations = [...[...pop.deviationsOf.values()].flat(), ...pop.unattached];
  const zero = allDeviations.some(isZero);
  // Monthly, quarterly and annual controls are sampled with no tolerable deviation: one deviation decides.
  const lowFrequency = pop.unit.kind === 'period' && LOW_FREQUENCY.has(sizing);
  // One deviation in the sample: extend it with the next units of the same seeded order, test them, report both.
  let extension: ControlAudit['extension'] = null;
  if (sampleDeviations === 1 && !zero && !lowFrequency && chosen.length < ids.length) {
    const more = Math.min(decision.size, ids.length - chosen.length);
    const next = selectSample(ids, chosen.length + more, seed).slice(chosen.length);
    const extra = next.map(toSampled(byIds(next)));
    extension = { size: extra.length, sampled: extra, deviations: extra.filter((s) => s.deviations.length > 0).length };
  }

  const deviatingUnits = sorted ? deviatingSorted(pop.units, pop.deviationsOf) : pop.units.filter((u) => (pop.deviationsOf.get(u.id)?.length ?? 0) > 0);
  const deviations = deviatingUnits.length + pop.unattached.length;
  const periods = new Set<string>();
  for (const u of deviatingUnits) {
    const k = pop.periodKey(u);
    if (k) periods.add(k);
  }
  for (const d of pop.unattached) if (d.at && pop.unit.kind !== 'item') periods.add(calendarDateOf(d.at, ctx.timezone).slice(0, 7));
  const verdict = evaluateDeviations({ deviations, zeroTolerance: zero, periods: periods.size, extended: extension !== null, lowFrequency });
  const ruleReason = verdict.rule === 'zero-tolerance' ? zeroToleranceReason(control, allDeviations)
    : verdict.rule === 'low-frequency' ? `${control.id} is tested per ${pop.unit.noun}, ${count(ids.length, pop.unit.noun, pop.unit.plural)} in the window: a sample that tolerates no deviation`
      : null;

  const inSample = new Set(chosen);
  const inExtension = new Set(extension?.sampled.map((s) => s.id) ?? []);
  const exceptions: AuditException[] = [
    // Sorted units in order are the deviating ones in order (a stable sort of sorted units changes nothing).
    ...(sorted ? deviatingUnits : [...pop.units].sort((a, b) => byString(a.id, b.id))).flatMap((u) => [...(pop.deviationsOf.get(u.id) ?? [])].sort(byDeviation).map((d): AuditException => ({ ...d, unit: u.subject, foundIn: inSample.has(u.id) ? 'sample' : inExtension.has(u.id) ? 'extension' : 'population' }))),
    ...[...pop.unattached].sort(byDeviation).map((d): AuditException => ({ ...d, unit: null, foundIn: 'population' })),
  ];
  const repeatedIds = pop.repeated ? ` ${count(pop.repeated.count, 'item', 'items')} of the check repeated an id already in the population (the first: ${pop.repeated.first}); each id is one ${pop.unit.noun}, tested once.` : '';
  const testPerformed = `${capital(design.method)} of ${sampled.length} of ${ids.length} ${plural(pop.unit, ids.length)}, selected from seed ${seed.slice(0, 12)}…. For each, ${design.procedure}.${extension ? ` After one deviation the sample was extended by ${count(extension.size, pop.unit.noun, pop.unit.plural)} from the same seed, tested the same way.` : ''}${repeatedIds} Sample size: ${decision.basis}`;
  const result = resultSentence(verdict.rule, { unit: pop.unit, population: ids.length, sampled: sampled.length, sampleDeviations, extension, deviations, unattached: pop.unattached.length, rows: exceptions.length, periods: periods.size });
  return {
    ...base, unit: pop.unit, populationQuery: pop.query, population: ids.length, testPerformed,
    sampleSize: decision.size, sampleBasis: decision.basis, seed, sampled, extension,
    sampleDeviations, sampleDeviationRate: sampled.length ? sampleDeviations / sampled.length : 0,
    deviations, populationExceptions: exceptions.length, exceptions, controlLevelExceptions: pop.unattached,
    classification: verdict.classification, rule: verdict.rule, ruleReason, conclusion: verdict.conclusion, result,
    summary: `${result}${ruleReason ? ` ${capital(ruleReason)}.` : ''} ${DEVIATION_RULES[verdict.rule].text} (rule ${verdict.rule})`,
  };
}

/** The units with the given ids, by id; of units sharing an id, the last (as a map of every unit kept). */
function unitsById(units: readonly PopulationItem[], ids: readonly string[]): Map<string, PopulationItem> {
  const wanted = new Set(ids);
  const found = new Map<string, PopulationItem>();
  for (const u of units) if (wanted.has(u.id)) found.set(u.id, u);
  return found;
}

/** {@link unitsById} over units sorted by id: each wanted id found by binary search (the last unit of that id). */
function unitsByIdSorted(units: readonly PopulationItem[], ids: readonly string[]): Map<string, PopulationItem> {
  const found = new Map<string, PopulationItem>();
  for (const id of ids) {
    const end = firstAbove(units, id);
    if (end > 0 && units[end - 1].id === id) found.set(id, units[end - 1]);
  }
  return found;
}

/** The units with deviations, in their order, from units sorted by id: each id's run of units found by binary search. */
function deviatingSorted(units: readonly PopulationItem[], deviationsOf: ReadonlyMap<string, readonly Deviation[]>): PopulationItem[] {
  const places: number[] = [];
  for (const [id, list] of deviationsOf) {
    if (list.length === 0) continue;
    for (let i = firstAtLeast(units, id); i < units.length && units[i].id === id; i++) places.push(i);
  }
  return places.sort((a, b) => a - b).map((i) => units[i]);
}

/** The first place in units sorted by id whose id is above `id`. */
function firstAbove(units: readonly PopulationItem[], id: string): number {
  return partitionPoint(units.length, (i) => units[i].id <= id);
}

// The words SOC 2 reports use when a control had nothing to act on in the period.
const NOT_OCCURRED = 'The circumstances that warrant the operation of the control did not occur during the period, so its operating effectiveness could not be tested.';

const LOW_FREQUENCY: ReadonlySet<string> = new Set(['monthly', 'quarterly', 'annual']);

/** Which fact made the zero-tolerance rule apply: the control's kind, or the kinds of deviation found. */
function zeroToleranceReason(control: Control, found: readonly Deviation[]): string {
  if (control.zeroTolerance) return `${control.id} is a zero-tolerance control: it admits no deviation`;
  if (control.automated) return `${control.id} is an automated control: a system enforces it the same way every time`;
  const rules = [...new Set(found.map((d) => d.rule).filter((rule) => control.zeroToleranceRules.includes(rule)))].sort();
  return `${rules.join(', ')} ${rules.length === 1 ? 'is a zero-tolerance kind' : 'are zero-tolerance kinds'} of deviation in ${control.id}`;
}

interface ResultFacts {
  unit: AuditUnit;
  population: number;
  sampled: number;
  sampleDeviations: number;
  extension: ControlAudit['extension'];
  deviations: number;
  unattached: number;
  rows: number;
  periods: number;
}

/** The section-4 result sentence. Every count in it is a count of the exception table. */
function resultSentence(rule: DeviationRuleId, f: ResultFacts): string {
  if (rule === 'no-exceptions') return 'No exceptions noted.';
  const parts = [`${f.sampleDeviations} of ${f.sampled} sampled ${plural(f.unit, f.sampled)} deviated`];
  if (f.extension) parts.push(`${f.extension.deviations} of ${f.extension.size} in the extension`);
  const outside = f.deviations - f.unattached - f.sampleDeviations - (f.extension?.deviations ?? 0);
  if (outside > 0) parts.push(`${outside} more ${plural(f.unit, outside)} outside the sample deviated (found by the automated test of all ${f.population})`);
  if (f.unattached > 0) parts.push(`${count(f.unattached, 'deviation')} tied to no single ${f.unit.noun}`);
  // Per-event deviations recur across calendar months; a periodic control's across its own periods.
  const periodWords = f.unit.kind === 'period' ? f.unit.plural : 'months';
  const total = `${count(f.deviations, 'deviation')} in all${f.periods >= 2 ? ` (in ${f.periods} different ${periodWords})` : ''}${f.rows > f.deviations ? `; ${f.rows} exceptions are listed` : ''}`;
  return `Exception noted: ${parts.join('; ')} — ${total}.`;
}

const plural = (u: AuditUnit, n: number) => (n === 1 ? u.noun : u.plural);
// Exceptions are listed in a stable order whatever order the check produced them in (byte-identical reports).
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byDeviation = (a: Deviation, b: Deviation) => byString(a.rule, b.rule) || byString(a.subject, b.subject) || byString(a.at ?? '', b.at ?? '') || byString(a.detail, b.detail);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
