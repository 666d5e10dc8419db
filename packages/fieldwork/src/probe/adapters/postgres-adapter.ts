import { hashingEmbedder } from '@fieldwork/agent/memory';
import { FieldworkError } from '@fieldwork/core';
import { answered, denied } from '../probe-adapter.js';
import type { ProbeAdapter, ProbeAnswer } from '../probe-adapter.js';
import type { PostgresProbeConfig } from '../probe-config.js';

/** The one thing the adapter needs of a connection: `pg.Client` and PGlite both fit. */
export interface SqlSession {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null; affectedRows?: number }>;
}

type VectorMode = { kind: 'pgvector' | 'array'; dimensions: number } | { kind: 'none' };

const q = (ident: string) => ident.split('.').map((p) => `"${p}"`).join('.');
const affected = (r: { rowCount?: number | null; affectedRows?: number }) => r.rowCount ?? r.affectedRows ?? 0;

/** The SDK's hashing embedding folded or padded to the column's dimensions. */
function embed(text: string, dimensions: number): number[] {
  const v = hashingEmbedder(text);
  const out = new Array<number>(dimensions).fill(0);
  v.forEach((x, i) => (out[i % dimensions] += x));
  return out;
}

/**
 * The probe against a PostgreSQL table with a tenant column and row-level security. Every
 * request runs in its own transaction that sets the tenant with
 * `set_config(tenantSetting, tenant, true)` — or sets nothing, for the no-tenant request — and
 * then queries WITHOUT a tenant filter, as an application bug would: only row-level security
 * stands between tenants. Similarity queries use pgvector's `<=>` on a `vector` column, or the
 * cosine distance computed in SQL on a float array.
 *
 * Connect as the application's role: `prepare` refuses superusers, roles with BYPASSRLS, and the
 * table owner unless FORCE ROW LEVEL SECURITY is set, since row-level security does not apply
 * to them and the probe would prove nothing.
 *
 * @example
 * const client = new pg.Client({ connectionString: process.env.FIELDWORK_PROBE_DATABASE_URL }); await client.connect()
 * const run = await runProbe(postgresAdapter(client, postgresProbeConfigSchema.parse({ table: 'app.memories' })), opts)
 */
export function postgresAdapter(session: SqlSession, config: PostgresProbeConfig): ProbeAdapter {
  const t = q(config.table);
  const [id, tenantCol, content] = [q(config.idColumn), q(config.tenantColumn), q(config.contentColumn)];
  let vector: VectorMode = { kind: 'none' };

  async function tx<T>(tenant: string | undefined, fn: () => Promise<T>): Promise<T> {
    await session.query('begin');
    try {
      if (tenant !== undefined) await session.query('select set_config($1, $2, true)', [config.tenantSetting, tenant]);
      const r = await fn();
      await session.query('commit');
      return r;
    } catch (e) {
      await session.query('rollback').catch(() => undefined);
      throw e;
    }
  }

  /** Permission errors (42501) are refusals; anything else fails the attempt. */
  async function guarded<T>(tenant: string | undefined, fn: () => Promise<ProbeAnswer<T>>): Promise<ProbeAnswer<T>> {
    try {
      return await tx(tenant, fn);
    } catch (e) {
      if ((e as { code?: string }).code === '42501') return denied(`permission denied: ${(e as Error).message}`);
      throw e;
    }
  }

  const literal = (text: string) => {
    if (vector.kind === 'none') return undefined;
    const v = embed(text, vector.dimensions);
    return vector.kind === 'pgvector' ? `[${v.join(',')}]` : `{${v.join(',')}}`;
  };

  return {
    name: 'postgres',
    async prepare() {
      const role = (await session.query('select current_user as "user", r.rolsuper as "super", r.rolbypassrls as "bypass" from pg_roles r where r.rolname = current_user')).rows[0] ?? {};
      const table = (await session.query('select c.relrowsecurity as "rls", c.relforcerowsecurity as "force", pg_get_userbyid(c.relowner) as "owner" from pg_class c where c.oid = to_regclass($1)', [config.table])).rows[0];
      if (!table) throw new FieldworkError('CONFIG_INVALID', `probe.table ${config.table} does not exist or is not visible to role ${String(role.user)}.`, { hint: 'Set probe.table to the schema-qualified table that holds tenant memories.' });
      if (role.super || role.bypass) {
        throw new FieldworkError('USAGE', `The probe is connected as ${String(role.user)}, a ${role.super ? 'superuser' : 'role with BYPASSRLS'}: row-level security does not apply to it, so the probe would prove nothing.`, { hint: 'Connect as the role the application uses (set the URL in the variable named by probe.urlEnv).' });
      }
      if (table.owner === role.user && !table.force) {
        throw new FieldworkError('USAGE', `The probe is connected as ${String(role.user)}, the owner of ${config.table}; owners bypass row-level security unless FORCE ROW LEVEL SECURITY is set.`, { hint: 'Connect as the application role, which should not own its tables.' });
      }
      const notes = [`connected as role ${String(role.user)} (not superuser, no BYPASSRLS, not the owner ${String(table.owner)})`, `row-level security on ${config.table}: ${table.rls ? 'enabled' : 'DISABLED'}${table.force ? ' (forced)' : ''}`];
      if (config.embeddingColumn) {
        const col = (await session.query('select format_type(a.atttypid, a.atttypmod) as "type" from pg_attribute a where a.attrelid = to_regclass($1) and a.attname = $2 and not a.attisdropped', [config.table, config.embeddingColumn])).rows[0];
        const type = String(col?.type ?? '');
        const dims = /^vector\((\d+)\)$/.exec(type);
        if (dims) vector = { kind: 'pgvector', dimensions: Number(dims[1]) };
        else if (/^(double precision|real|numeric)\[\]$/.test(type)) vector = { kind: 'array', dimensions: 256 };
        else if (type) throw new FieldworkError('CONFIG_INVALID', `probe.embeddingColumn ${config.embeddingColumn} has type ${type}; expected vector(N) or a float array.`, { hint: 'Set probe.embeddingColumn: null to probe with text queries.' });
        notes.push(vector.kind === 'pgvector' ? `similarity: pgvector <=> on ${type}` : vector.kind === 'array' ? `similarity: cosine distance in SQL on ${type}` : 'similarity: none (no embedding column)');
      }
      return notes;
    },
    async write(tenant, key, text) {
      const v = literal(text);
      await tx(tenant, async () => {
        if (v === undefined) await session.query(`insert into ${t} (${id}, ${tenantCol}, ${content}) values ($1, $2, $3)`, [key, tenant, text]);
        else await session.query(`insert into ${t} (${id}, ${tenantCol}, ${content}, ${q(config.embeddingColumn as string)}) values ($1, $2, $3, $4::${vector.kind === 'pgvector' ? 'vector' : 'float8[]'})`, [key, tenant, text, v]);
      });
    },
    query(tenant, text) {
      return guarded(tenant, async () => {
        const v = literal(text);
        const e = config.embeddingColumn ? q(config.embeddingColumn) : '';
        const sql = vector.kind === 'pgvector'
          ? `select ${content} as "content" from ${t} order by ${e} <=> $1::vector limit 10`
          : vector.kind === 'array'
            ? `select ${content} as "content" from ${t} order by 1 - (select sum(a * b) from unnest(${e}, $1::float8[]) as p(a, b)) / nullif(sqrt((select sum(a * a) from unnest(${e}) as x(a))) * sqrt((select sum(b * b) from unnest($1::float8[]) as y(b))), 0) nulls last limit 10`
            : `select ${content} as "content" from ${t} where position($1 in ${content}) > 0 limit 10`;
        const r = await session.query(sql, [v ?? text]);
        return answered(r.rows.map((row) => String(row.content)));
      });
    },
    get(tenant, key) {
      return guarded(tenant, async () => {
        const r = await session.query(`select ${content} as "content" from ${t} where ${id} = $1`, [key]);
        return answered(r.rows.length > 0 ? String(r.rows[0].content) : undefined);
      });
    },
    update(tenant, key, text) {
      return guarded(tenant, async () => {
        const r = await session.query(`update ${t} set ${content} = $2 where ${id} = $1`, [key, text]);
        return affected(r) > 0 ? answered(affected(r)) : denied('0 rows updated');
      });
    },
    delete(tenant, key) {
      return guarded(tenant, async () => {
        const r = await session.query(`delete from ${t} where ${id} = $1`, [key]);
        return affected(r) > 0 ? answered(affected(r)) : denied('0 rows deleted');
      });
    },
  };
}
