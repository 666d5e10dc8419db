import { FieldworkError } from '@fieldwork/core/errors';
import { startOfDay } from '@fieldwork/core/time';
import type { Where } from '@fieldwork/core/errors';

/**
 * A calendar date from the forms HR exports use: `2026-03-10`, `03/10/2026` (US), `2026-03-10T…`.
 * Returns undefined for empty values and BambooHR's `0000-00-00`.
 */
export function normalizeDate(value: string | undefined, where: { file: string; line?: number; pointer?: string }, field: string): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '' || v === '0000-00-00') return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(v);
  if (m) return check(`${m[1]}-${m[2]}-${m[3]}`);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) return check(`${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`);
  return fail();

  function check(d: string): string {
    const t = Date.parse(`${d}T00:00:00Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d) return fail();
    return d;
  }
  function fail(): never {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${field} "${value}" is not a date.`, {
      where, hint: 'Dates must be YYYY-MM-DD or MM/DD/YYYY.',
    });
  }
}

/**
 * A UTC instant from an ISO-8601 string. A string without an offset is read in `timeZone`.
 */
export function normalizeInstant(value: string | undefined, where: { file: string; line?: number; pointer?: string }, field: string, timeZone = 'UTC'): string | undefined {
  if (value === undefined || value === null || String(value).trim() === '') return undefined;
  const v = String(value).trim();
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(v);
  let t: number;
  if (hasOffset) t = Date.parse(v);
  else {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/.exec(v);
    // A local time must name a real calendar day and clock time (2026-02-30 or 25:61 is damage, not a time to roll over).
    if (!m || !isCalendarDate(m[1]) || Number(m[2] ?? 0) > 23 || Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59) t = Number.NaN;
    else {
      const dayStart = Date.parse(startOfDay(m[1], timeZone));
      t = dayStart + ((Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000 + Math.round(Number(m[5] ?? 0) * 1000);
    }
  }
  if (Number.isNaN(t) || Math.abs(t) > 8.64e15) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${field} "${v}" is not a timestamp.`, { where, hint: 'Timestamps must be ISO-8601, e.g. 2026-03-10T14:05:00Z.' });
  }
  return new Date(t).toISOString();
}

/** True for `YYYY-MM-DD` naming a day that exists (not 2026-02-30, not 0000-00-00). */
function isCalendarDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** Latest instant a JavaScript Date holds (±100,000,000 days from 1970), in milliseconds. */
const MAX_DATE_MS = 8.64e15;

/**
 * A UTC instant from epoch `seconds` or `milliseconds`. A value no clock can hold (a
 * 33-digit number, a negative or non-finite one) is INPUT_INVALID_RECORD at `where`, never a
 * crash in `Date`.
 *
 * @example
 * instantFromEpoch(1767225600, 'seconds', { file: 'info.json', pointer: '/0/backup/0/timestamp/start' }, 'timestamp.start')
 */
export function instantFromEpoch(value: number, unit: 'seconds' | 'milliseconds', where: Where, field: string): string {
  const ms = unit === 'seconds' ? value * 1000 : value;
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DATE_MS) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file ?? 'input'}: ${field} ${value} is not a time (epoch ${unit}).`, {
      where, hint: `Expected epoch ${unit} since 1970, e.g. ${unit === 'seconds' ? '1767225600' : '1767225600000'}; the file is damaged or edited.`,
    });
  }
  return new Date(ms).toISOString();
}
