import type { Control } from '../catalog/control.js';
import type { Citation, RecordSet } from '../records/index.js';
import type { Period } from '../time/index.js';
import type { Check, CheckContext, CheckException, CheckStatus, ItemSink, PopulationItem, WorkspaceFacts } from './check.js';
import { builtInChecks } from './registry.js';
import { manualEvidenceCheck, MANUAL_EVIDENCE_CHECK } from './manual/manual-evidence-check.js';
import { addArtifacts, keepItems } from './population-keeper.js';
import type { PopulationKeeper } from './population-keeper.js';

/** One control's result, in the shape of the `check --json` contract (plus audit inputs). */
export interface ControlResult {
  control: string;
  title: string;
  check: string | null;
  status: CheckStatus;
  population: number;
  populationQuery?: string;
  exceptions: (Omit<CheckException, 'itemId'> & { itemId?: string })[];
  items: PopulationItem[];
  /**
   * Set once the items were dropped ({@link withoutItems}): the artifacts their traces cite,
   * sorted, which is what a stored run keeps of the population besides its count and query.
   */
  itemArtifacts?: string[];
  notes: string[];
  /** Set when the check itself failed; the other controls still ran. */
  error?: string;
}

export interface CheckRun {
  period: Period;
  asOf: string;
  results: ControlResult[];
}

export interface RunChecksInput {
  controls: readonly Control[];
  records: RecordSet;
  period: Period;
  timezone: string;
  asOf: string;
  workspace?: WorkspaceFacts;
  /** Checks by id; defaults to the built-in ones. */
  checks?: Record<string, Check>;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Runs the check of every control and returns one result per control. A check that throws
 * becomes a `not_tested` result with an `error`; it never hides the others.
 *
 * @example
 * const run = runChecks({ controls, records, period: { from: '2026-01-01', to: '2026-03-31' }, timezone: 'UTC', asOf: '2026-03-31' })
 */
export function runChecks(raw: RunChecksInput): CheckRun {
  const records = withoutSelfTests(raw.records);
  const selfTests = (raw.records.isolation_probe?.length ?? 0) - (records.isolation_probe?.length ?? 0);
  const input: OneInput = { ...raw, records, selfTests, manualInUse: usesManualEvidence(records) };
  const checks = input.checks ?? builtInChecks;
  const byControl = new Map<string, ControlResult>();
  // Checks marked `after` read the others' statuses, so they run in a second pass; results keep the controls' order.
  const isAfter = (c: Control) => (c.check !== null && checks[c.check]?.after) === true;
  for (const control of input.controls.filter((c) => !isAfter(c))) byControl.set(control.id, runOne(control, checks, input));
  const statuses = new Map([...byControl].map(([id, r]) => [id, r.status]));
  const automated = new Set(input.controls.filter((c) => c.check !== null).map((c) => c.id));
  for (const control of input.controls.filter(isAfter)) byControl.set(control.id, runOne(control, checks, input, statuses, automated));
  return { period: input.period, asOf: input.asOf, results: input.controls.map((c) => byControl.get(c.id) as ControlResult) };
}

/** What one control's check runs with: its records (self-tests removed) and facts about the whole set. */
export interface OneInput extends RunChecksInput {
  /** Self-test probe runs removed from the records (see {@link withoutSelfTests}). */
  selfTests: number;
  /** Whether the workspace records manual evidence (see {@link usesManualEvidence}). */
  manualInUse: boolean;
}

/** The check a control runs, or undefined when it has none available (manual controls run `manual.evidence`). */
export function checkOf(control: Control, checks: Record<string, Check>): Check | undefined {
  return control.check === null ? manualEvidenceCheck : checks[control.check];
}

/**
 * Runs one control's check over `input.records` and shapes its result. Exported for
 * {@link runChecksFrom}, which hands each check only the kinds it reads. The population goes to
 * `keeper` as the check produces it (default: every item kept, sorted by id).
 */
export function runOne(control: Control, checks: Record<string, Check>, input: OneInput, statuses?: ReadonlyMap<string, CheckStatus>, automated?: ReadonlySet<string>, keeper: PopulationKeeper = keepItems()): ControlResult {
  if (control.check === null) {
    // A workspace that has not started recording manual evidence keeps "not tested": 55 exceptions
    // for a channel nobody uses yet would bury the automated findings. Once any evidence or
    // decision is recorded, every manual control is tested from its requests.
    if (!input.manualInUse) {
      return {
        control: control.id, title: control.title, check: null, status: 'not_tested', population: 0, exceptions: [], items: [],
        notes: [`Manual attestation: no evidence recorded yet. \`fieldwork evidence list --control ${control.id}\` shows its requests; \`fieldwork evidence add ${control.id} FILE --covers PERIOD --by PERSON\` submits evidence.`],
      };
    }
  }
  const checkId = control.check ?? MANUAL_EVIDENCE_CHECK;
  const base = { control: control.id, title: control.title, check: checkId };
  const check = checkOf(control, checks);
  if (!check) {
    return { ...base, status: 'not_tested', population: 0, exceptions: [], items: [], notes: [`No check named ${control.check} is available yet.`] };
  }
  const missing = check.requires.filter((k) => (input.records[k]?.length ?? 0) === 0);
  if (missing.length > 0) {
    return {
      ...base, status: 'insufficient_evidence', population: 0, exceptions: [], items: [],
      notes: [`No ${missing.join(', ')} records collected; add a source that provides them.`],
    };
  }
  if (check.requiresAny && check.requiresAny.every((k) => (input.records[k]?.length ?? 0) === 0)) {
    const selfTests = check.requiresAny.includes('isolation_probe') ? input.selfTests ?? 0 : 0;
    return {
      ...base, status: 'insufficient_evidence', population: 0, exceptions: [], items: [],
      notes: [
        `No ${check.requiresAny.join(' or ')} records collected; add a source that provides them.`,
        ...(selfTests > 0 ? [`${selfTests} self-test probe run(s) against an in-process store were collected; they do not count as evidence of the platform.`] : []),
      ],
    };
  }
  try {
    const out = check.run(checkContext(control, input, statuses, automated, keeper));
    for (const item of out.items) keeper.add(item);
    const kept = keeper.done();
    const exceptions = [...out.exceptions].sort((a, b) => byString(a.subject, b.subject) || byString(a.rule, b.rule) || byString(a.at ?? '', b.at ?? ''));
    const status = out.status ?? (exceptions.length > 0 ? 'exception' : 'pass');
    const notes = out.notes ?? [];
    // No verdict without evidence: a pass over an empty population would say the control worked
    // when nothing showed it working (a window in the future, a source that covers other dates).
    const empty = status === 'pass' && kept.count === 0;
    return {
      ...base,
      status: empty ? 'insufficient_evidence' : status,
      population: kept.count,
      populationQuery: out.populationQuery,
      exceptions: exceptions.map((e) => ({ ...e, citations: dedupeCitations(e.citations) })),
      items: kept.items,
      notes: empty ? [emptyPopulationNote(out.populationQuery, input.period), ...notes] : notes,
      ...(kept.itemArtifacts ? { itemArtifacts: kept.itemArtifacts } : {}),
    };
  } catch (e) {
    return { ...base, status: 'not_tested', population: 0, exceptions: [], items: [], notes: [], error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The result as a stored run keeps it: no population items, only the artifacts their traces cite
 * (`itemArtifacts`). For {@link runChecksFrom}'s `onResult`, so one control's items are in memory
 * at a time rather than every control's.
 *
 * @example
 * const run = await runChecksFrom({ ...input, onResult: withoutItems })
 */
export function withoutItems(r: ControlResult): ControlResult {
  if (r.itemArtifacts) return r.items.length === 0 ? r : { ...r, items: [] };
  const cited = new Set<string>();
  for (const i of r.items) addArtifacts(cited, i);
  return { ...r, items: [], itemArtifacts: [...cited].sort() };
}

/** What a control's check is handed: the run's window and records, the control's parameters, earlier statuses for `after` checks. */
export function checkContext(control: Control, input: RunChecksInput, statuses?: ReadonlyMap<string, CheckStatus>, automated?: ReadonlySet<string>, items?: ItemSink): CheckContext {
  return {
    period: input.period, timezone: input.timezone, params: { ...control.params }, records: input.records,
    asOf: input.asOf, workspace: input.workspace ?? {}, control, ...(statuses ? { results: statuses } : {}), ...(automated ? { automatedControls: automated } : {}),
    ...(items ? { items } : {}),
  };
}

/** True once the workspace has recorded any manual evidence or decision. */
export function usesManualEvidence(records: RecordSet): boolean {
  return (records.evidence_submission?.length ?? 0) > 0 || (records.evidence_decision?.length ?? 0) > 0;
}

/**
 * The records without self-tests (probe runs against a store inside the probing process): they
 * show the SDK works, never that the platform does, so no check may count them — removed here,
 * once, rather than trusted to every check.
 */
export function withoutSelfTests(records: RecordSet): RecordSet {
  const probes = records.isolation_probe;
  if (!probes?.some((p) => p.selfTest === true)) return records;
  return { ...records, isolation_probe: probes.filter((p) => p.selfTest !== true) };
}

/**
 * Why an empty population is `insufficient_evidence`, never `pass`. Zero events is "did not
 * occur" at best (no incidents, no leavers): it shows the control was not exercised, not that it
 * operated, so it cannot carry a pass.
 */
export function emptyPopulationNote(populationQuery: string, period: Period): string {
  return `Nothing to test from ${period.from} to ${period.to}: the population (${populationQuery}) is empty, so the evidence shows neither operation nor failure. Collect evidence that covers the period, or check a period your evidence covers (--from/--to).`;
}

function dedupeCitations(cs: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.artifact}|${c.locator}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
