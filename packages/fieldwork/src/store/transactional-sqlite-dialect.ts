import { SqliteAdapter, SqliteDialect } from 'kysely';
import type { DialectAdapter } from 'kysely';

/** SQLite's adapter, saying what SQLite can do: schema changes inside a transaction. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect, except that its migrator runs the pending migrations in one
 * transaction (Kysely's own adapter says SQLite cannot, so it ran them one statement at a time).
 * A process killed while a fresh store was being migrated left tables a migration had created
 * without the row that says it ran, and every later open failed on "duplicate column name".
 * Now a kill leaves the store as it was before the migration started.
 *
 * @example
 * new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: native }) })
 */
export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
