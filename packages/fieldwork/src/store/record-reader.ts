import type { FieldworkRecord, RecordKind, RecordOf, RecordReader } from '@fieldwork/core';
import { readHead } from '../evidence/index.js';
import type { LedgerHead } from '../evidence/index.js';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Rows per query: large enough that round trips do not matter, small enough that a batch's text is a few MB. */
const BATCH = 1_000;

/**
 * The store's {@link RecordReader}: the current records (not superseded) of one kind, in the
 * order `loadRecords` gives them — by `at`, then as stored — read a batch at a time by keyset
 * over the `(kind, at)` index, so no query holds more than a batch and no offset is rescanned.
 * Records without a time come first on SQLite and last on PostgreSQL, as each orders NULLs in
 * `order by at`.
 *
 * @example
 * const reader = storeRecordReader(store.db, store.dialect)
 * for await (const batch of reader.batches('tool_call')) for (const call of batch) tally(call)
 */
export function storeRecordReader(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', o: { batchSize?: number } = {}): RecordReader {
  const size = o.batchSize ?? BATCH;
  // Every record repeats its artifact's hash and its source's name; one string each, not one per
  // record, since citations in a run's results keep them alive after the records are gone.
  const shared = new Map<string, string>();
  return {
    async counts() {
      const count = (current: boolean | 'superseded') => {
        let q = db.selectFrom('records').select('kind').select((eb) => eb.fn.countAll<number>().as('n'));
        if (current === true) q = q.where('superseded_by', 'is', null);
        if (current === 'superseded') q = q.where('superseded_by', 'is not', null);
        return q.groupBy('kind').execute();
      };
      if (dialect === 'postgres') {
        const rows = await count(true);
        return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) as Partial<Record<RecordKind, number>>;
      }
      // SQLite: every row of each kind from the (kind, at) index alone, less the superseded ones
      // from their own partial index (migration 0017), never the table's rows themselves.
      const [every, superseded] = [await count(false), await count('superseded')];
      const out: Partial<Record<RecordKind, number>> = {};
      for (const r of every) out[r.kind as RecordKind] = Number(r.n);
      for (const r of superseded) out[r.kind as RecordKind] = (out[r.kind as RecordKind] ?? 0) - Number(r.n);
      for (const k of Object.keys(out) as RecordKind[]) if (out[k] === 0) delete out[k];
      return out;
    },
    async *batches<K extends RecordKind>(kind: K): AsyncIterable<RecordOf<K>[]> {
      const untimed = () => keyset<K>(db, kind, null, size, shared);
      const timed = () => keyset<K>(db, kind, 'timed', size, shared);
      for (const part of dialect === 'sqlite' ? [untimed, timed] : [timed, untimed]) yield* part();
    },
  };
}

async function* keyset<K extends RecordKind>(db: Kysely<Database>, kind: K, part: 'timed' | null, size: number, shared: Map<string, string>): AsyncIterable<RecordOf<K>[]> {
  const one = (s: string) => {
    const known = shared.get(s);
    if (known !== undefined) return known;
    shared.set(s, s);
    return s;
  };
  let after: { at: string | null; id: number } | undefined;
  for (;;) {
    let q = db.selectFrom('records').select(['id', 'at', 'data']).where('kind', '=', kind).where('superseded_by', 'is', null);
    if (part === null) {
      q = q.where('at', 'is', null).orderBy('id');
      if (after) q = q.where('id', '>', after.id);
    } else {
      q = q.where('at', 'is not', null).orderBy('at').orderBy('id');
      // `at >= x` is the index range; the rest only steps past the rows of the same instant already read.
      if (after) q = q.where(sql<boolean>`at >= ${after.at} and (at > ${after.at} or id > ${after.id})`);
    }
    const rows = await q.limit(size).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const record = JSON.parse(r.data) as FieldworkRecord;
      record.artifact = one(record.artifact);
      record.source = one(record.source);
      return record;
    }) as RecordOf<K>[];
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { at: last.at, id: Number(last.id) };
  }
}

/** One consistent view of the store: its ledger head and a reader of the records as of that head. */
export interface StoreSnapshot {
  head: LedgerHead | undefined;
  reader: RecordReader;
}

/**
 * Runs `fn` over one consistent view of the store (a read transaction: SQLite WAL snapshot,
 * PostgreSQL repeatable read), so a check run that reads kind after kind sees the records of the
 * ledger head it commits to, even while a collection commits meanwhile.
 */
export async function withSnapshot<T>(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', fn: (s: StoreSnapshot) => Promise<T>): Promise<T> {
  const tx = dialect === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  return tx.execute(async (trx) => fn({ head: await readHead(trx), reader: storeRecordReader(trx, dialect) }));
}
