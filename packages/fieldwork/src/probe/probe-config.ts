import { z } from 'zod';

const template = (method: string) => z.object({
  method: z.string().regex(/^[A-Za-z]+$/).default(method).transform((m) => m.toUpperCase()),
  /** Path (and query string) relative to baseUrl, with {{tenant}}, {{id}}, {{text}} placeholders (URL-encoded). */
  path: z.string().min(1),
  /** JSON body (an object whose strings may hold placeholders) or a raw string. */
  body: z.unknown().optional(),
}).strict();
export type HttpRequestTemplate = z.output<ReturnType<typeof template>>;

/** The `http` adapter's settings: the platform's own memory API as request templates. */
export const httpProbeConfigSchema = z.object({
  baseUrl: z.url(),
  tenantHeader: z.string().min(1).default('X-Tenant-Id'),
  /** Extra headers; `${ENV_VAR}` in a value is read from the environment (e.g. `Authorization: Bearer ${PROBE_TOKEN}`). */
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(10_000),
  write: template('POST'),
  query: template('POST'),
  get: template('GET'),
  update: template('PUT'),
  delete: template('DELETE'),
});
export type HttpProbeConfig = z.output<typeof httpProbeConfigSchema>;

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'a plain SQL identifier (schema.table allowed)');

/** The `postgres` adapter's settings: a table with a tenant column guarded by row-level security. */
export const postgresProbeConfigSchema = z.object({
  /** Environment variable with the connection URL of the application's role (never the owner or a superuser). */
  urlEnv: z.string().min(1).default('FIELDWORK_PROBE_DATABASE_URL'),
  table: identifier.default('memories'),
  idColumn: identifier.default('id'),
  tenantColumn: identifier.default('tenant_id'),
  contentColumn: identifier.default('content'),
  /** Embedding column (pgvector `vector` or a float array); null when the table has none. */
  embeddingColumn: identifier.nullable().default('embedding'),
  /** The setting the row-level security policy reads (`current_setting('app.tenant_id', true)`). */
  tenantSetting: z.string().regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/i).default('app.tenant_id'),
});
export type PostgresProbeConfig = z.output<typeof postgresProbeConfigSchema>;

/**
 * The workspace `probe:` section. Common settings plus the chosen adapter's (flat, as in
 * `probe: { adapter: http, baseUrl, write: {…}, … }`); adapter settings are validated when the
 * probe runs.
 */
export const probeConfigSchema = z.object({
  adapter: z.enum(['http', 'postgres', 'memory']).default('memory'),
  /** Source name of the probe's evidence in the ledger. */
  source: z.string().min(1).default('isolation-probe'),
  /** The store probed, as evidence and the check name it. */
  store: z.string().min(1).default('agent-memory'),
  /** Dedicated probe tenants (two or more). */
  tenants: z.array(z.string().min(1)).min(2).default(['fieldwork-probe-a', 'fieldwork-probe-b']),
}).loose();
export type ProbeConfig = z.output<typeof probeConfigSchema>;
