import { recordIdentity } from '@fieldwork/core/records';
import type { FieldworkRecord } from '@fieldwork/core/records';

/**
 * A record as the store writes it: its JSON text (what the ledger entry's records digest commits
 * to) and the columns beside it. Made where the record is parsed, so a collector parsing in a
 * worker thread hands the store text to insert instead of objects to copy and serialize again.
 */
export interface StoredRecord {
  kind: string;
  artifact: string;
  source: string;
  locator: string;
  at: string | null;
  subject: string | null;
  identity: string | null;
  data: string;
}

/** The primary time of a record, for ordering and period queries. */
export function recordTime(r: FieldworkRecord): string | null {
  const x = r as unknown as Record<string, unknown>;
  for (const k of ['at', 'mergedAt', 'created', 'seenAt', 'opened', 'completedAt', 'endDate', 'startDate', 'reviewedAt', 'approvedAt']) {
    if (typeof x[k] === 'string') return x[k] as string;
  }
  return null;
}

/** What a person would look a record up by. */
export function recordSubject(r: FieldworkRecord): string | null {
  const x = r as unknown as Record<string, unknown>;
  for (const k of ['email', 'account', 'key', 'vulnId', 'name', 'id', 'resource', 'repo', 'vendor', 'policy']) {
    if (typeof x[k] === 'string') return x[k] as string;
  }
  return null;
}

/**
 * The row the store writes for `r`.
 *
 * @example
 * storedRecord(record).data === JSON.stringify(record) // true
 */
export function storedRecord(r: FieldworkRecord): StoredRecord {
  return { kind: r.kind, artifact: r.artifact, source: r.source, locator: r.locator, at: recordTime(r), subject: recordSubject(r), identity: recordIdentity(r), data: JSON.stringify(r) };
}

/**
 * Stored rows a column per field, as the parse worker sends them: eight arrays of strings clone
 * across threads for less than one object per row (each with its eight keys). Over the 14,272
 * rows of the 20 MiB OTLP bench, `postMessage` and receive took 18 ms as objects and 11 ms as
 * columns; `v8.serialize` alone 65 and 21 ms.
 */
export interface StoredRecordColumns {
  kind: string[];
  artifact: string[];
  source: string[];
  locator: string[];
  at: (string | null)[];
  subject: (string | null)[];
  identity: (string | null)[];
  data: string[];
}

/** An empty batch of {@link StoredRecordColumns}. */
export function storedRecordColumns(): StoredRecordColumns {
  return { kind: [], artifact: [], source: [], locator: [], at: [], subject: [], identity: [], data: [] };
}

/**
 * Appends the row of `r` (as {@link storedRecord} makes it) to `cols`; returns the batch's length.
 *
 * @example
 * const cols = storedRecordColumns(); pushStoredRecord(cols, record); cols.data[0] === JSON.stringify(record) // true
 */
export function pushStoredRecord(cols: StoredRecordColumns, r: FieldworkRecord): number {
  cols.kind.push(r.kind);
  cols.artifact.push(r.artifact);
  cols.source.push(r.source);
  cols.locator.push(r.locator);
  cols.at.push(recordTime(r));
  cols.subject.push(recordSubject(r));
  cols.identity.push(recordIdentity(r));
  return cols.data.push(JSON.stringify(r));
}
