import { FieldworkError } from '@fieldwork/core/errors';
import { recordSchemas } from '@fieldwork/core/records';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { compileRecordCheck } from './record-check.js';
import type { RecordCheck } from './record-check.js';

/** Each kind's schema compiled once into an allocation-free check (see compileRecordCheck). */
const fastChecks = new Map<string, RecordCheck | undefined>();

/**
 * Checks each record against its schema so a collector bug never stores a malformed fact. A
 * record the compiled check accepts is exactly what the schema would return, so it passes as
 * is; any other goes through the schema, for its normalized form or its error.
 */
export async function* validated(records: AsyncIterable<FieldworkRecord>, file: string): AsyncGenerator<FieldworkRecord> {
  for await (const r of records) {
    const schema = (recordSchemas as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } } }>)[r.kind];
    if (!schema) throw new FieldworkError('INTERNAL', `Collector produced an unknown record kind "${r.kind}".`);
    let fast = fastChecks.get(r.kind);
    if (fast === undefined && !fastChecks.has(r.kind)) fastChecks.set(r.kind, (fast = compileRecordCheck(schema)));
    if (fast?.(r)) {
      yield r;
      continue;
    }
    const res = schema.safeParse(r);
    if (!res.success) {
      const issue = res.error!.issues[0];
      throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: ${r.kind} at ${r.locator}: ${issue.path.join('.')}: ${issue.message}`, {
        where: { file, ...(r.locator.startsWith('line ') ? { line: Number(r.locator.slice(5).split('#')[0]) } : { pointer: r.locator }) },
        hint: 'The value at that place is missing or not in the expected form.',
      });
    }
    yield res.data as FieldworkRecord;
  }
}

