import type { Control } from '../catalog/control.js';
import { FieldworkError } from '../errors/index.js';
import { isRecordKind, recordSchemas } from '../records/index.js';
import type { FieldworkRecord, RecordKind, RecordReader, RecordSet } from '../records/index.js';
import type { Check, CheckContext, CheckOutcome, CheckStatus, CheckStream } from './check.js';
import { builtInChecks } from './registry.js';
import { checkContext, checkOf, runOne } from './run-checks.js';
import { keepItems } from './population-keeper.js';
import type { PopulationKeeper } from './population-keeper.js';
import type { CheckRun, ControlResult, RunChecksInput } from './run-checks.js';

const ALL_KINDS = Object.keys(recordSchemas) as RecordKind[];

export interface RunChecksFromInput extends Omit<RunChecksInput, 'records'> {
  /** Where the records come from (the store implements it). */
  reader: RecordReader;
  /**
   * Called as each control's check returns (in the order the checks run, not the controls'
   * order); what it returns is what the run keeps of that result. Pass {@link withoutItems} (or a
   * function that uses the items first, e.g. to audit the control, then drops them) so one
   * control's population is in memory at a time, not every control's. Default: the whole result.
   */
  onResult?: (result: ControlResult, control: Control) => ControlResult | Promise<ControlResult>;
  /**
   * What the run keeps of each control's population while its check produces it (see
   * {@link PopulationKeeper}); released once `onResult` has returned. Default: every item, in
   * memory ({@link keepItems}). {@link countItems} keeps only counts and cited artifacts.
   */
  keep?: (control: Control) => PopulationKeeper;
}

/** The kinds a check needs loaded: what it reads, and what it requires (counted before it runs). */
export function kindsOf(check: Check | undefined): RecordKind[] {
  if (!check) return [];
  if (!check.reads) return ALL_KINDS;
  return [...new Set([...check.reads, ...check.requires, ...(check.requiresAny ?? [])])];
}

/**
 * {@link runChecks} over a {@link RecordReader}: the same results, but each check is handed
 * only the kinds it reads, loaded just before it runs and released once no later check reads
 * them. Each kind is read once; checks that share kinds run back to back (see {@link runOrder}),
 * so memory holds one group's records at a time rather than every record of the workspace. A check that
 * reads a kind it does not declare is not tested (with an error), never run over missing data.
 *
 * @example
 * const run = await runChecksFrom({ controls, reader: store.recordReader(), period, timezone: 'UTC', asOf: '2026-03-31' })
 */
export async function runChecksFrom(input: RunChecksFromInput): Promise<CheckRun> {
  const checks = input.checks ?? builtInChecks;
  const counts = await input.reader.counts();
  const count = (k: RecordKind) => counts[k] ?? 0;
  const probes = count('isolation_probe') > 0 ? await readAll(input.reader, 'isolation_probe') : [];
  const selfTests = probes.filter((p) => p.selfTest === true).length;
  const manualInUse = count('evidence_submission') > 0 || count('evidence_decision') > 0;

  const isAfter = (c: Control) => (c.check !== null && checks[c.check]?.after) === true;
  // A check's streamed kinds are read a batch at a time while it runs, never loaded whole.
  const needs = new Map(input.controls.map((c) => [c.id, runsCheck(c, manualInUse) ? loadedKindsOf(checkOf(c, checks)).filter((k) => count(k) > 0) : []]));
  const order = [...runOrder(input.controls.filter((c) => !isAfter(c)), needs, count), ...input.controls.filter(isAfter)];

  const uses = new Map<RecordKind, number>();
  for (const c of order) for (const k of needs.get(c.id)!) uses.set(k, (uses.get(k) ?? 0) + 1);
  const loaded = new Map<RecordKind, FieldworkRecord[]>();
  if (probes.length > 0) loaded.set('isolation_probe', probes.filter((p) => p.selfTest !== true));

  const byControl = new Map<string, ControlResult>();
  let statuses: Map<string, CheckStatus> | undefined;
  let automated: Set<string> | undefined;
  for (const control of order) {
    if (isAfter(control) && !statuses) {
      statuses = new Map([...byControl].map(([id, r]) => [id, r.status]));
      automated = new Set(input.controls.filter((c) => c.check !== null).map((c) => c.id));
    }
    const kinds = needs.get(control.id)!;
    for (const k of kinds) if (!loaded.has(k)) loaded.set(k, await readAll(input.reader, k));
    const check = checkOf(control, checks);
    const records = guarded(control, check, loaded);
    const keeper = input.keep?.(control) ?? keepItems();
    let result: ControlResult;
    if (control.check !== null && check?.stream) {
      // The streaming form runs here (it reads the store); runOne then treats its outcome as the check's.
      const stream = check.stream;
      const counted = withCounts(records, [...stream.kinds, ...countedKindsOf(check)], count);
      let outcome: CheckOutcome | undefined;
      let failure: unknown;
      if (!missingEvidence(check, count)) {
        try {
          outcome = await foldFrom(stream, checkContext(control, { ...input, records }, statuses, automated, keeper), input.reader, count);
        } catch (e) {
          failure = e;
        }
      }
      const folded: Check = { ...check, run: () => { if (outcome) return outcome; throw failure ?? new FieldworkError('INTERNAL', `The check ${check.id} did not run.`); } };
      result = runOne(control, { ...checks, [control.check]: folded }, { ...input, records: counted, selfTests, manualInUse }, statuses, automated, keeper);
    } else {
      result = runOne(control, checks, { ...input, records: withCounts(records, countedKindsOf(check), count), selfTests, manualInUse }, statuses, automated, keeper);
    }
    try {
      byControl.set(control.id, input.onResult ? await input.onResult(result, control) : result);
    } finally {
      keeper.release?.();
    }
    for (const k of kinds) {
      const left = uses.get(k)! - 1;
      uses.set(k, left);
      if (left === 0 && k !== 'isolation_probe') loaded.delete(k);
    }
  }
  return { period: input.period, asOf: input.asOf, results: input.controls.map((c) => byControl.get(c.id) as ControlResult) };
}

/**
 * The order that keeps the fewest records in memory at once: next, the check whose kinds are
 * most already loaded (records shared); when none shares any, the one that loads the fewest
 * records. So checks over the same large kinds run back to back, and each kind is read once
 * and released before the next large group is read.
 */
function runOrder(controls: readonly Control[], needs: ReadonlyMap<string, RecordKind[]>, count: (k: RecordKind) => number): Control[] {
  const left = [...controls];
  const out: Control[] = [];
  const live = new Set<RecordKind>();
  while (left.length > 0) {
    let best = 0;
    let bestShared = -1;
    let bestNew = Infinity;
    for (const [i, c] of left.entries()) {
      let shared = 0;
      let fresh = 0;
      for (const k of needs.get(c.id)!) (live.has(k) ? (shared += count(k)) : (fresh += count(k)));
      if (shared > bestShared || (shared === bestShared && fresh < bestNew)) {
        best = i;
        bestShared = shared;
        bestNew = fresh;
      }
    }
    const [next] = left.splice(best, 1);
    out.push(next);
    // What stays loaded: the kinds of this check that a check still to run reads.
    const still = new Set(left.flatMap((c) => needs.get(c.id)!));
    for (const k of [...live]) if (!still.has(k)) live.delete(k);
    for (const k of needs.get(next.id)!) if (still.has(k)) live.add(k);
  }
  return out;
}

/** The kinds loaded whole for a check: what it needs, less what its streaming form reads in batches and what it only counts. */
function loadedKindsOf(check: Check | undefined): RecordKind[] {
  const skipped = new Set([...(check?.stream?.kinds ?? []), ...countedKindsOf(check)]);
  return kindsOf(check).filter((k) => !skipped.has(k));
}

/**
 * The kinds a check requires (`requires`, `requiresAny`) without reading them: their presence
 * is evidence for the check, but it never looks at the records, so they are counted in the
 * store, not loaded.
 */
function countedKindsOf(check: Check | undefined): RecordKind[] {
  if (!check?.reads) return [];
  const reads = new Set(check.reads);
  // Probes are always loaded (self-tests left out), so they are never merely counted.
  return [...new Set([...check.requires, ...(check.requiresAny ?? [])])].filter((k) => !reads.has(k) && k !== 'isolation_probe');
}

/** True when runOne will report the check as lacking evidence without running it (its `requires`/`requiresAny`). */
function missingEvidence(check: Check, count: (k: RecordKind) => number): boolean {
  return check.requires.some((k) => count(k) === 0) || (!!check.requiresAny && check.requiresAny.every((k) => count(k) === 0));
}

/**
 * Runs a streaming check over the reader: its kinds in the order it lists them, a batch at a
 * time, each batch dropped once the fold has taken what it keeps.
 */
async function foldFrom(stream: CheckStream, ctx: CheckContext, reader: RecordReader, count: (k: RecordKind) => number): Promise<CheckOutcome> {
  const fold = stream.start(ctx);
  for (const [pass, kind] of stream.kinds.entries()) {
    if (count(kind) === 0) continue;
    for await (const batch of reader.batches(kind)) if (batch.length > 0) fold.add(kind, batch, pass);
  }
  return fold.finish();
}

/**
 * The record set runOne counts a check's evidence in: the streamed and counted-only kinds by
 * their count in the store (nothing is loaded for them; anything but their length is refused),
 * the others as loaded.
 */
function withCounts(records: RecordSet, notLoaded: readonly RecordKind[], count: (k: RecordKind) => number): RecordSet {
  if (notLoaded.length === 0) return records;
  const kinds = new Set(notLoaded);
  return new Proxy({} as RecordSet, {
    get(_t, key) {
      if (typeof key === 'string' && isRecordKind(key) && kinds.has(key)) return countOnly(key, count(key));
      return (records as Record<string | symbol, unknown>)[key];
    },
  });
}

/** A stand-in for records that were counted, not loaded: its length, and an error for anything else. */
function countOnly(kind: RecordKind, length: number): unknown {
  return new Proxy({ length }, {
    get(t, key) {
      if (key === 'length') return t.length;
      throw new FieldworkError('INTERNAL', `${kind} records were counted, not loaded, for this check: it requires them but does not list them in \`reads\`.`, { hint: 'Add the kind to the check\'s `reads`.' });
    },
  });
}

/** False for a manual control while the workspace records no manual evidence: it is reported untested without reading anything. */
const runsCheck = (c: Control, manualInUse: boolean) => c.check !== null || manualInUse;

async function readAll<K extends RecordKind>(reader: RecordReader, kind: K) {
  const out: Extract<FieldworkRecord, { kind: K }>[] = [];
  for await (const batch of reader.batches(kind)) for (const r of batch) out.push(r);
  return out;
}

/** The loaded kinds as a record set that refuses any other kind, naming the check and the kind. */
function guarded(control: Control, check: Check | undefined, loaded: ReadonlyMap<RecordKind, FieldworkRecord[]>): RecordSet {
  const allowed = new Set(kindsOf(check));
  const streamed = new Set(check?.stream?.kinds ?? []);
  return new Proxy({} as RecordSet, {
    get(_t, key) {
      if (typeof key !== 'string' || !isRecordKind(key)) return undefined;
      if (!allowed.has(key)) {
        throw new FieldworkError('INTERNAL', `The check ${check?.id ?? control.check} of ${control.id} read ${key} records, which it does not list in \`reads\`.`, { hint: 'Add the kind to the check\'s `reads`.' });
      }
      if (streamed.has(key)) {
        throw new FieldworkError('INTERNAL', `The check ${check?.id} of ${control.id} read ${key} records whole, which its streaming form reads in batches.`, { hint: 'Take the kind from the batches handed to `add`.' });
      }
      return loaded.get(key) ?? [];
    },
  });
}
