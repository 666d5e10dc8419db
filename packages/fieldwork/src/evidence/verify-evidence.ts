import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';
import { BlobHasher } from './blob-hasher.js';
import type { Checkpoint } from './checkpoint.js';
import { sha256 } from './hash.js';
import { entryHash, GENESIS, readLedger } from './ledger.js';
import type { LedgerEntry } from './ledger.js';
import { RecordsDigest } from './records-digest.js';
import { readRunsHead, runBodyOf, runHash } from './run-chain.js';
import { checkRunExceptions, isPrunedLegacyRun, MIN_RUNS_KEPT } from '../store/run-rows.js';
import { verifySupersession } from './verify-supersession.js';
import type { SnapshotKindsFor } from './verify-supersession.js';

export type VerifyProblemKind =
  | 'blob_missing' | 'blob_changed' | 'entry_changed' | 'chain_broken' | 'sequence_gap' | 'head_mismatch'
  | 'retained_changed' | 'records_changed' | 'record_orphan' | 'supersession_changed'
  | 'run_changed' | 'run_chain_broken' | 'run_head_unknown' | 'runs_head_mismatch'
  | 'checkpoint_invalid' | 'checkpoint_ahead' | 'checkpoint_mismatch';

export interface VerifyProblem {
  /** The ledger sequence number of the broken entry (0 for the head or when no entry is concerned). */
  seq: number;
  kind: VerifyProblemKind;
  detail: string;
  artifact?: string;
  /** The stored run concerned, for run problems. */
  run?: number;
  /** The records concerned, when they can be named: row id (absent for a deleted one) and locator. */
  records?: { id?: number; locator: string; change: 'edited' | 'inserted' | 'deleted' | 'moved' }[];
  /** The checkpoint file concerned. */
  checkpoint?: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  blobsChecked: number;
  headHash: string | null;
  /** Problems in ledger order, then runs, then checkpoints; the first one names the first broken thing. */
  problems: VerifyProblem[];
  /** Blobs present in the store that no ledger entry names (harmless leftovers of a failed collection). */
  orphans: string[];
  /** Artifacts kept by hash only (prompt and trace content): their entries are chained, their bytes are not stored. */
  hashOnly: number;
  /** Records checked against their entry's digest. */
  recordsChecked: number;
  /** Entries written before record digests (their records are checked by count only). */
  legacyEntries: number;
  /** Stored check/audit runs checked, and how many predate run commitments. */
  runsChecked: number;
  legacyRuns: number;
  /** Checkpoints the ledger was checked against. */
  checkpointsChecked: number;
}

/** A checkpoint to check the ledger against, with whether its signature verified. */
export interface CheckpointInput {
  file: string;
  checkpoint: Checkpoint;
  /** False when the signature does not verify under the trusted key (or names another key). */
  signatureOk: boolean;
  /** Why the signature failed, when it did. */
  reason?: string;
}

export interface VerifyOptions {
  /** Signed checkpoints of earlier heads: detect truncation, rollback and a re-chained history. */
  checkpoints?: CheckpointInput[];
  /**
   * Re-derives an entry's records from its stored artifact (their stored JSON, in order), or
   * returns undefined when it cannot. Used to name which records of a changed entry were
   * edited, inserted or deleted; trusted only when it reproduces the committed digest.
   */
  rederive?: (entry: LedgerEntry) => Promise<AsyncIterable<string> | undefined>;
  /**
   * Which record kinds each collector kind exports as snapshots. Given, verify replays the
   * re-collection rule and names any record whose identity, scope or supersession was edited
   * (these columns decide which records the checks read as current).
   */
  snapshotKindsFor?: SnapshotKindsFor;
}

const PAGE = 2000;

interface StoredRecord {
  id: number;
  kind: string;
  source: string;
  artifact: string;
  locator: string;
  data: string;
}

/** Streams the records of one entry in production order (row id), a page at a time. */
async function* recordsOf(db: Kysely<Database>, seq: number): AsyncGenerator<StoredRecord> {
  let after = -1;
  for (;;) {
    const rows = await db.selectFrom('records').select(['id', 'kind', 'source', 'artifact', 'locator', 'data'])
      .where('ledger_seq', '=', seq).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const r of rows) yield { ...r, id: Number(r.id) };
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)!.id);
  }
}

/**
 * Every stored record in ledger order (`ledger_seq`, then row id), read a page at a time with the
 * next page fetched while this one is digested; `take(seq)` gives one entry's records, skipping
 * those of sequence numbers no entry has (the orphan check names them).
 */
class RecordCursor {
  readonly #db: Kysely<Database>;
  #rows: (StoredRecord & { seq: number })[] = [];
  #at = 0;
  #pending: Promise<(StoredRecord & { seq: number })[]> | undefined;
  #done = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    this.#pending = this.#fetch(-1, -1);
  }

  async *take(seq: number): AsyncGenerator<StoredRecord> {
    for (;;) {
      if (this.#at >= this.#rows.length && !(await this.#refill())) return;
      const r = this.#rows[this.#at];
      if (r.seq < seq) {
        this.#at++;
        continue;
      }
      if (r.seq > seq) return;
      this.#at++;
      yield r;
    }
  }

  async #refill(): Promise<boolean> {
    if (this.#done || !this.#pending) return false;
    this.#rows = await this.#pending;
    this.#at = 0;
    if (this.#rows.length < PAGE) {
      this.#done = true;
      this.#pending = undefined;
    } else {
      const last = this.#rows.at(-1)!;
      this.#pending = this.#fetch(last.seq, last.id);
      this.#pending.catch(() => undefined);
    }
    return this.#rows.length > 0;
  }

  async #fetch(afterSeq: number, afterId: number): Promise<(StoredRecord & { seq: number })[]> {
    const rows = await this.#db.selectFrom('records').select(['id', 'ledger_seq', 'kind', 'source', 'artifact', 'locator', 'data'])
      .where('ledger_seq', '>=', afterSeq).where((eb) => eb.or([eb('ledger_seq', '>', afterSeq), eb('id', '>', afterId)]))
      .orderBy('ledger_seq').orderBy('id').limit(PAGE).execute();
    return rows.map((r) => ({ id: Number(r.id), seq: Number(r.ledger_seq), kind: r.kind, source: r.source, artifact: r.artifact, locator: r.locator, data: r.data }));
  }
}

/**
 * Recomputes everything a verdict rests on: the hash chain, every blob, the records each entry
 * committed to, the stored check/audit runs and what they read, and the ledger against every
 * signed checkpoint given. Names the first broken thing.
 */
export async function verifyEvidence(db: Kysely<Database>, blobs: BlobStore, o: VerifyOptions = {}): Promise<VerifyResult> {
  const entries = await readLedger(db);
  const head = await db.selectFrom('ledger_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const problems: VerifyProblem[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  const checked = new Map<string, Promise<string | undefined>>();
  // Each retained entry, and where its blob problem (if any) goes among the problems.
  const blobChecks: { e: LedgerEntry; at: number }[] = [];
  const artifactRows = await db.selectFrom('artifacts').select(['sha256', 'retained', 'size']).execute();
  const artifactRetained = new Map(artifactRows.map((r) => [r.sha256, Number(r.retained) !== 0]));
  const hashOnly = new Set<string>();
  let recordsChecked = 0;
  let legacyEntries = 0;
  const retainedOf = (e: LedgerEntry) => (e.v !== undefined ? e.retained !== false : artifactRetained.get(e.artifact) !== false);
  // Blobs are hashed in parallel a window ahead of this loop, and every record is read in one
  // pass in ledger order (a query per page of records, not one per entry); results are taken in
  // ledger order, so problems come out exactly as a one-at-a-time pass would name them.
  const toHash = [...new Set(entries.filter(retainedOf).map((e) => e.artifact))];
  // The recorded sizes only decide whether hashing threads are worth starting; the bytes are what is checked.
  const sizeOf = new Map(artifactRows.map((r) => [r.sha256, Number(r.size)]));
  const hasher = new BlobHasher(blobs, toHash, { bytes: toHash.reduce((n, sha) => n + (sizeOf.get(sha) ?? 0), 0) });
  const stored = new RecordCursor(db);
  try {
    for (const e of entries) {
      if (e.seq !== expectedSeq) {
        problems.push({ seq: e.seq, kind: 'sequence_gap', detail: `expected entry ${expectedSeq} but found ${e.seq}: an entry was deleted or renumbered` });
      }
      if (e.prev !== prev) {
        problems.push({ seq: e.seq, kind: 'chain_broken', detail: `prev is ${e.prev.slice(0, 12)}… but the preceding entry hashes to ${prev.slice(0, 12)}…: entries were deleted, inserted or reordered before it` });
      }
      const recomputed = entryHash(e.prev, bodyOf(e));
      if (recomputed !== e.hash) {
        problems.push({ seq: e.seq, kind: 'entry_changed', detail: `its content no longer matches its hash (stored ${e.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…): the entry was edited` });
      }
      prev = e.hash;
      expectedSeq = e.seq + 1;
      // Version 2 entries commit to the retained decision; older ones rely on the artifacts table.
      const retainedNow = artifactRetained.get(e.artifact);
      const retained = e.v !== undefined ? e.retained !== false : retainedNow !== false;
      if (e.v !== undefined && retainedNow !== undefined && retainedNow !== retained) {
        problems.push({ seq: e.seq, kind: 'retained_changed', artifact: e.artifact, detail: `the artifact is marked ${retainedNow ? 'retained' : 'hash-only'} but its entry recorded ${retained ? 'retained' : 'hash-only'}: the flag was flipped (it decides whether verify checks the bytes)` });
      }
      if (e.v === undefined) {
        legacyEntries++;
        const n = Number((await db.selectFrom('records').select((eb) => eb.fn.countAll().as('n')).where('ledger_seq', '=', e.seq).executeTakeFirst())?.n ?? 0);
        if (n !== e.recordCount) problems.push({ seq: e.seq, kind: 'records_changed', detail: `the entry recorded ${e.recordCount} record(s) but ${n} are stored: records were inserted or deleted` });
      } else {
        const r = await checkRecords(db, e, o, retainedOf(e), stored.take(e.seq));
        problems.push(...r.problems);
        recordsChecked += r.count;
      }
      if (!retained) {
        hashOnly.add(e.artifact);
        continue;
      }
      if (!checked.has(e.artifact)) {
        const hashed = hasher.hashOf(e.artifact);
        // Awaited below; a failure must not surface as an unhandled rejection meanwhile.
        hashed.catch(() => undefined);
        checked.set(e.artifact, hashed);
        // Files are hashed a window ahead of this loop, so each is awaited here; database digests
        // come back by key range, so the chain and records checks run on while the server hashes.
        if (hasher.inOrder) await hashed;
      }
      blobChecks.push({ e, at: problems.length });
    }
    // Each blob problem goes where a check inside the loop would have put it (right after its
    // entry's other problems): from the last, so the earlier positions stay where they were.
    for (const { e, at } of blobChecks.reverse()) {
      const actual = await checked.get(e.artifact);
      if (actual === undefined) problems.splice(at, 0, { seq: e.seq, kind: 'blob_missing', artifact: e.artifact, detail: `the artifact ${e.artifact} is missing from the blob store` });
      else if (actual !== e.artifact) problems.splice(at, 0, { seq: e.seq, kind: 'blob_changed', artifact: e.artifact, detail: `the artifact's bytes now hash to ${actual.slice(0, 12)}…, not ${e.artifact.slice(0, 12)}…: the blob was modified` });
    }
  } finally {
    await hasher.close();
  }
  const last = entries.at(-1);
  if (head && (!last || Number(head.seq) !== last.seq || head.hash !== last.hash)) {
    problems.push({ seq: last ? last.seq + 1 : 1, kind: 'head_mismatch', detail: `the ledger head records entry ${head.seq} (${head.hash.slice(0, 12)}…) but the last entry is ${last ? `${last.seq} (${last.hash.slice(0, 12)}…)` : 'missing'}: entries at the end were deleted` });
  } else if (!head && last) {
    problems.push({ seq: 0, kind: 'head_mismatch', detail: 'the ledger head is missing' });
  }
  const orphanRecords = await db.selectFrom('records').select(['id', 'ledger_seq', 'locator'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ledger').select('seq').whereRef('ledger.seq', '=', 'records.ledger_seq')))).limit(50).execute();
  if (orphanRecords.length) {
    problems.push({
      seq: Number(orphanRecords[0].ledger_seq), kind: 'record_orphan',
      records: orphanRecords.map((r) => ({ id: Number(r.id), locator: r.locator, change: 'inserted' as const })),
      detail: `${orphanRecords.length}${orphanRecords.length === 50 ? '+' : ''} record(s) name ledger entries that do not exist (first: record ${orphanRecords[0].id} → entry ${orphanRecords[0].ledger_seq}): records were inserted`,
    });
  }
  if (o.snapshotKindsFor) {
    const sup = await verifySupersession(db, entries, o.snapshotKindsFor);
    for (const p of sup.problems) problems.push({ seq: p.seq, kind: 'supersession_changed', records: [{ id: p.id, locator: p.locator, change: 'edited' }], detail: p.detail });
  }
  problems.sort((a, b) => a.seq - b.seq);
  const runs = await verifyRuns(db, entries);
  problems.push(...runs.problems);
  problems.push(...checkCheckpoints(entries, runs.chained, o.checkpoints ?? []));
  const named = new Set(entries.map((e) => e.artifact));
  const orphans = (await blobs.list()).filter((s) => !named.has(s));
  return {
    ok: problems.length === 0, entries: entries.length, blobsChecked: checked.size, headHash: last?.hash ?? null, problems, orphans, hashOnly: hashOnly.size,
    recordsChecked, legacyEntries, runsChecked: runs.checked, legacyRuns: runs.legacy, checkpointsChecked: (o.checkpoints ?? []).length,
  };
}

/** Re-digests one entry's records; names the changed ones when the artifact can be re-derived. */
async function checkRecords(db: Kysely<Database>, e: LedgerEntry, o: VerifyOptions, retained: boolean, records: AsyncIterable<StoredRecord>): Promise<{ count: number; problems: VerifyProblem[] }> {
  const problems: VerifyProblem[] = [];
  const digest = new RecordsDigest();
  const misplaced: { id: number; locator: string; change: 'moved' }[] = [];
  for await (const r of records) {
    digest.add(r.data);
    // The columns beside the JSON are what queries filter on: they must say what the JSON says.
    let parsed: { kind?: unknown; source?: unknown; artifact?: unknown; locator?: unknown } = {};
    try {
      parsed = JSON.parse(r.data) as typeof parsed;
    } catch {
      // An unparsable record fails the digest below.
    }
    if (parsed.kind !== r.kind || parsed.source !== r.source || parsed.artifact !== r.artifact || parsed.locator !== r.locator || r.artifact !== e.artifact) {
      if (misplaced.length < 50) misplaced.push({ id: r.id, locator: r.locator, change: 'moved' });
    }
  }
  if (misplaced.length) {
    problems.push({ seq: e.seq, kind: 'records_changed', artifact: e.artifact, records: misplaced, detail: `record ${misplaced[0].id} (${misplaced[0].locator}) is filed under a kind, source or artifact its content does not state: its columns were edited` });
  }
  const actual = digest.digest();
  if (actual === e.recordsDigest) return { count: digest.count, problems };
  const named = retained && o.rederive ? await nameChanges(db, e, o.rederive) : undefined;
  const what = named && named.length
    ? named.slice(0, 5).map((x) => `${x.change} ${x.id !== undefined ? `record ${x.id} ` : 'record '}at ${x.locator}`).join('; ') + (named.length > 5 ? `; and ${named.length - 5} more` : '')
    : `${digest.count} stored vs ${e.recordCount} committed`;
  problems.push({
    seq: e.seq, kind: 'records_changed', artifact: e.artifact, ...(named ? { records: named } : {}),
    detail: `the records stored for this entry no longer match the digest it committed to (${what}): records were edited, inserted or deleted${retained ? '' : ' (hash-only artifact: the bytes are not kept, so only the digest can be checked)'}`,
  });
  return { count: digest.count, problems };
}

/** Diffs the stored records against a re-derivation that reproduces the committed digest. */
async function nameChanges(db: Kysely<Database>, e: LedgerEntry, rederive: NonNullable<VerifyOptions['rederive']>): Promise<NonNullable<VerifyProblem['records']> | undefined> {
  let source: AsyncIterable<string> | undefined;
  try {
    source = await rederive(e);
  } catch {
    return undefined;
  }
  if (!source) return undefined;
  const derived: string[] = [];
  const d = new RecordsDigest();
  try {
    for await (const s of source) {
      derived.push(s);
      d.add(s);
    }
  } catch {
    return undefined;
  }
  if (d.digest() !== e.recordsDigest) return undefined;
  const remaining = new Map<string, number>();
  for (const s of derived) remaining.set(s, (remaining.get(s) ?? 0) + 1);
  const extra: { id: number; locator: string }[] = [];
  for await (const r of recordsOf(db, e.seq)) {
    const n = remaining.get(r.data) ?? 0;
    if (n > 0) remaining.set(r.data, n - 1);
    else extra.push({ id: r.id, locator: r.locator });
  }
  const missing: string[] = [];
  for (const [s, n] of remaining) for (let i = 0; i < n; i++) missing.push(locatorOf(s));
  const out: NonNullable<VerifyProblem['records']> = [];
  for (const x of extra) {
    const i = missing.indexOf(x.locator);
    if (i >= 0) {
      missing.splice(i, 1);
      out.push({ id: x.id, locator: x.locator, change: 'edited' });
    } else out.push({ id: x.id, locator: x.locator, change: 'inserted' });
  }
  for (const locator of missing) out.push({ locator, change: 'deleted' });
  return out;
}

function locatorOf(data: string): string {
  try {
    return String((JSON.parse(data) as { locator?: unknown }).locator ?? '?');
  } catch {
    return '?';
  }
}

/**
 * The keep policy cuts down only the oldest runs of a type and always keeps the latest
 * MIN_RUNS_KEPT whole, so a pruned mark on a newer run (which hides its exception rows from
 * the row check) is a tampered store, not the policy.
 */
function prunedOutOfOrder(byType: Map<string, { id: number; pruned: boolean }[]>): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  for (const [type, runs] of byType) {
    const lastPruned = runs.findLastIndex((r) => r.pruned);
    if (lastPruned < 0) continue;
    const keptBefore = runs.slice(0, lastPruned).find((r) => !r.pruned);
    const tooNew = lastPruned >= runs.length - MIN_RUNS_KEPT;
    if (keptBefore || tooNew) {
      const run = runs[lastPruned]!.id;
      problems.push({ seq: 0, run, kind: 'run_changed', detail: `run ${run} (${type}) is marked as cut down to results although ${tooNew ? `it is among the latest ${MIN_RUNS_KEPT} runs of its type` : `the older run ${keptBefore!.id} is kept whole`}: the keep policy never does that, so its exception rows may have been removed` });
    }
  }
  return problems;
}

/** Checks the chain of stored check/audit runs: results digests, links, and the heads they read. */
async function verifyRuns(db: Kysely<Database>, entries: LedgerEntry[]): Promise<{ problems: VerifyProblem[]; checked: number; legacy: number; chained: Map<number, string> }> {
  const problems: VerifyProblem[] = [];
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  const chained = new Map<number, string>();
  let prev = GENESIS;
  let checked = 0;
  let legacy = 0;
  let lastId: number | undefined;
  let after = -1;
  // Per run type, oldest first: which runs the keep policy cut down (only ever the oldest ones).
  const prunedByType = new Map<string, { id: number; pruned: boolean }[]>();
  for (;;) {
    const rows = await db.selectFrom('runs').selectAll().where('id', '>', after).orderBy('id').limit(200).execute();
    for (const r of rows) {
      const id = Number(r.id);
      const ofType = prunedByType.get(r.type) ?? [];
      ofType.push({ id, pruned: r.pruned_at != null });
      prunedByType.set(r.type, ofType);
      const body = runBodyOf(r);
      if (!body) {
        // Runs stored before commitments existed come first; one after a committed run was stripped.
        if (lastId !== undefined) problems.push({ seq: 0, run: id, kind: 'run_changed', detail: `run ${id} (${r.type}) carries no commitment although earlier runs do: its commitment was removed` });
        else legacy++;
        continue;
      }
      checked++;
      // A run stored before exception rows and cut down by the keep policy keeps its commitment in the chain, not the results it hashed.
      if (!isPrunedLegacyRun(r) && sha256(r.data) !== body.resultsDigest) {
        problems.push({ seq: 0, run: id, kind: 'run_changed', detail: `the results of run ${id} (${r.type}, ${r.created_at}) no longer match the digest it committed to: the stored results were rewritten` });
      }
      const rows = await checkRunExceptions(db, r);
      if (rows) problems.push({ seq: 0, run: id, kind: 'run_changed', detail: `run ${id} (${r.type}, ${r.created_at}) ${rows}: exceptions were edited, added or deleted` });
      if (r.prev !== prev) problems.push({ seq: 0, run: id, kind: 'run_chain_broken', detail: `run ${id} (${r.type}) does not follow the run before it: runs were deleted, inserted or reordered` });
      if (runHash(r.prev ?? '', body) !== r.hash) problems.push({ seq: 0, run: id, kind: 'run_changed', detail: `run ${id} (${r.type}) no longer matches its hash: what it committed to (period, ledger head, results digest) was edited` });
      if (body.ledgerSeq !== null && bySeq.get(body.ledgerSeq) !== body.ledgerHash) {
        problems.push({ seq: body.ledgerSeq, run: id, kind: 'run_head_unknown', detail: `run ${id} (${r.type}) read ledger head #${body.ledgerSeq} (${(body.ledgerHash ?? '').slice(0, 12)}…), which the ledger no longer holds: the evidence it rests on was changed` });
      }
      prev = r.hash!;
      lastId = id;
      chained.set(id, r.hash!);
    }
    if (rows.length < 200) break;
    after = Number(rows.at(-1)!.id);
  }
  problems.push(...prunedOutOfOrder(prunedByType));
  const head = await readRunsHead(db);
  if ((head?.id ?? undefined) !== lastId || (head && head.hash !== prev)) {
    problems.push({ seq: 0, run: head?.id ?? 0, kind: 'runs_head_mismatch', detail: `the runs head records run ${head ? `${head.id} (${head.hash.slice(0, 12)}…)` : '(none)'} but the last committed run is ${lastId ?? '(none)'}: runs at the end were deleted` });
  }
  return { problems, checked, legacy, chained };
}

/** Checks the ledger (and runs) against signed checkpoints of earlier heads. */
function checkCheckpoints(entries: LedgerEntry[], runs: Map<number, string>, checkpoints: CheckpointInput[]): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  const lastSeq = entries.at(-1)?.seq ?? 0;
  for (const c of [...checkpoints].sort((a, b) => a.checkpoint.seq - b.checkpoint.seq)) {
    const cp = c.checkpoint;
    const at = `checkpoint ${c.file} (entry ${cp.seq}, signed ${cp.time})`;
    if (!c.signatureOk) {
      problems.push({ seq: cp.seq, kind: 'checkpoint_invalid', checkpoint: c.file, detail: `${at}: ${c.reason ?? 'the signature does not verify'}` });
      continue;
    }
    if (cp.seq > lastSeq) {
      problems.push({ seq: lastSeq + 1, kind: 'checkpoint_ahead', checkpoint: c.file, detail: `${at} was signed when the ledger reached entry ${cp.seq}, but it now ends at ${lastSeq}: entries were deleted from the end or an older copy of the store was restored` });
    } else if (cp.seq > 0 && bySeq.get(cp.seq) !== cp.hash) {
      problems.push({ seq: cp.seq, kind: 'checkpoint_mismatch', checkpoint: c.file, detail: `${at} says entry ${cp.seq} hashes to ${cp.hash.slice(0, 12)}…, but the ledger's entry ${cp.seq} hashes to ${(bySeq.get(cp.seq) ?? '(missing)').slice(0, 12)}…: the history up to it was rewritten and re-chained` });
    }
    if (cp.runs && runs.get(cp.runs.id) !== cp.runs.hash) {
      problems.push({ seq: 0, run: cp.runs.id, kind: 'checkpoint_mismatch', checkpoint: c.file, detail: `${at} says run ${cp.runs.id} hashes to ${cp.runs.hash.slice(0, 12)}…, but the store ${runs.has(cp.runs.id) ? `has ${runs.get(cp.runs.id)!.slice(0, 12)}…` : 'no longer has that run'}: stored runs were rewritten, deleted or rolled back` });
    }
  }
  return problems;
}

function bodyOf(e: LedgerEntry) {
  const { prev: _p, hash: _h, ...body } = e;
  return body;
}
