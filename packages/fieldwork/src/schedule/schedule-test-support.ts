import { appendFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { FieldworkStore } from '../store/index.js';
import { pgBossSchemaFor } from './pg-boss-schema.js';
import { join } from 'node:path';
import { registerJobKind } from './job-kinds.js';
import type { ScheduledJobContext } from './job-kinds.js';

/** Appends a `schedule:` section (YAML lines under it) to a test workspace's fieldwork.yaml. */
export function addSchedule(dir: string, lines: string[]): void {
  appendFileSync(join(dir, 'fieldwork.yaml'), ['schedule:', ...lines.map((l) => `  ${l}`)].join('\n') + '\n');
}

/**
 * Registers a job kind under a fresh name that counts its runs per tick (and can be made slow
 * or failing), for tests that assert each tick ran exactly once.
 */
export function countingJob(prefix: string, o: { fail?: (tick: string) => boolean; delayMs?: number } = {}) {
  const kind = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const runs = new Map<string, number>();
  registerJobKind({
    kind,
    description: 'counts its runs (test)',
    async run(ctx: ScheduledJobContext) {
      const tick = ctx.tick.toISOString();
      runs.set(tick, (runs.get(tick) ?? 0) + 1);
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      if (o.fail?.(tick)) throw new Error(`planned failure at ${tick}`);
      return { tick };
    },
  });
  return { kind, runs };
}

/** Drops the pg-boss schema beside a test store (the store's own schema is dropped by its test helper). */
export async function dropPgBossSchema(store: FieldworkStore): Promise<void> {
  await sql`drop schema if exists ${sql.id(await pgBossSchemaFor(store))} cascade`.execute(store.db);
}
