import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import type { Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Two migrations; the second changes the schema and then fails, as a process killed in it would stop. */
function migrationsFailingIn2(fail: boolean): Record<string, Migration> {
  return {
    '0001_items': { up: async (db) => void (await sql`create table items (id text primary key)`.execute(db)) },
    '0002_items_at': {
      up: async (db) => {
        await sql`alter table items add column at text`.execute(db);
        if (fail) throw new Error('stopped half-way');
      },
    },
  };
}

async function migrate(file: string, dialect: 'transactional' | 'kysely', fail: boolean) {
  const native = new SqliteDatabase(file);
  const options = { database: native };
  const db = new Kysely<unknown>({ dialect: dialect === 'transactional' ? new TransactionalSqliteDialect(options) : new SqliteDialect(options) });
  try {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrationsFailingIn2(fail) } }).migrateToLatest();
    const tables = native.prepare(`select name from sqlite_master where type = 'table' and name = 'items'`).all();
    return { error: error instanceof Error ? error.message : error, itemsTable: tables.length === 1 };
  } finally {
    await db.destroy();
  }
}

describe('TransactionalSqliteDialect', () => {
  it('leaves a store as it was when a migration fails half-way, so the next open migrates it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-migrate-'));
    const file = join(dir, 'store.db');
    expect(await migrate(file, 'transactional', true)).toEqual({ error: 'stopped half-way', itemsTable: false });
    expect(await migrate(file, 'transactional', false)).toEqual({ error: undefined, itemsTable: true });
  });

  it('is needed: with Kysely\'s own SQLite dialect the half-done schema change stays and the next open fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-migrate-'));
    const file = join(dir, 'store.db');
    expect(await migrate(file, 'kysely', true)).toEqual({ error: 'stopped half-way', itemsTable: true });
    expect((await migrate(file, 'kysely', false)).error).toMatch(/duplicate column name: at/);
  });
});
