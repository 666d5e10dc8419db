import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshPostgresSchema, TEST_DIALECTS } from '../testing/index.js';
import { CurrentSchemaPostgresDialect } from './current-schema-postgres-dialect.js';
import { FieldworkStore } from './fieldwork-store.js';
import { migrations } from './migrations.js';
import type { StoreLocation } from './open-database.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const pr = (artifact: string, title: string) => JSON.stringify({ kind: 'change', source: 'github', artifact, locator: '/0', repo: 'acme/api', number: 7, title, author: 'ada', mergedAt: '2026-05-01T00:00:00.000Z', targetBranch: 'main', via: 'pull_request', reviews: [], ticketRefs: [], labels: [], emergency: false });

/** A store as Fieldwork wrote it before identities existed: the same PR collected twice, and another once. */
async function oldStore(location: StoreLocation): Promise<void> {
  const db = new Kysely<any>({
    dialect: location.dialect === 'sqlite' ? new SqliteDialect({ database: new SqliteDatabase(location.file) }) : new CurrentSchemaPostgresDialect({ pool: new pg.Pool({ connectionString: location.url, max: 1 }) }),
  });
  const all = migrations(location.dialect);
  const old = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0003'));
  const schema = location.dialect === 'postgres' ? (await db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()).s : undefined;
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => old }, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) throw error;
  for (const [seq, artifact, at] of [[1, A, '2026-05-01T00:00:00.000Z'], [2, B, '2026-05-08T00:00:00.000Z']] as const) {
    await db.insertInto('ledger').values({ seq, artifact, source: 'github', kind: 'github-rest', collected_at: at, period_from: null, period_to: null, record_count: 1, populations: '{}', origin: 'pulls.json', prev: '', hash: '' }).execute();
  }
  await db.insertInto('records').values([
    { ledger_seq: 1, artifact: A, source: 'github', kind: 'change', at: '2026-05-01T00:00:00.000Z', subject: 'acme/api', locator: '/0', data: pr(A, 'first title') },
    { ledger_seq: 2, artifact: B, source: 'github', kind: 'change', at: '2026-05-01T00:00:00.000Z', subject: 'acme/api', locator: '/0', data: pr(B, 'second title') },
  ]).execute();
  await db.destroy();
}

describe('upgrading a store collected before identities', () => {
  for (const dialect of TEST_DIALECTS) {
    it(`counts a fact collected twice once, as the later artifact says it (${dialect})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fieldwork-backfill-'));
      const schema = dialect === 'postgres' ? await freshPostgresSchema() : undefined;
      const location: StoreLocation = schema ? { dialect: 'postgres', url: schema.url } : { dialect: 'sqlite', file: join(dir, 'fieldwork.db') };
      try {
        await oldStore(location);
        const store = await FieldworkStore.open(location, join(dir, 'blobs'));
        try {
          const changes = (await store.loadRecords(['change'])).change ?? [];
          expect(changes.map((c) => c.title)).toEqual(['second title']);
          expect((await store.loadRecords(['change'], { asOf: '2026-05-02T00:00:00Z' })).change?.map((c) => c.title)).toEqual(['first title']);
          expect((await store.recordHistory('change')).map((h) => [h.seq, h.supersededBy, h.identity])).toEqual([[1, 2, '["acme/api","pr",7]'], [2, null, '["acme/api","pr",7]']]);
        } finally {
          await store.close();
        }
      } finally {
        await schema?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
