import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { encodeCopyRows, recordRowWriter } from './record-rows.js';
import type { RecordRow } from './record-rows.js';

/** Text that a text or array encoding could get wrong: quotes, backslashes, tabs, newlines, commas, braces, non-ASCII, a surrogate pair. */
const awkward = (i: number) => `"q" \\ \\N \t\n\r,{}() é ß 中文 😀 ${i}`;

const row = (i: number): RecordRow => ({
  ledger_seq: 1 + (i % 3), artifact: `a${i}`, source: 's', kind: i % 2 ? 'access_event' : 'vendor', at: i % 5 ? `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` : null,
  subject: i % 7 ? awkward(i) : null, locator: `line ${i}`, data: JSON.stringify({ n: i, text: awkward(i) }), identity: i % 4 ? `id-${i}` : null, scope: i % 3 ? null : 'origin.csv',
});

describe('encodeCopyRows', () => {
  it('lays out the header, each field as length and bytes (null as -1), and the trailer', () => {
    const b = encodeCopyRows([{ ledger_seq: 7, artifact: 'é', source: 's', kind: 'k', at: null, subject: null, locator: 'l', data: '{}', identity: null, scope: null }]);
    expect(b.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    let at = 19;
    expect(b.readInt16BE(at)).toBe(10);
    expect(b.readInt32BE(at + 2)).toBe(4);
    expect(b.readInt32BE(at + 6)).toBe(7);
    at += 10;
    const fields: (string | null)[] = [];
    for (let f = 0; f < 9; f++) {
      const n = b.readInt32BE(at);
      at += 4;
      fields.push(n < 0 ? null : b.subarray(at, at + n).toString('utf8'));
      if (n > 0) at += n;
    }
    expect(fields).toEqual(['é', 's', 'k', null, null, 'l', '{}', null, null]);
    expect(b.readInt16BE(at)).toBe(-1);
    expect(at + 2).toBe(b.length);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`the record row writer on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('stores every row as given, across several batches, nulls and awkward text included', async () => {
      t = await openTestStore(dialect);
      const rows = Array.from({ length: 4500 }, (_, i) => row(i));
      await t.store.writeTransaction(async (trx) => {
        const w = recordRowWriter(trx, t.store.dialect);
        for (const r of rows) await w.add(r);
        await w.flush();
      });
      const stored = await t.store.db.selectFrom('records').select(['ledger_seq', 'artifact', 'source', 'kind', 'at', 'subject', 'locator', 'data', 'identity', 'scope']).orderBy('id').execute();
      expect(stored.map((r) => ({ ...r, ledger_seq: Number(r.ledger_seq) }))).toEqual(rows);
    });

    it('keeps up only the indexes some read uses (not artifact; PostgreSQL: not the (kind, at) prefix of (kind, at, id); SQLite: the superseded rows\' partial index for counts, which a current row never enters)', async () => {
      t = await openTestStore(dialect);
      const names = dialect === 'postgres'
        ? (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'records'`.execute(t.store.db)).rows
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'records' and sql is not null`.execute(t.store.db)).rows;
      expect(names.map((r) => r.name).sort()).toEqual(dialect === 'postgres'
        ? ['records_kind_at_id', 'records_ledger_seq', 'records_pkey', 'records_source_kind_identity']
        : ['records_kind_at', 'records_ledger_seq', 'records_source_kind_identity', 'records_superseded_kind']);
    });

    it('fails the transaction on a row the database refuses, stores none of it, and the store stays usable', async () => {
      t = await openTestStore(dialect);
      // PostgreSQL text cannot hold NUL; SQLite refuses a null locator (NOT NULL).
      const bad = dialect === 'postgres' ? { ...row(2500), data: 'a\u0000b' } : { ...row(2500), locator: null as unknown as string };
      const rows = [...Array.from({ length: 2500 }, (_, i) => row(i)), bad, row(2501)];
      await expect(t.store.writeTransaction(async (trx) => {
        const w = recordRowWriter(trx, t.store.dialect);
        for (const r of rows) await w.add(r);
        await w.flush();
      })).rejects.toThrow();
      expect(await t.store.db.selectFrom('records').select('id').execute()).toEqual([]);
      await t.store.writeTransaction(async (trx) => {
        const w = recordRowWriter(trx, t.store.dialect);
        await w.add(row(1));
        await w.flush();
      });
      expect((await t.store.db.selectFrom('records').select('locator').execute()).map((r) => r.locator)).toEqual(['line 1']);
    });
  });
}

describe('the record row writer on a raw SQLite connection (the ingest path)', () => {
  const open = () => {
    const native = new SqliteDatabase(':memory:');
    native.exec('create table records (id integer primary key autoincrement, ledger_seq integer not null, artifact text not null, source text not null, kind text not null, at text, subject text, locator text not null, data text not null, identity text, scope text, superseded_by integer, superseded_at text)');
    return native;
  };

  it('stores 64-row statements and the rest one by one, in order', async () => {
    const native = open();
    const rows = Array.from({ length: 200 }, (_, i) => row(i));
    native.exec('begin');
    const w = recordRowWriter(undefined as never, 'sqlite', native);
    for (const r of rows) await w.add(r);
    await w.flush();
    native.exec('commit');
    expect(native.prepare('select ledger_seq, artifact, source, kind, at, subject, locator, data, identity, scope from records order by id').all()).toEqual(rows);
    native.close();
  });

  it('throws on a refused row in the middle of a statement; rolling the transaction back leaves nothing', async () => {
    const native = open();
    native.exec('begin');
    const w = recordRowWriter(undefined as never, 'sqlite', native);
    const rows = [...Array.from({ length: 100 }, (_, i) => row(i)), { ...row(100), locator: null as unknown as string }];
    let thrown: unknown;
    try {
      for (const r of [...rows, ...Array.from({ length: 30 }, (_, i) => row(101 + i))]) await w.add(r);
    } catch (e) {
      thrown = e;
    }
    // The second statement (rows 64–127) holds the bad row 100: `or fail` keeps 64–99 until the rollback.
    expect(String(thrown)).toMatch(/NOT NULL constraint failed: records\.locator/);
    expect((native.prepare('select count(*) as n from records').get() as { n: number }).n).toBe(100);
    native.exec('rollback');
    expect((native.prepare('select count(*) as n from records').get() as { n: number }).n).toBe(0);
    native.close();
  });
});
