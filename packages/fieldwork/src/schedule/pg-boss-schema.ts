import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FieldworkStore } from '../store/index.js';

/** The pg-boss queue every scheduled job goes through. */
export const SCHEDULE_QUEUE = 'fieldwork-schedule';

/**
 * The schema pg-boss keeps its tables in for this store: `pgboss` beside a store in `public`,
 * `<schema>_pgboss` beside a store in another schema, so two workspaces (or two tests) sharing
 * one database never share a queue.
 */
export async function pgBossSchemaFor(store: FieldworkStore): Promise<string> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s;
  if (schema === 'public') return 'pgboss';
  const name = `${schema}_pgboss`;
  // pg-boss accepts word characters only, at most 50 of them.
  return /^[a-z_]\w{0,49}$/i.test(name) ? name : `fieldwork_pgboss_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}
