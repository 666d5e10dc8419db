import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One row of the `records` table as ingest writes it (the bookkeeping columns start empty). */
export type RecordRow = Omit<Database['records'], 'id' | 'superseded_by' | 'superseded_at'>;

/** Appends record rows inside the ingest transaction; `flush` writes what is buffered. */
export interface RecordRowWriter {
  add(row: RecordRow): Promise<void> | void;
  flush(): Promise<void>;
}

const COLUMNS = ['ledger_seq', 'artifact', 'source', 'kind', 'at', 'subject', 'locator', 'data', 'identity', 'scope'] as const;

/** Rows per statement on SQLite (10 parameters each, well under SQLite's 32,766). */
const SQLITE_ROWS = 64;
/** Rows per statement on PostgreSQL: one round trip per batch. */
const PG_ROWS = 2000;

/** Multi-row statements prepared once per connection: preparing one per batch cost more than the inserts. */
const sqliteStatements = new WeakMap<SqliteDatabase.Database, { one: SqliteDatabase.Statement; many: SqliteDatabase.Statement }>();

function sqliteInserts(native: SqliteDatabase.Database): { one: SqliteDatabase.Statement; many: SqliteDatabase.Statement } {
  let s = sqliteStatements.get(native);
  if (!s) {
    const head = `insert into records (${COLUMNS.join(', ')}) values `;
    const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
    s = { one: native.prepare(head + tuple), many: native.prepare(head + Array.from({ length: SQLITE_ROWS }, () => tuple).join(', ')) };
    sqliteStatements.set(native, s);
  }
  return s;
}

/**
 * The hot path of ingest. On SQLite it runs a statement prepared once on the raw
 * better-sqlite3 connection (the one the open transaction holds), 64 rows per call; on
 * PostgreSQL it sends each batch of 2,000 rows as ten arrays through `unnest`, one small
 * statement instead of 20,000 parameters built by the query builder, while the next batch is
 * parsed. Call `flush` before reading the records back (and before the transaction ends).
 *
 * @example
 * const w = recordRowWriter(trx, 'sqlite', native);
 * await w.add(row); await w.flush();
 */
export function recordRowWriter(trx: Kysely<Database>, dialect: 'sqlite' | 'postgres', native?: SqliteDatabase.Database): RecordRowWriter {
  if (dialect === 'sqlite' && native) {
    const { one, many } = sqliteInserts(native);
    const params: unknown[] = [];
    return {
      add(row) {
        params.push(row.ledger_seq, row.artifact, row.source, row.kind, row.at, row.subject, row.locator, row.data, row.identity, row.scope);
        if (params.length === SQLITE_ROWS * COLUMNS.length) {
          many.run(params);
          params.length = 0;
        }
      },
      async flush() {
        for (let i = 0; i < params.length; i += COLUMNS.length) one.run(params.slice(i, i + COLUMNS.length));
        params.length = 0;
      },
    };
  }
  let cols: unknown[][] = COLUMNS.map(() => []);
  let n = 0;
  // PostgreSQL: one batch in flight while the next is parsed; awaited before the next is sent.
  let inFlight: Promise<unknown> | undefined;
  const send = async () => {
    if (n === 0) return;
    const arrays = cols;
    cols = COLUMNS.map(() => []);
    n = 0;
    if (dialect === 'postgres') {
      await inFlight;
      inFlight = sql`insert into records (${sql.raw(COLUMNS.join(', '))})
        select * from unnest(${arrays[0]}::integer[], ${arrays[1]}::text[], ${arrays[2]}::text[], ${arrays[3]}::text[], ${arrays[4]}::text[],
          ${arrays[5]}::text[], ${arrays[6]}::text[], ${arrays[7]}::text[], ${arrays[8]}::text[], ${arrays[9]}::text[])`.execute(trx);
      // Handled here so a failure while the next batch is parsed is not "unhandled"; it surfaces at the next await.
      inFlight.catch(() => undefined);
    } else {
      const rows = arrays[0].map((_, i) => Object.fromEntries(COLUMNS.map((c, j) => [c, arrays[j][i]])));
      await trx.insertInto('records').values(rows as never).execute();
    }
  };
  return {
    async add(row) {
      for (let j = 0; j < COLUMNS.length; j++) cols[j].push(row[COLUMNS[j]]);
      if (++n >= (dialect === 'postgres' ? PG_ROWS : SQLITE_ROWS)) await send();
    },
    async flush() {
      await send();
      const last = inFlight;
      inFlight = undefined;
      await last;
    },
  };
}
