import { FieldworkError } from '@fieldwork/core/errors';
import { z } from 'zod';
import type { ArtifactInput } from '../collector.js';

/** The marker live roster fetches put in each page's name: `(snapshot 2026-09-30T06:00:00.000Z, page 2)`. */
export const SNAPSHOT_MARK = 'snapshot';

/**
 * When a roster artifact was taken, in this order: the source's `takenAt` option; the time a
 * live fetch wrote into the page name; a date (`2026-09-30`) or instant in the file name. A date
 * means the end of that day (UTC): the roster shows the day's final state. Nothing else is
 * trusted (a file's modification time changes when it is copied, and `verify` must re-derive the
 * same records from the stored bytes), so a roster without a date is refused.
 *
 * @example rosterTime({ displayName: 'exports/okta-users-2026-09-30.json', ... }) // '2026-09-30T23:59:59.999Z'
 */
export function rosterTime(input: Pick<ArtifactInput, 'displayName'>, takenAt?: string): string {
  if (takenAt) {
    const t = toInstant(takenAt);
    if (!t) throw new FieldworkError('SOURCE_BAD_OPTIONS', `options.takenAt "${takenAt}" is not a date or an ISO-8601 instant.`, { hint: 'Write takenAt: 2026-09-30 or 2026-09-30T06:00:00Z.' });
    return t;
  }
  const marked = new RegExp(`${SNAPSHOT_MARK} (\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)`).exec(input.displayName);
  if (marked) return new Date(marked[1]).toISOString();
  const named = /(\d{4}-\d{2}-\d{2})(?:[T_](\d{2})[:-]?(\d{2})[:-]?(\d{2})Z?)?/.exec(input.displayName.split('/').pop() ?? '');
  if (named) {
    const t = toInstant(named[2] ? `${named[1]}T${named[2]}:${named[3]}:${named[4]}Z` : named[1]);
    if (t) return t;
  }
  throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: a roster must say when it was taken, and neither the file name nor options.takenAt does.`, {
    where: { file: input.displayName },
    hint: 'Name the export after the day it was taken (okta-users-2026-09-30.json), or set options.takenAt: 2026-09-30 on the source.',
  });
}

function toInstant(v: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T23:59:59.999Z`);
    return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v ? undefined : new Date(t).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** An optional instant from the source, or undefined when absent or unreadable (Google writes 1970 for "never"). */
export function optionalInstant(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t) || t <= 0) return undefined;
  return new Date(t).toISOString();
}

/** The `takenAt` option of roster sources: a date or an ISO-8601 instant. */
export const takenAtSchema = z.string().refine((v) => toInstant(v) !== undefined, { message: 'must be a date (2026-09-30) or an ISO-8601 instant (2026-09-30T06:00:00Z)' });
