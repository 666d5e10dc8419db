import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { FieldworkStore } from '../store/index.js';

/** The PostgreSQL URL store tests use when set (`.ci/run` sets it); SQLite always runs. */
export const TEST_DATABASE_URL = process.env.FIELDWORK_TEST_DATABASE_URL;

export interface TestStore {
  dialect: 'sqlite' | 'postgres';
  store: FieldworkStore;
  /** Environment for a CLI run against the same store. */
  env: Record<string, string>;
  /** A folder for blobs/workspace files. */
  dir: string;
  dispose(): Promise<void>;
}

/** The dialects to loop over: `for (const dialect of TEST_DIALECTS)`. */
export const TEST_DIALECTS: ('sqlite' | 'postgres')[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A URL for a fresh PostgreSQL schema (isolated per test), plus a way to drop it. */
export async function freshPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('FIELDWORK_TEST_DATABASE_URL is not set');
  const schema = `fw_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(TEST_DATABASE_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** Opens an empty store of `dialect` in a temporary place. */
export async function openTestStore(dialect: 'sqlite' | 'postgres'): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-test-'));
  if (dialect === 'sqlite') {
    const store = await FieldworkStore.open({ dialect: 'sqlite', file: join(dir, '.fieldwork', 'fieldwork.db') });
    return { dialect, store, env: {}, dir, async dispose() { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = await freshPostgresSchema();
  const store = await FieldworkStore.open({ dialect: 'postgres', url: schema.url });
  return {
    dialect, store, env: { FIELDWORK_DATABASE_URL: schema.url }, dir,
    async dispose() {
      await store.close();
      await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The store of the workspace in `dir` for `dialect`: its own SQLite file, or a fresh PostgreSQL
 * schema (with `drop` to remove it once the store is closed).
 */
export async function openWorkspaceStore(dir: string, dialect: 'sqlite' | 'postgres'): Promise<{ store: FieldworkStore; drop?: () => Promise<void> }> {
  if (dialect === 'sqlite') return { store: await FieldworkStore.open(FieldworkStore.locationFor(dir, {})) };
  const schema = await freshPostgresSchema();
  return { store: await FieldworkStore.open({ dialect: 'postgres', url: schema.url }), drop: schema.drop };
}
