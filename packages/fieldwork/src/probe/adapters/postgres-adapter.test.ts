import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../testing/index.js';
import { postgresProbeConfigSchema } from '../probe-config.js';
import { runProbe } from '../run-probe.js';
import { postgresAdapter } from './postgres-adapter.js';
import type { SqlSession } from './postgres-adapter.js';

// Debian 12 ships no pgvector for the PostgreSQL server here; PGlite's pgvector build runs
// in-process on Node 20, so the vector path is tested there.
import { vector } from '@electric-sql/pglite-pgvector';
const opts = { store: 'agent-memory', tenants: ['probe-a', 'probe-b'], runId: 'pg-1' };
const leakedOps = (run: Awaited<ReturnType<typeof runProbe>>) => [...new Set(run.attempts.filter((a) => a.outcome === 'leaked').map((a) => a.op))].sort();

/** The tables of the test: one guarded by row-level security on app.tenant_id, one not. */
function tablesSql(schema: string, embedding: string, role: string): string {
  return `
    create table ${schema}.memories (id text primary key, tenant_id text not null, content text not null, embedding ${embedding});
    alter table ${schema}.memories enable row level security;
    create policy tenant_isolation on ${schema}.memories using (tenant_id = current_setting('app.tenant_id', true));
    create table ${schema}.leaky_memories (id text primary key, tenant_id text not null, content text not null, embedding ${embedding});
    grant usage on schema ${schema} to ${role};
    grant select, insert, update, delete on ${schema}.memories, ${schema}.leaky_memories to ${role};`;
}

describe.skipIf(!TEST_DATABASE_URL)('postgres adapter (PostgreSQL server, row-level security)', () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const schema = `fw_probe_${suffix}`;
  const role = `fw_probe_app_${suffix}`;
  let admin: pg.Client;
  let app: pg.Client;
  let embedding = 'float8[]';

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const available = await admin.query(`select 1 from pg_available_extensions where name = 'vector'`);
    if (available.rowCount) {
      await admin.query('create extension if not exists vector');
      embedding = 'vector(256)';
    }
    await admin.query(`create schema ${schema}; create role ${role} login;`);
    await admin.query(tablesSql(schema, embedding, role));
    // A separate login as the non-owner role: owners and superusers bypass row-level security.
    const url = new URL(TEST_DATABASE_URL as string);
    url.username = role;
    url.password = '';
    url.searchParams.set('options', `-c search_path=${schema}`);
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`drop owned by ${role}; drop role if exists ${role}`);
    await admin.end();
  });

  it('passes a table with row-level security, probed as the application role', async () => {
    const run = await runProbe(postgresAdapter(app, postgresProbeConfigSchema.parse({ table: `${schema}.memories` })), opts);
    expect(run).toMatchObject({ adapter: 'postgres', canaries: 2, leaks: 0, passed: true });
    expect(run.notes.join('\n')).toMatch(new RegExp(`connected as role ${role}`));
    expect(run.notes.join('\n')).toMatch(/row-level security on .*: enabled/);
    expect(run.notes.join('\n')).toMatch(embedding === 'float8[]' ? /cosine distance in SQL/ : /pgvector/);
    expect(run.attempts.find((a) => a.op === 'update')).toMatchObject({ outcome: 'denied', detail: '0 rows updated' });
    expect((await admin.query(`select count(*)::int as n from ${schema}.memories`)).rows[0].n).toBe(0);
  });

  it('detects the same table without row-level security', async () => {
    const run = await runProbe(postgresAdapter(app, postgresProbeConfigSchema.parse({ table: `${schema}.leaky_memories` })), opts);
    expect(run.passed).toBe(false);
    expect(leakedOps(run)).toEqual(['delete', 'get', 'no_tenant', 'query', 'update']);
    expect(run.notes.join('\n')).toMatch(/DISABLED/);
  });

  it('refuses to probe as a superuser, for whom row-level security does not apply', async () => {
    await expect(runProbe(postgresAdapter(admin, postgresProbeConfigSchema.parse({ table: `${schema}.memories` })), opts)).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('postgres adapter (PGlite in-process)', () => {
  async function pglite(extensions: Record<string, unknown> = {}): Promise<PGlite> {
    // Extensions are optional plug-ins; their precise option types do not matter to the test.
    const db = await (PGlite.create as (o: object) => Promise<PGlite>)({ extensions });
    await db.exec('create role probe_app nologin; create schema app; create schema txt;');
    return db;
  }
  /** PGlite runs as a superuser: switch to the application role for the probe. */
  async function asApp(db: PGlite): Promise<SqlSession> {
    await db.exec('set role probe_app');
    return db;
  }
  // One instance for the float-array and text paths: starting PGlite takes seconds.
  let db: PGlite;
  let session: SqlSession;
  beforeAll(async () => {
    db = await pglite();
    await db.exec(tablesSql('app', 'float8[]', 'probe_app'));
    await db.exec(tablesSql('txt', 'text', 'probe_app').replace(/, embedding text/g, ''));
    session = await asApp(db);
  });
  afterAll(async () => db?.close());

  it('float array path: passes with row-level security, detects the table without', async () => {
    expect((await runProbe(postgresAdapter(session, postgresProbeConfigSchema.parse({ table: 'app.memories' })), opts)).passed).toBe(true);
    const leaky = await runProbe(postgresAdapter(session, postgresProbeConfigSchema.parse({ table: 'app.leaky_memories' })), opts);
    expect(leakedOps(leaky)).toEqual(['delete', 'get', 'no_tenant', 'query', 'update']);
  });

  it('text path: a table without an embedding column is probed with text queries', async () => {
    const run = await runProbe(postgresAdapter(session, postgresProbeConfigSchema.parse({ table: 'txt.memories', embeddingColumn: null })), opts);
    expect(run.passed).toBe(true);
    expect(leakedOps(await runProbe(postgresAdapter(session, postgresProbeConfigSchema.parse({ table: 'txt.leaky_memories', embeddingColumn: null })), opts))).toContain('query');
  });

  it('pgvector path: <=> on a vector(256) column', async () => {
    const vdb = await pglite({ vector });
    await vdb.exec('create extension if not exists vector');
    await vdb.exec(tablesSql('app', 'vector(256)', 'probe_app'));
    const vs = await asApp(vdb);
    const run = await runProbe(postgresAdapter(vs, postgresProbeConfigSchema.parse({ table: 'app.memories' })), opts);
    expect(run.passed).toBe(true);
    expect(run.notes.join('\n')).toMatch(/pgvector <=> on vector\(256\)/);
    expect(leakedOps(await runProbe(postgresAdapter(vs, postgresProbeConfigSchema.parse({ table: 'app.leaky_memories' })), opts))).toContain('query');
    await vdb.close();
  });
});
