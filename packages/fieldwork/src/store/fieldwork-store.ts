import { join } from 'node:path';
import { FieldworkError, isRecordKind, recordIdentity } from '@fieldwork/core';
import type { FieldworkRecord, RecordKind, RecordReader, RecordSet } from '@fieldwork/core';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { DbBlobStore, FsBlobStore, RecordsDigest, appendLedgerEntry, lockHead, readHead, readLedger, readRunsHead, stageFile, verifyEvidence } from '../evidence/index.js';
import { rowToEntry } from '../evidence/ledger.js';
import type { BlobStore, LedgerEntry, LedgerHead, StagedFile, VerifyOptions, VerifyResult } from '../evidence/index.js';
import { acquireCollectionLock } from './collection-lock.js';
import type { AcquireOptions, CollectionLock } from './collection-lock.js';
import { findCurrentArtifact } from './current-artifact.js';
import { openDatabase } from './open-database.js';
import { appendRun } from '../evidence/run-chain.js';
import type { StoreLocation } from './open-database.js';
import type { Database } from './schema.js';
import { supersedeRecords } from './supersede-records.js';
import { withIngestCache } from './sqlite-ingest-cache.js';
import { withDeferredRecordIndexes } from './deferred-record-indexes.js';
import { recordRowWriter } from './record-rows.js';
import { recordSubject, recordTime } from './stored-record.js';
import type { StoredRecordColumns } from './stored-record.js';

export { recordSubject, recordTime } from './stored-record.js';
import type SqliteDatabase from 'better-sqlite3';
import { storeRecordReader, withSnapshot } from './record-reader.js';
import type { StoreSnapshot } from './record-reader.js';
import { saveRunSummary } from './run-summaries.js';
import { compactRun, DEFAULT_RUNS_KEPT, insertRunExceptions, pruneRuns, readStoredRun } from './run-rows.js';
import type { RunSummary } from '@fieldwork/core/history';

/** An artifact to record, with the records parsed from it (streamed inside the transaction). */
export interface IngestInput {
  sha256: string;
  size: number;
  name: string;
  mediaType?: string;
  source: string;
  kind: string;
  origin: string;
  /** Path of the bytes on disk, copied into the blob store. */
  path: string;
  /**
   * False for content Fieldwork must not keep (prompt and completion text): the ledger records
   * the hash and size, the records keep counts and redacted excerpts, and no blob is written.
   */
  retain?: boolean;
  /** When set, ingest nothing if this source already holds the artifact (under this origin, if given). */
  skipIfCollected?: { origin?: string };
  /**
   * Record kinds this source exports whole (a roster, a register, a snapshot): the artifact
   * replaces every fact an older artifact of the same source and origin stated about them.
   * Other kinds are a log: their facts stay until an artifact re-states them.
   */
  snapshotKinds?: readonly string[];
  /**
   * The records, in order. Either objects, or batches already in stored form (see
   * {@link StoredRecordColumns}: a collector parsing in a worker thread sends its rows as text).
   */
  records: AsyncIterable<FieldworkRecord> | { batches: AsyncIterable<StoredRecordColumns> };
}

export interface IngestResult {
  /** True when another writer collected the same artifact first; nothing was added. */
  duplicate?: boolean;
  entry: LedgerEntry;
  recordCount: number;
  populations: Record<string, number>;
  /** Records of earlier artifacts this one re-stated or, for a snapshot, no longer states. */
  superseded?: number;
}

/** Which records to read. */
export interface LoadRecordsOptions {
  /**
   * An instant or date: what the sources stated as collected by then (records collected by then
   * and not yet superseded then). Default: the current view.
   */
  asOf?: string;
  /** Only records of this source entry. */
  source?: string;
}

/**
 * The store: evidence artifacts, the ledger, normalized records and check/audit runs, on
 * SQLite (default) or PostgreSQL.
 */
export class FieldworkStore {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly blobs: BlobStore;
  readonly location: StoreLocation;
  readonly #native: SqliteDatabase.Database | undefined;
  #headStatement: SqliteDatabase.Statement | undefined;

  private constructor(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', blobs: BlobStore, location: StoreLocation, native?: SqliteDatabase.Database) {
    this.db = db;
    this.#native = native;
    this.dialect = dialect;
    this.blobs = blobs;
    this.location = location;
  }

  /** Where a workspace's store lives: `FIELDWORK_DATABASE_URL`, or `.fieldwork/fieldwork.db`. */
  static locationFor(workspaceDir: string, env: NodeJS.ProcessEnv = process.env): StoreLocation {
    const url = env.FIELDWORK_DATABASE_URL;
    if (url) return { dialect: 'postgres', url };
    return { dialect: 'sqlite', file: join(workspaceDir, '.fieldwork', 'fieldwork.db') };
  }

  static async open(location: StoreLocation, blobDir?: string): Promise<FieldworkStore> {
    const { db, dialect, native } = await openDatabase(location);
    const blobs = dialect === 'sqlite' ? new FsBlobStore(blobDir ?? join(location.dialect === 'sqlite' ? join(location.file, '..') : '.', 'blobs')) : new DbBlobStore(db, { serverDigest: true, copy: true });
    return new FieldworkStore(db, dialect, blobs, location, native);
  }

  /**
   * Runs `fn` in a write transaction. On SQLite it begins IMMEDIATE, taking the write lock up
   * front so the busy timeout applies (a deferred transaction that reads and then writes fails
   * at once with "database is locked" when another writer got there first).
   */
  async writeTransaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.dialect === 'postgres') return this.db.transaction().execute(fn);
    return this.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const out = await fn(conn);
        await sql`commit`.execute(conn);
        return out;
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
  }

  /**
   * Takes the workspace's collection lock (see {@link acquireCollectionLock}): refuses with
   * COLLECTION_RUNNING (exit 2) naming the holder, or waits with `wait: true`.
   */
  lockCollections(o: AcquireOptions = {}): Promise<CollectionLock> {
    return acquireCollectionLock(this.location, o);
  }

  /** Runs `fn` holding the collection lock. */
  async exclusiveCollection<T>(fn: () => Promise<T>, o: AcquireOptions = {}): Promise<T> {
    const lock = await this.lockCollections(o);
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  /** Copies bytes once into the store's staging area while hashing them (see {@link stageFile}). */
  stage(from: string | import('node:stream').Readable): Promise<StagedFile> {
    return stageFile(from, this.blobs.stagingDir());
  }

  /**
   * Puts back the blob of an artifact the ledger already names when it has gone missing (a
   * store damaged by an older version): re-collecting the same bytes repairs it.
   */
  async restoreBlob(sha256: string, path: string): Promise<boolean> {
    if (!(await this.isRetained(sha256)) || (await this.blobs.has(sha256))) return false;
    await this.blobs.putFile(sha256, path);
    return true;
  }

  /**
   * Removes the blob a refused artifact left, unless a ledger entry names the same bytes. Only
   * for the collection that holds the workspace's collection lock (no other collection is in
   * flight, so nothing is about to name it): a refused file leaves nothing behind.
   */
  async dropUnnamedBlob(sha256: string): Promise<void> {
    if (!sha256) return;
    const named = await this.db.selectFrom('ledger').select('seq').where('artifact', '=', sha256).executeTakeFirst();
    if (!named) await this.blobs.remove(sha256);
  }

  /**
   * Removes blobs no ledger entry names and staged copies of killed collections. Holds the
   * collection lock, so no in-flight collection can be about to name one of them.
   */
  async collectGarbage(o: AcquireOptions = {}): Promise<{ blobs: string[]; staged: number }> {
    return this.exclusiveCollection(async () => {
      const named = new Set((await this.db.selectFrom('ledger').select('artifact').execute()).map((r) => r.artifact));
      const orphans = (await this.blobs.list()).filter((s) => !named.has(s));
      for (const sha of orphans) await this.blobs.remove(sha);
      const staged = this.blobs instanceof FsBlobStore ? await this.blobs.clearStaging() : 0;
      return { blobs: orphans, staged };
    }, o);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * True when this source already collected these exact bytes (collection is idempotent) —
   * under the same origin too, when `origin` is given.
   */
  async hasCollected(source: string, sha256: string, origin?: string, currentUnder?: string): Promise<boolean> {
    // With the origin the bytes come from now: false once a newer artifact replaced them there.
    if (currentUnder !== undefined) return !!(await findCurrentArtifact(this.db, { source, sha256, origin: currentUnder, byName: origin !== undefined }));
    let q = this.db.selectFrom('ledger').select('seq').where('source', '=', source).where('artifact', '=', sha256);
    if (origin !== undefined) q = q.where('origin', '=', origin);
    return !!(await q.executeTakeFirst());
  }

  /**
   * Stores an artifact, its records and its ledger entry in one transaction: a failure while
   * parsing leaves no record or entry behind. The blob is written first and never deleted here:
   * an entry committed by another writer may name the same bytes, so a blob left by a failed
   * collection stays an orphan that `verify` lists and `verify --repair` removes under the lock.
   * On PostgreSQL the blob goes up in a transaction of its own on a second connection while the
   * records are parsed and inserted (the server works on both at once), and commits before the
   * entry does: the ledger never names bytes that are not stored whole.
   */
  async ingest(input: IngestInput): Promise<IngestResult> {
    const retain = input.retain !== false;
    if (retain && this.blobs instanceof FsBlobStore) await this.blobs.putFile(input.sha256, input.path);
    const blobs = this.blobs;
    const blobWritten = retain && blobs instanceof DbBlobStore ? this.db.transaction().execute((t) => blobs.putFile(input.sha256, input.path, t)) : undefined;
    // Handled at once (a failure surfaces below), so a rejection while parsing is never "unhandled".
    blobWritten?.catch(() => undefined);
    try {
      return await withIngestCache(this.#native, () => this.writeTransaction(async (trx) => {
        await lockHead(trx, this.dialect);
        const result = await this.ingestIn(trx, input, { blobInTransaction: false });
        // Before the entry commits: it names these bytes.
        await blobWritten;
        return result;
      }));
    } catch (e) {
      // Settled before the caller may remove an unnamed blob (a refused file leaves nothing).
      await blobWritten?.catch(() => undefined);
      throw e;
    }
  }

  /**
   * Stores several artifacts in one transaction, in order: all their entries or none (a manual
   * submission's files and the attestation that names them). Blobs are written first, as for
   * {@link ingest}; `skipIfCollected` is not honoured here.
   */
  async ingestAll(inputs: readonly IngestInput[]): Promise<IngestResult[]> {
    for (const input of inputs) if (input.retain !== false && this.blobs instanceof FsBlobStore) await this.blobs.putFile(input.sha256, input.path);
    return withIngestCache(this.#native, () => this.writeTransaction(async (trx) => {
      await lockHead(trx, this.dialect);
      const out: IngestResult[] = [];
      for (const input of inputs) out.push(await this.ingestIn(trx, { ...input, skipIfCollected: undefined }));
      return out;
    }));
  }

  /** `blobInTransaction`: a database blob store's bytes go up in `trx` (false when the caller writes them). */
  private async ingestIn(trx: Kysely<Database>, input: IngestInput, o: { blobInTransaction: boolean } = { blobInTransaction: true }): Promise<IngestResult> {
    const retain = input.retain !== false;
    if (input.skipIfCollected) {
      // Checked again under the lock: two workers may have read the same bytes at once.
      const existing = await findCurrentArtifact(trx, {
        source: input.source, sha256: input.sha256, origin: input.skipIfCollected.origin ?? input.origin, byName: input.skipIfCollected.origin !== undefined,
      });
      if (existing) return { duplicate: true, entry: rowToEntry(existing), recordCount: 0, populations: {} };
    }
    const now = new Date().toISOString();
    // On PostgreSQL the bytes go up while the records are parsed (the connection queues the
    // statements); awaited before anything can end the transaction.
    const blobWritten = retain && o.blobInTransaction && this.blobs instanceof DbBlobStore ? this.blobs.putFile(input.sha256, input.path, trx) : undefined;
    // Handled at once (a failure surfaces below), so a rejection while parsing is never "unhandled".
    blobWritten?.catch(() => undefined);
    let result: IngestResult;
    try {
      result = await this.#ingestRecords(trx, input, now);
    } catch (e) {
      await blobWritten?.catch(() => undefined);
      throw e;
    }
    await blobWritten;
    return result;
  }

  async #ingestRecords(trx: Kysely<Database>, input: IngestInput, now: string): Promise<IngestResult> {
    const retain = input.retain !== false;
    await trx.insertInto('artifacts').values({ sha256: input.sha256, size: input.size, name: input.name, media_type: input.mediaType ?? null, first_collected_at: now, retained: retain ? 1 : 0 })
      .onConflict((oc) => oc.column('sha256').doNothing()).execute();
    const head = await trx.selectFrom('ledger_head').select('seq').where('id', '=', 1).executeTakeFirst();
    const seq = head ? Number(head.seq) + 1 : 1;
    // Read before this artifact's records go in: a source's first artifact supersedes nothing.
    const sourceHadRecords = !!(await trx.selectFrom('records').select('id').where('source', '=', input.source).limit(1).executeTakeFirst());
    const populations: Record<string, number> = {};
    // What the entry commits to: every record's stored JSON, in the order produced (not the
    // identity, scope or supersession columns beside it).
    const digest = new RecordsDigest();
    let minAt: string | null = null;
    let maxAt: string | null = null;
    const snapshotKinds = new Set(input.snapshotKinds ?? []);
    const rows = recordRowWriter(trx, this.dialect, this.#native);
    // Positional, so a record taken as an object (the main-thread path) makes no row object of its own.
    const add = (kind: string, artifact: string, source: string, locator: string, at: string | null, subject: string | null, identity: string | null, data: string): Promise<void> | void => {
      if (at) {
        if (minAt === null || at < minAt) minAt = at;
        if (maxAt === null || at > maxAt) maxAt = at;
      }
      populations[kind] = (populations[kind] ?? 0) + 1;
      digest.add(data);
      return rows.add({ ledger_seq: seq, artifact, source, kind, at, subject, locator, data, identity, scope: snapshotKinds.has(kind) ? input.origin : null });
    };
    // Records go in before anything reads them back (the supersession below does).
    await withDeferredRecordIndexes(this.dialect === 'sqlite' ? this.#native : undefined, input.size, async () => {
      if ('batches' in input.records) {
        for await (const b of input.records.batches) {
          for (let i = 0; i < b.data.length; i++) {
            const pending = add(b.kind[i], b.artifact[i], b.source[i], b.locator[i], b.at[i], b.subject[i], b.identity[i], b.data[i]);
            if (pending) await pending;
          }
        }
      } else {
        for await (const r of input.records) {
          const pending = add(r.kind, r.artifact, r.source, r.locator, recordTime(r), recordSubject(r), recordIdentity(r), JSON.stringify(r));
          if (pending) await pending;
        }
      }
      await rows.flush();
    });
    const superseded = await supersedeRecords(trx, { seq, source: input.source, origin: input.origin, collectedAt: now, snapshotKinds: [...snapshotKinds], sourceHadRecords });
    const entry = await appendLedgerEntry(trx, this.dialect, {
      artifact: input.sha256, source: input.source, kind: input.kind, collectedAt: now,
      periodFrom: minAt, periodTo: maxAt, recordCount: digest.count, populations, origin: input.origin,
      recordsDigest: digest.digest(), retained: retain,
    });
    return { entry, recordCount: digest.count, populations, superseded };
  }

  /** Whether the bytes of an artifact are kept (false for hash-only content such as prompt logs). */
  async isRetained(sha256: string): Promise<boolean> {
    const row = await this.db.selectFrom('artifacts').select('retained').where('sha256', '=', sha256).executeTakeFirst();
    return !row || Number(row.retained) !== 0;
  }

  /**
   * Loads the current records of the given kinds (all kinds when omitted), oldest first: each
   * fact once, as its latest statement says it. With `asOf`, what the sources stated then.
   */
  async loadRecords(kinds?: RecordKind[], opts: LoadRecordsOptions = {}): Promise<RecordSet> {
    let q = this.db.selectFrom('records').select(['records.kind', 'records.data']).orderBy('records.at').orderBy('records.id');
    if (kinds) q = q.where('records.kind', 'in', kinds);
    if (opts.source !== undefined) q = q.where('records.source', '=', opts.source);
    if (opts.asOf === undefined) q = q.where('records.superseded_by', 'is', null);
    else {
      const asOf = asOfInstant(opts.asOf);
      q = q.innerJoin('ledger', 'ledger.seq', 'records.ledger_seq').where('ledger.collected_at', '<=', asOf)
        .where((eb) => eb.or([eb('records.superseded_at', 'is', null), eb('records.superseded_at', '>', asOf)]));
    }
    const set: Record<string, FieldworkRecord[]> = {};
    for (const row of await q.execute()) {
      if (!isRecordKind(row.kind)) continue;
      (set[row.kind] ??= []).push(JSON.parse(row.data) as FieldworkRecord);
    }
    return set as RecordSet;
  }

  /** The current records a kind at a time, in batches (see {@link storeRecordReader}): what check runs read. */
  recordReader(): RecordReader {
    return storeRecordReader(this.db, this.dialect);
  }

  /** Runs `fn` over one consistent view: the ledger head and the records as of it (see {@link withSnapshot}). */
  snapshot<T>(fn: (s: StoreSnapshot) => Promise<T>): Promise<T> {
    return withSnapshot(this.db, this.dialect, fn);
  }

  /** Every record of a kind ever stored with its history: which entry stated it and which superseded it. */
  async recordHistory(kind: RecordKind, source?: string): Promise<{ seq: number; supersededBy: number | null; identity: string | null; record: FieldworkRecord }[]> {
    let q = this.db.selectFrom('records').select(['ledger_seq', 'superseded_by', 'identity', 'data']).where('kind', '=', kind).orderBy('ledger_seq').orderBy('id');
    if (source !== undefined) q = q.where('source', '=', source);
    return (await q.execute()).map((r) => ({ seq: Number(r.ledger_seq), supersededBy: r.superseded_by === null ? null : Number(r.superseded_by), identity: r.identity, record: JSON.parse(r.data) as FieldworkRecord }));
  }

  async ledger(): Promise<LedgerEntry[]> {
    return readLedger(this.db);
  }

  async verify(o: VerifyOptions = {}): Promise<VerifyResult> {
    return verifyEvidence(this.db, this.blobs, o);
  }

  /** The last committed check/audit run (id and hash), or undefined. */
  async runsHead(): Promise<{ id: number; hash: string } | undefined> {
    return readRunsHead(this.db);
  }

  /** The ledger head (last entry's sequence and hash), or undefined when nothing was collected. */
  async head(): Promise<LedgerHead | undefined> {
    // The server reads the head on every ledger page. On SQLite it is one row by primary key, read
    // here with a statement prepared once: Kysely compiles and prepares one per call, which was
    // most of a cached page's own cost. While a transaction is open on this connection Kysely's
    // queue is used instead, so a head that is not yet committed is never read.
    const native = this.#native;
    if (native && !native.inTransaction) {
      this.#headStatement ??= native.prepare('select seq, hash from ledger_head where id = 1');
      const row = this.#headStatement.get() as { seq: number | bigint; hash: string } | undefined;
      return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
    }
    return readHead(this.db);
  }

  /**
   * Saves a check or audit run so reports read results instead of recomputing them. The run
   * commits to the ledger head it read (`head`, read before loading records; the current head
   * when omitted) and to the digest of its results, in the chain of runs. A check run's
   * `summary` (see `summarizeRun`) is stored with it, for the trend page. Check and audit runs
   * are stored compact (results plus exception rows, see store/run-rows.ts); all but the latest
   * `keep` runs of the type are then cut down to their results.
   */
  async saveRun(type: string, period: { from: string; to: string }, data: unknown, head?: LedgerHead | null, o: { summary?: RunSummary; keep?: number } = {}): Promise<number> {
    const read = head === undefined ? await this.head() : head ?? undefined;
    const compact = compactRun(type, data);
    return this.writeTransaction(async (trx) => {
      await lockHead(trx, this.dialect);
      const { id } = await appendRun(trx, { type, createdAt: new Date().toISOString(), period, data: compact?.data ?? JSON.stringify(data), ledger: read ?? null });
      if (compact) await insertRunExceptions(trx, id, compact.rows);
      // In the same transaction: a run is never stored without its summary (older runs get one lazily).
      if (o.summary) await saveRunSummary(trx, id, o.summary);
      await pruneRuns(trx, type, o.keep ?? DEFAULT_RUNS_KEPT);
      return id;
    });
  }

  /** The latest run of a type, or undefined, with what it committed to. */
  async latestRun<T>(type: string): Promise<{ id: number; createdAt: string; data: T; ledgerHead: LedgerHead | null; resultsDigest: string | null; hash: string | null } | undefined> {
    const row = await this.db.selectFrom('runs').selectAll().where('type', '=', type).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: Number(row.id), createdAt: row.created_at, data: await readStoredRun<T>(this.db, row),
      ledgerHead: row.ledger_seq == null || row.ledger_hash == null ? null : { seq: Number(row.ledger_seq), hash: row.ledger_hash },
      resultsDigest: row.results_digest, hash: row.hash,
    };
  }
}

/** `2026-05-01` means the end of that day (UTC); an instant is taken as written, in UTC. */
function asOfInstant(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `${asOf}T23:59:59.999Z`;
  const t = new Date(asOf);
  if (Number.isNaN(t.getTime())) throw new FieldworkError('USAGE', `"${asOf}" is not a date or an instant.`, { hint: 'Use YYYY-MM-DD or an ISO-8601 instant such as 2026-05-01T12:00:00Z.' });
  return t.toISOString();
}
