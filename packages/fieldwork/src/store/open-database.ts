import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FieldworkError } from '@fieldwork/core';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, sql } from 'kysely';
import type { MigrationProvider } from 'kysely';
import { copyCapablePool } from './copy-capable-pool.js';
import { CurrentSchemaPostgresDialect } from './current-schema-postgres-dialect.js';
import { migrations } from './migrations.js';
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect.js';
import type { Database } from './schema.js';

/** Where the store lives: an embedded SQLite file or a PostgreSQL URL. */
export type StoreLocation = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The raw better-sqlite3 connection behind `db` (SQLite only), for ingest's prepared inserts. */
  native?: SqliteDatabase.Database;
}

/**
 * The `pg` driver, loaded the first time a PostgreSQL store is opened: a SQLite workspace (every
 * `report`, `check` and `verify` on one) never pays for loading it. PostgreSQL returns bigint
 * (int8) as a string by default; our counts fit in a JS number, so it is parsed as one.
 */
export async function loadPg(): Promise<typeof import('pg').default> {
  const pg = (await import('pg')).default;
  pg.types.setTypeParser(20, (v: string) => Number(v));
  return pg;
}

/** Opens (and migrates) the store. */
export async function openDatabase(location: StoreLocation): Promise<OpenedDatabase> {
  let db: Kysely<Database>;
  let native: SqliteDatabase.Database | undefined;
  if (location.dialect === 'sqlite') {
    mkdirSync(dirname(location.file), { recursive: true });
    native = new SqliteDatabase(location.file);
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    // Writers queue rather than fail: a check saving its run waits for a collection's commit.
    native.pragma('busy_timeout = 60000');
    db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: native }) });
  } else {
    const pg = await loadPg();
    db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool: copyCapablePool(new pg.Pool({ connectionString: location.url, max: 4 })) }) });
  }
  const provider: MigrationProvider = { getMigrations: async () => migrations(location.dialect) };
  // Kysely looks for its migration tables in every schema unless told which one; name the
  // schema the connection writes to, so two workspaces in two schemas never confuse each other.
  let migrationTableSchema: string | undefined;
  if (location.dialect === 'postgres') {
    try {
      migrationTableSchema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
    } catch (e) {
      await db.destroy();
      throw new FieldworkError('STORE_FAILED', `Could not connect to PostgreSQL: ${e instanceof Error ? e.message : String(e)}`, { hint: 'Check FIELDWORK_DATABASE_URL and that the server is reachable.', cause: e });
    }
  }
  // Migrations each add their own tables or columns and do not depend on one another's order, so
  // a store that already ran a later one (a development build) still takes an earlier one that
  // arrives after it, instead of refusing to open.
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true, ...(migrationTableSchema ? { migrationTableSchema } : {}) }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new FieldworkError('STORE_FAILED', `Could not prepare the ${location.dialect} store${failed ? ` (migration ${failed})` : ''}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: location.dialect === 'postgres' ? 'Check FIELDWORK_DATABASE_URL and that the server is reachable.' : 'Check that the .fieldwork folder is writable.',
      cause: error,
    });
  }
  return { db, dialect: location.dialect, ...(native ? { native } : {}) };
}
