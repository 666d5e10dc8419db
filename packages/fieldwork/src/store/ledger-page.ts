import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { rowToEntry } from '../evidence/ledger.js';
import type { LedgerEntry } from '../evidence/index.js';
import type { Database } from './schema.js';

/** Which ledger entries a page holds: `limit` entries past `after` (a sequence number) in `order`. */
export interface LedgerPageQuery {
  limit: number;
  /** The last sequence number of the previous page; absent for the first page. */
  after?: number;
  /** `asc` (oldest first, the API's order) or `desc` (newest first, the dashboard's). */
  order?: 'asc' | 'desc';
}

/** A page of entries, and the sequence number to continue after (null on the last page). */
export interface LedgerPage {
  entries: LedgerEntry[];
  next: number | null;
}

/**
 * One page of the ledger by keyset on `seq` (the primary key): one indexed range read of
 * `limit + 1` rows, whatever the ledger's length.
 *
 * @example
 * const first = await readLedgerPage(db, { limit: 100 })
 * const second = await readLedgerPage(db, { limit: 100, after: first.next! })
 */
export async function readLedgerPage(db: Kysely<Database>, q: LedgerPageQuery): Promise<LedgerPage> {
  const order = q.order ?? 'asc';
  let query = db.selectFrom('ledger').selectAll().orderBy('seq', order).limit(q.limit + 1);
  if (q.after !== undefined) query = query.where('seq', order === 'asc' ? '>' : '<', q.after);
  const rows = await query.execute();
  const entries = rows.slice(0, q.limit).map(rowToEntry);
  return { entries, next: rows.length > q.limit ? entries.at(-1)!.seq : null };
}

/** How many entries the ledger holds (the head's sequence number when the chain is intact). */
export async function countLedger(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('ledger').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Each source's latest entry (latest `collectedAt`, then highest `seq`), in source order. Walks
 * the `(source, collected_at, seq)` index a source at a time, so it costs a few index probes per
 * source rather than a read of the whole ledger.
 */
export async function latestEntryPerSource(db: Kysely<Database>): Promise<LedgerEntry[]> {
  const { rows } = await sql<Database['ledger']>`
    with recursive sources(source) as (
      select min(source) from ledger
      union all
      select (select min(l.source) from ledger l where l.source > sources.source) from sources where sources.source is not null
    )
    select e.* from sources join ledger e on e.seq = (
      select x.seq from ledger x where x.source = sources.source order by x.collected_at desc, x.seq desc limit 1
    )
    where sources.source is not null
    order by e.source`.execute(db);
  return rows.map(rowToEntry);
}

/**
 * How many sources have collected an artifact of a kind other than `exceptKinds`: the distinct
 * sources by index skip-scan, then one existence probe each.
 */
export async function countSources(db: Kysely<Database>, exceptKinds: readonly string[] = []): Promise<number> {
  const other = exceptKinds.length ? sql`and x.kind not in (${sql.join([...exceptKinds])})` : sql``;
  const { rows } = await sql<{ n: number | string }>`
    with recursive sources(source) as (
      select min(source) from ledger
      union all
      select (select min(l.source) from ledger l where l.source > sources.source) from sources where sources.source is not null
    )
    select count(*) as n from sources
    where sources.source is not null and exists (select 1 from ledger x where x.source = sources.source ${other})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
