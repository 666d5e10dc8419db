import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../store/schema.js';
import { canonicalJson } from './canonical-json.js';
import { sha256 } from './hash.js';

/** The hash of the empty ledger: what the first entry's `prev` is. */
export const GENESIS = '0'.repeat(64);

/** The entry format written now. Version 1 entries (no `v` in the body) still hash as they did. */
export const LEDGER_VERSION = 2;

/** The fields of a ledger entry that its hash covers. */
export interface LedgerEntryBody {
  /** Absent on version 1 entries, so their hashes stay what they were when written. */
  v?: number;
  seq: number;
  artifact: string;
  source: string;
  kind: string;
  collectedAt: string;
  periodFrom: string | null;
  periodTo: string | null;
  recordCount: number;
  populations: Record<string, number>;
  origin: string;
  /** Version 2: digest of the records the artifact produced, in order (see `RecordsDigest`). */
  recordsDigest?: string;
  /** Version 2: whether the bytes were kept (false for hash-only content such as prompt logs). */
  retained?: boolean;
}

export interface LedgerEntry extends LedgerEntryBody {
  prev: string;
  hash: string;
}

/** The ledger head: the last entry's sequence number and hash. */
export interface LedgerHead {
  seq: number;
  hash: string;
}

/** `hash = sha256(prev ‖ canonical(entry))` — DESIGN.md's chain rule. */
export function entryHash(prev: string, body: LedgerEntryBody): string {
  return sha256(prev + canonicalJson(body));
}

/** Reads the ledger in sequence order. */
export async function readLedger(db: Kysely<Database>): Promise<LedgerEntry[]> {
  const rows = await db.selectFrom('ledger').selectAll().orderBy('seq').execute();
  return rows.map(rowToEntry);
}

/** The head as the ledger_head row records it, or undefined for an empty ledger. */
export async function readHead(db: Kysely<Database>): Promise<LedgerHead | undefined> {
  const head = await db.selectFrom('ledger_head').selectAll().where('id', '=', 1).executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : undefined;
}

export function rowToEntry(r: Database['ledger']): LedgerEntry {
  const version = r.version == null ? 1 : Number(r.version);
  const populations = JSON.parse(r.populations) as Record<string, number>;
  // Two plain literals, not conditional spreads: the spread form cost ~100 µs a row on Node 20
  // (a page of 100 entries took 10 ms); the key order, and so the JSON, is the same.
  if (version >= 2) {
    return {
      v: version, seq: Number(r.seq), artifact: r.artifact, source: r.source, kind: r.kind, collectedAt: r.collected_at,
      periodFrom: r.period_from, periodTo: r.period_to, recordCount: Number(r.record_count), populations, origin: r.origin,
      recordsDigest: r.records_digest ?? '', retained: Number(r.retained) !== 0, prev: r.prev, hash: r.hash,
    };
  }
  return {
    seq: Number(r.seq), artifact: r.artifact, source: r.source, kind: r.kind, collectedAt: r.collected_at,
    periodFrom: r.period_from, periodTo: r.period_to, recordCount: Number(r.record_count), populations, origin: r.origin,
    prev: r.prev, hash: r.hash,
  };
}

/**
 * Appends an entry inside the write transaction `trx`, locking the head so concurrent writers
 * (several PostgreSQL instances) serialize on it. Returns the entry written.
 */
export async function appendLedgerEntry(
  trx: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  body: Omit<LedgerEntryBody, 'seq' | 'v'>,
): Promise<LedgerEntry> {
  const headQuery = trx.selectFrom('ledger_head').selectAll().where('id', '=', 1);
  const head = dialect === 'postgres' ? await headQuery.forUpdate().executeTakeFirst() : await headQuery.executeTakeFirst();
  const seq = head ? Number(head.seq) + 1 : 1;
  const prev = head ? head.hash : GENESIS;
  const full: LedgerEntryBody = { v: LEDGER_VERSION, ...body, seq };
  const hash = entryHash(prev, full);
  await trx.insertInto('ledger').values({
    seq, artifact: full.artifact, source: full.source, kind: full.kind, collected_at: full.collectedAt,
    period_from: full.periodFrom, period_to: full.periodTo, record_count: full.recordCount,
    populations: JSON.stringify(full.populations), origin: full.origin, prev, hash,
    version: LEDGER_VERSION, records_digest: full.recordsDigest ?? null, retained: full.retained === false ? 0 : 1,
  }).execute();
  if (head) await trx.updateTable('ledger_head').set({ seq, hash }).where('id', '=', 1).execute();
  else await trx.insertInto('ledger_head').values({ id: 1, seq, hash }).execute();
  return { ...full, prev, hash };
}

/** The advisory lock class of the ledger head (the collection lock is 4242002). */
const HEAD_LOCK_CLASS = 4242001;

/**
 * Takes the head lock up front on PostgreSQL (creating the head row on first use): a
 * transaction-scoped advisory lock keyed by the schema, as the collection lock is. Workspaces
 * share a database in separate schemas, each with its own ledger: one key for the whole database
 * made every ingest wait for any other workspace's ingest to commit (8 s of a 13 s Okta collect,
 * measured while other sessions' tests collected on the same server).
 */
export async function lockHead(trx: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${sql.lit(HEAD_LOCK_CLASS)}, hashtext(coalesce(current_schema(), '')))`.execute(trx);
}
