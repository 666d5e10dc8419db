import type { Citation, RecordKind, RecordOf, RecordSet } from '../records/index.js';
import type { Control } from '../catalog/control.js';
import type { Period } from '../time/index.js';

/** A step an auditor walks when tracing one population item through its evidence. */
export interface TraceStep {
  /** What this step shows: `HR termination`, `IdP deactivation`, `approval`. */
  label: string;
  at?: string;
  detail?: string;
  citation?: Citation;
}

/** One member of a control's population (a leaver, a merged PR, a tool call). */
export interface PopulationItem {
  /** Stable id, unique within the control (used for seeded sampling). */
  id: string;
  /** What a person would look up: an email, `owner/repo#12`, a span id. */
  subject: string;
  at?: string;
  trace: TraceStep[];
}

/** Where a check hands its population items as it produces them (see {@link populationOf}). */
export interface ItemSink {
  add(item: PopulationItem): void;
}

/** A deviation found by a check. */
export interface CheckException {
  /** Stable rule id inside the check, e.g. `deprovision.late`. */
  rule: string;
  subject: string;
  detail: string;
  at?: string;
  citations: Citation[];
  /** The population item this exception belongs to, when there is one. */
  itemId?: string;
}

export type CheckStatus = 'pass' | 'exception' | 'not_tested' | 'insufficient_evidence';

/** What a check returns. Status is derived unless the check sets it. */
export interface CheckOutcome {
  /** How the population was produced, in words an auditor can repeat. */
  populationQuery: string;
  /** The population items not already handed to `ctx.items` (all of them, for most checks). */
  items: PopulationItem[];
  exceptions: CheckException[];
  status?: CheckStatus;
  notes?: string[];
}

/** Extra workspace facts some checks need (tool inventory, taxonomy, declared cadences). */
export type WorkspaceFacts = Record<string, unknown> & {
  organization?: string;
  timezone?: string;
};

/** Everything a check may look at. No files, no database: records and parameters only. */
export interface CheckContext {
  period: Period;
  /** IANA zone in which calendar days are counted. */
  timezone: string;
  /** The control's parameters after workspace overrides. */
  params: Record<string, unknown>;
  records: RecordSet;
  /** The evidence date: end of the period, or today when earlier. */
  asOf: string;
  workspace: WorkspaceFacts;
  /**
   * Status of every control whose check ran before this one (control id → status). Set only
   * for checks marked `after`, which run once the others have finished.
   */
  results?: ReadonlyMap<string, CheckStatus>;
  /**
   * Ids of the controls in scope that an automated check tests (not manual evidence). Set for
   * checks marked `after`, with `results`.
   */
  automatedControls?: ReadonlySet<string>;
  /** The control being tested (its id, frequency, owner role): for generic checks such as `manual.evidence`. */
  control?: Control;
  /**
   * Where the run keeps the population: a check over a large population hands each item here as
   * it produces it (through {@link populationOf}) instead of holding them all for its outcome.
   * Absent when the check is run on its own: the items are then returned in the outcome.
   */
  items?: ItemSink;
  /**
   * What checks whose streams the run reads together build alike from the same records (the
   * sign-in stand-ins of the access checks): the first to ask for `key` makes it, the others get
   * the same one. Set by a run over a store for the checks it feeds from one read (see
   * `runChecksFrom`); absent otherwise, and then each check makes its own (see {@link sharedOf}).
   */
  shared?: <T>(key: string, make: () => T) => T;
}

/**
 * The run's shared `key` when it has one (see {@link CheckContext.shared}), else a fresh `make()`.
 *
 * @example
 * const standIns = sharedOf(ctx, 'sign-in-logins', signInLogins)
 */
export function sharedOf<T>(ctx: Pick<CheckContext, 'shared'>, key: string, make: () => T): T {
  return ctx.shared ? ctx.shared(key, make) : make();
}

/**
 * A check tests one control family from records.
 *
 * @example
 * const check: Check = {
 *   id: 'hr.deprovisioning', title: 'Leavers deprovisioned on time', requires: ['person', 'access_event'],
 *   run: (ctx) => ({ populationQuery: 'leavers in period', items: [], exceptions: [] }),
 * }
 */
export interface Check {
  id: string;
  title: string;
  /** Record kinds without which the check cannot conclude (→ insufficient_evidence). */
  requires: RecordKind[];
  /**
   * Record kinds of which at least one must be present (when no single kind is required, e.g.
   * reviews from review records or from tickets); without any, the result is insufficient_evidence.
   */
  requiresAny?: RecordKind[];
  /**
   * Every record kind the check reads (including through helpers), so a run over a store loads
   * only these, and only while the check runs. Absent: every kind. A check run from a store
   * refuses (the check is not tested) when the check reads a kind it does not list.
   */
  reads?: RecordKind[];
  /** Run after all other checks, with their statuses in `ctx.results` (e.g. CUEC mapping). */
  after?: boolean;
  run(ctx: CheckContext): CheckOutcome;
  /**
   * The check's streaming form, for checks over high-volume kinds: a run over a store hands it
   * those kinds a batch at a time instead of loading them whole. A check that has one runs it
   * from `run` too, over the kinds in memory as one batch each (see {@link runStream}), so there
   * is one implementation.
   */
  stream?: CheckStream;
}

/**
 * A check that folds batches of records into what it needs (per-person aggregates, the few
 * records it cites) and then concludes. Kinds the check reads but does not stream are in
 * `ctx.records` when `start` runs, whole.
 */
export interface CheckStream {
  /**
   * The kinds handed to {@link CheckFold.add}, in this order, each read through once per listing
   * (a kind listed twice is read twice: a first pass can collect what the second needs). A run
   * over a store may hand one read to several checks at once (each at its own pass): a batch is
   * then the same array for each of them.
   */
  kinds: RecordKind[];
  /**
   * True for a check whose fold holds more than the others over its kinds (MFA: every sign-in
   * in the period and the factor events): a run over a store reads its kinds for it alone rather
   * than beside the others, whose folds would then be alive beside its own (at 10M records the
   * audit peaked at 540 MB with it among them, against 491 MB before any shared reads).
   */
  alone?: boolean;
  start(ctx: CheckContext): CheckFold;
}

/** One run of a {@link CheckStream}: batches in, then one outcome. */
export interface CheckFold {
  /** A batch of `kind`, read for the `pass`-th entry of {@link CheckStream.kinds}; oldest first within a read. */
  add<K extends RecordKind>(kind: K, batch: readonly RecordOf<K>[], pass: number): void;
  finish(): CheckOutcome;
}

/**
 * Runs a check's streaming form over records already in memory: each streamed kind as one batch.
 *
 * @example
 * export const myCheck: Check = { ..., stream, run: (ctx) => runStream(stream, ctx) }
 */
export function runStream(stream: CheckStream, ctx: CheckContext): CheckOutcome {
  const fold = stream.start(ctx);
  stream.kinds.forEach((kind, pass) => {
    const batch = ctx.records[kind];
    if (batch && batch.length > 0) fold.add(kind, batch as RecordOf<typeof kind>[], pass);
  });
  return fold.finish();
}

/**
 * A check's population as it produces it: each item goes to the run's sink (`ctx.items`) at
 * once when the run has one, so the check never holds its population; otherwise it is collected
 * in `items`, which the check returns in its outcome either way (empty when the sink took them).
 *
 * @example
 * const population = populationOf(ctx)
 * population.add({ id, subject, at, trace })
 * return { populationQuery, items: population.items, exceptions }
 */
export function populationOf(ctx: CheckContext): ItemSink & { readonly items: PopulationItem[] } {
  const sink = ctx.items;
  const items: PopulationItem[] = [];
  return { items, add: sink ? (item) => sink.add(item) : (item) => void items.push(item) };
}
