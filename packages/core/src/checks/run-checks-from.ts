import type { Control } from '../catalog/control.js';
import { FieldworkError } from '../errors/index.js';
import { isRecordKind, recordSchemas } from '../records/index.js';
import type { FieldworkRecord, RecordKind, RecordReader, RecordSet } from '../records/index.js';
import type { Check, CheckOutcome, CheckStatus } from './check.js';
import { foldTogether } from './fold-together.js';
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
 * so memory holds one group's records at a time rather than every record of the workspace.
 * Streaming checks that stream a kind in common (the access and HR checks over the identity
 * log and the sign-in records) run back to back too, fed from one read per pass for all of
 * them (see {@link foldTogether}), and share what they build alike (`ctx.shared`). A check that
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
  // Streaming checks that read a kind in common run back to back over shared reads (see foldTogether).
  const streamed = (c: Control) => {
    const check = c.check !== null ? checkOf(c, checks) : undefined;
    return check?.stream && !missingEvidence(check, count) ? check.stream.kinds.filter((k) => count(k) > 0) : undefined;
  };
  // A check run after the others (with their statuses) runs alone, as does one whose fold holds the most (`alone`).
  const groupOf = streamGroups(input.controls, streamed, (c) => isAfter(c) || (c.check !== null && checkOf(c, checks)?.stream?.alone === true));
  const order = together([...runOrder(input.controls.filter((c) => !isAfter(c)), needs, count), ...input.controls.filter(isAfter)], groupOf);

  const uses = new Map<RecordKind, number>();
  for (const c of order) for (const k of needs.get(c.id)!) uses.set(k, (uses.get(k) ?? 0) + 1);
  const loaded = new Map<RecordKind, FieldworkRecord[]>();
  if (probes.length > 0) loaded.set('isolation_probe', probes.filter((p) => p.selfTest !== true));

  const byControl = new Map<string, ControlResult>();
  // The folds of the group being run: each control's conclusion and keeper, set when its group's reads start.
  const pending = new Map<string, { conclude: () => CheckOutcome; keeper: PopulationKeeper }>();
  let statuses: Map<string, CheckStatus> | undefined;
  let automated: Set<string> | undefined;
  for (const control of order) {
    if (isAfter(control) && !statuses) {
      statuses = new Map([...byControl].map(([id, r]) => [id, r.status]));
      automated = new Set(input.controls.filter((c) => c.check !== null).map((c) => c.id));
    }
    const kinds = needs.get(control.id)!;
    const group = groupOf.get(control.id);
    if (group && !pending.has(control.id)) {
      // The first of its group: every member's kinds loaded, their folds started, and the streamed kinds read once for all.
      for (const c of group) for (const k of needs.get(c.id)!) if (!loaded.has(k)) loaded.set(k, await readAll(input.reader, k));
      const shared = new Map<string, unknown>();
      const share = <T>(key: string, make: () => T): T => {
        if (!shared.has(key)) shared.set(key, make());
        return shared.get(key) as T;
      };
      const keepers = group.map((c) => input.keep?.(c) ?? keepItems());
      const members = group.map((c, i) => ({ stream: checkOf(c, checks)!.stream!, ctx: { ...checkContext(c, { ...input, records: guarded(c, checkOf(c, checks), loaded) }, statuses, automated, keepers[i]), shared: share } }));
      const concluded = await foldTogether(members, input.reader, count);
      group.forEach((c, i) => pending.set(c.id, { conclude: concluded[i], keeper: keepers[i] }));
    }
    for (const k of kinds) if (!loaded.has(k)) loaded.set(k, await readAll(input.reader, k));
    const check = checkOf(control, checks);
    const records = guarded(control, check, loaded);
    const folding = pending.get(control.id);
    pending.delete(control.id);
    const keeper = folding?.keeper ?? input.keep?.(control) ?? keepItems();
    let result: ControlResult;
    if (control.check !== null && check?.stream) {
      // The streaming form ran with its group (it read the store); runOne then treats its outcome as the check's.
      const counted = withCounts(records, [...check.stream.kinds, ...countedKindsOf(check)], count);
      let outcome: CheckOutcome | undefined;
      let failure: unknown;
      if (folding) {
        try {
          outcome = folding.conclude();
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
 * The streaming checks that run with others, each control's group by its id: checks whose
 * streamed kinds with records (`streamed`; undefined for a check that does not stream, or will
 * not run for lack of evidence) meet, directly or through
 * another check, are one group, in the controls' order. A check that shares no streamed kind,
 * or that must run `alone`, is a group of one.
 */
function streamGroups(controls: readonly Control[], streamed: (c: Control) => RecordKind[] | undefined, alone: (c: Control) => boolean): Map<string, Control[]> {
  const groups: { kinds: Set<RecordKind>; members: Control[] }[] = [];
  const out = new Map<string, Control[]>();
  for (const c of controls) {
    const kinds = streamed(c);
    if (!kinds) continue;
    if (alone(c) || kinds.length === 0) {
      out.set(c.id, [c]);
      continue;
    }
    const meeting = groups.filter((g) => kinds.some((k) => g.kinds.has(k)));
    const merged = { kinds: new Set([...kinds, ...meeting.flatMap((g) => [...g.kinds])]), members: [...meeting.flatMap((g) => g.members), c] };
    for (const g of meeting) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  const order = new Map(controls.map((c, i) => [c.id, i]));
  for (const g of groups) {
    const members = g.members.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    for (const c of members) out.set(c.id, members);
  }
  return out;
}

/** `order` with each group's members moved up to where its first member runs, in their order there. */
function together(order: readonly Control[], groupOf: ReadonlyMap<string, Control[]>): Control[] {
  const at = new Map(order.map((c, i) => [c.id, i]));
  const out: Control[] = [];
  const placed = new Set<string>();
  for (const c of order) {
    if (placed.has(c.id)) continue;
    const group = groupOf.get(c.id) ?? [c];
    for (const m of [...group].sort((a, b) => at.get(a.id)! - at.get(b.id)!)) {
      out.push(m);
      placed.add(m.id);
    }
  }
  return out;
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
