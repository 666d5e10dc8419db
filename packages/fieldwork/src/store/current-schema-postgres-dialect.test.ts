import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshPostgresSchema, TEST_DATABASE_URL } from '../testing/index.js';
import { FieldworkStore } from './fieldwork-store.js';
import { migrations } from './migrations.js';

// Kysely's own introspector scans every schema of the database and failed here about one open
// in three ("schema … does not exist") while another connection created and dropped schemas.
describe.runIf(TEST_DATABASE_URL)('opening a PostgreSQL store while other schemas come and go', () => {
  it('opens and migrates every time, and finds its own migrations again on the next open', async () => {
    const mine = await freshPostgresSchema();
    const churn = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await churn.connect();
    let stop = false;
    let churned = 0;
    const loop = (async () => {
      while (!stop) {
        const other = `fw_churn_${process.pid}_${churned++}`;
        await churn.query(`create schema ${other}; create table ${other}.t (a int, b text)`);
        await churn.query(`drop schema ${other} cascade`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        try {
          const store = await FieldworkStore.open({ dialect: 'postgres', url: mine.url });
          await store.close();
        } catch (e) {
          failures.push(e instanceof Error ? e.message : String(e));
        }
      }
    } finally {
      stop = true;
      await loop;
      await churn.end();
    }
    process.stdout.write(`opened 20 stores while ${churned} other schemas were created and dropped: ${failures.length} failed\n`);
    expect(failures).toEqual([]);
    expect(churned).toBeGreaterThan(0);
    const store = await FieldworkStore.open({ dialect: 'postgres', url: mine.url });
    try {
      // The look-alike: each later open found the migration tables of its own schema and ran nothing twice.
      const ran = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(store.db);
      expect(ran.rows[0]!.n).toBe(Object.keys(migrations('postgres')).length);
    } finally {
      await store.close();
      await mine.drop();
    }
  }, 60_000);
});
