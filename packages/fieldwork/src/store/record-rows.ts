import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import { CopyData } from './copy-capable-pool.js';
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
/** Rows per `COPY` on PostgreSQL: one round trip per batch (about 1 MB of Okta records). */
const PG_ROWS = 2000;

/**
 * `or fail`, not SQLite's default `abort`: a multi-row insert that may abort halfway makes
 * SQLite keep a statement journal (the pages each statement touches, copied to a temp file so
 * the statement alone can be undone). Ingest never needs that: any failure rolls the whole
 * ingest transaction back (the caller's `writeTransaction`), so rows a failing statement already
 * wrote go with it. With `abort`, a 200 MiB OTLP collect wrote 192 MiB to that journal in
 * 98,000 writes; with `fail`, 16 MiB (see docs/scale.md, "OTLP collect, round 7").
 */
const SQLITE_INSERT = 'insert or fail into records';

/** Multi-row statements prepared once per connection: preparing one per batch cost more than the inserts. */
const sqliteStatements = new WeakMap<SqliteDatabase.Database, { one: SqliteDatabase.Statement; many: SqliteDatabase.Statement }>();

function sqliteInserts(native: SqliteDatabase.Database): { one: SqliteDatabase.Statement; many: SqliteDatabase.Statement } {
  let s = sqliteStatements.get(native);
  if (!s) {
    const head = `${SQLITE_INSERT} (${COLUMNS.join(', ')}) values `;
    const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
    s = { one: native.prepare(head + tuple), many: native.prepare(head + Array.from({ length: SQLITE_ROWS }, () => tuple).join(', ')) };
    sqliteStatements.set(native, s);
  }
  return s;
}

/**
 * The hot path of ingest. On SQLite it runs a statement prepared once on the raw
 * better-sqlite3 connection (the one the open transaction holds), 64 rows per call (a refused
 * row throws and may leave earlier rows of its statement: roll the transaction back); on
 * PostgreSQL it sends each batch of 2,000 rows as one binary `COPY` while the next batch is
 * parsed (so `trx` must come from a store opened by `openDatabase`, whose pool runs the COPY). Call `flush` before reading the records back (and before the transaction ends).
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
  if (dialect === 'postgres') return postgresCopyWriter(trx);
  let rows: RecordRow[] = [];
  return {
    async add(row) {
      rows.push(row);
      if (rows.length >= SQLITE_ROWS) {
        await trx.insertInto('records').values(rows).execute();
        rows = [];
      }
    },
    async flush() {
      if (rows.length) await trx.insertInto('records').values(rows).execute();
      rows = [];
    },
  };
}

/** `COPY … FROM STDIN` in PostgreSQL's binary format (see {@link encodeCopyRows}). */
const PG_COPY = `copy records (${COLUMNS.join(', ')}) from stdin (format binary)`;

/**
 * PostgreSQL: each batch of rows goes up as one binary `COPY` (through the pool of
 * `copy-capable-pool.ts`), one batch in flight while the next is encoded. Against the ten
 * `unnest` arrays it replaced, the server does not parse array literals (every JSON quote
 * escaped) and the client does not build them: on 103k Okta records the server's CPU time fell
 * from 2.7–3.1 s to 1.8–2.0 s and the client's from 1.3–1.6 s to 0.6–0.7 s.
 */
function postgresCopyWriter(trx: Kysely<Database>): RecordRowWriter {
  let rows: RecordRow[] = [];
  let inFlight: Promise<unknown> | undefined;
  const send = async () => {
    if (rows.length === 0) return;
    const bytes = encodeCopyRows(rows);
    rows = [];
    await inFlight;
    inFlight = trx.executeQuery(CompiledQuery.raw(PG_COPY, [new CopyData(bytes)]));
    // Handled here so a failure while the next batch is encoded is not "unhandled"; it surfaces at the next await.
    inFlight.catch(() => undefined);
  };
  return {
    async add(row) {
      rows.push(row);
      if (rows.length >= PG_ROWS) await send();
    },
    async flush() {
      await send();
      const last = inFlight;
      inFlight = undefined;
      await last;
    },
  };
}

/** The 19-byte header of PostgreSQL's binary COPY format: signature, flags (0), header extension length (0). */
const COPY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * Rows in PostgreSQL's binary COPY format, in {@link COLUMNS} order: per row the field count,
 * then each field as its byte length (-1 for null) and its bytes: `ledger_seq` as a 4-byte
 * integer, the text columns as UTF-8. Then the trailer (-1).
 */
export function encodeCopyRows(rows: readonly RecordRow[]): Buffer {
  const texts = ['artifact', 'source', 'kind', 'at', 'subject', 'locator', 'data', 'identity', 'scope'] as const;
  let size = COPY_HEADER.length + 2;
  for (const r of rows) {
    size += 2 + 8;
    for (const c of texts) {
      const v = r[c];
      size += 4 + (v === null ? 0 : Buffer.byteLength(v, 'utf8'));
    }
  }
  const b = Buffer.allocUnsafe(size);
  let at = COPY_HEADER.copy(b, 0);
  for (const r of rows) {
    at = b.writeInt16BE(COLUMNS.length, at);
    at = b.writeInt32BE(4, at);
    at = b.writeInt32BE(r.ledger_seq, at);
    for (const c of texts) {
      const v = r[c];
      if (v === null) {
        at = b.writeInt32BE(-1, at);
        continue;
      }
      const n = b.write(v, at + 4, 'utf8');
      b.writeInt32BE(n, at);
      at += 4 + n;
    }
  }
  at = b.writeInt16BE(-1, at);
  return b;
}
