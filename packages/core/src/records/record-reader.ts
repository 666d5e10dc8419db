import type { RecordKind, RecordOf, RecordSet } from './record-schemas.js';

/**
 * The narrow read side of the store that checks run over: how many current records there are of
 * each kind, and the current records of one kind in batches, in the store's order (by time, then
 * as stored). The store implements it with indexed, keyset-paged queries; the core only
 * receives it, so the core still does no I/O, and a check run loads a kind only while a check
 * that reads it runs.
 *
 * @example
 * const reader = recordSetReader({ person: [alice, bob] })
 * for await (const batch of reader.batches('person')) console.log(batch.length) // 2
 */
export interface RecordReader {
  /** Current records per kind (kinds without any may be absent). */
  counts(): Promise<Partial<Record<RecordKind, number>>>;
  /** The current records of `kind`, oldest first, a batch at a time. */
  batches<K extends RecordKind>(kind: K): AsyncIterable<RecordOf<K>[]>;
}

/**
 * A reader over records already in memory (tests, and callers that hold a small set).
 *
 * @example
 * const run = await runChecksFrom({ controls, reader: recordSetReader(records), period, timezone: 'UTC', asOf: '2026-03-31' })
 */
export function recordSetReader(set: RecordSet): RecordReader {
  return {
    counts: async () => Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v?.length ?? 0])),
    async *batches<K extends RecordKind>(kind: K) {
      const rows = (set[kind] ?? []) as RecordOf<K>[];
      if (rows.length > 0) yield rows;
    },
  };
}
