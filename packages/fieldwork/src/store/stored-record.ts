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
