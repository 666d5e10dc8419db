import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../store/schema.js';
import { canonicalJson } from './canonical-json.js';
import { sha256 } from './hash.js';

/** The hash of the empty ledger: what the first entry's `prev` is. */
export const GENESIS = '0'.repeat(64);

/** The fields of a ledger entry that its hash covers. */
export interface LedgerEntryBody {
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
}

export interface LedgerEntry extends LedgerEntryBody {
  prev: string;
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

export function rowToEntry(r: Database['ledger']): LedgerEntry {
  return {
    seq: Number(r.seq), artifact: r.artifact, source: r.source, kind: r.kind, collectedAt: r.collected_at,
    periodFrom: r.period_from, periodTo: r.period_to, recordCount: Number(r.record_count),
    populations: JSON.parse(r.populations) as Record<string, number>, origin: r.origin, prev: r.prev, hash: r.hash,
  };
}

/**
 * Appends an entry inside `trx`, locking the head so concurrent writers (several PostgreSQL
 * instances) serialize on it. Returns the entry written.
 */
export async function appendLedgerEntry(
  trx: Transaction<Database>,
  dialect: 'sqlite' | 'postgres',
  body: Omit<LedgerEntryBody, 'seq'>,
): Promise<LedgerEntry> {
  const headQuery = trx.selectFrom('ledger_head').selectAll().where('id', '=', 1);
  const head = dialect === 'postgres' ? await headQuery.forUpdate().executeTakeFirst() : await headQuery.executeTakeFirst();
  const seq = head ? Number(head.seq) + 1 : 1;
  const prev = head ? head.hash : GENESIS;
  const full: LedgerEntryBody = { ...body, seq };
  const hash = entryHash(prev, full);
  await trx.insertInto('ledger').values({
    seq, artifact: full.artifact, source: full.source, kind: full.kind, collected_at: full.collectedAt,
    period_from: full.periodFrom, period_to: full.periodTo, record_count: full.recordCount,
    populations: JSON.stringify(full.populations), origin: full.origin, prev, hash,
  }).execute();
  if (head) await trx.updateTable('ledger_head').set({ seq, hash }).where('id', '=', 1).execute();
  else await trx.insertInto('ledger_head').values({ id: 1, seq, hash }).execute();
  return { ...full, prev, hash };
}

/** Takes the head lock up front on PostgreSQL (creating the head row on first use). */
export async function lockHead(trx: Transaction<Database>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
}
