import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';

/**
 * A UTC instant from any of the forms AWS tooling writes a timestamp in:
 * - ISO-8601 (`2026-04-01T10:00:17.532000+00:00`, AWS CLI v2); without an offset it is UTC,
 *   because AWS never writes local times;
 * - epoch seconds as a number or numeric string (`1775037617.532`, AWS CLI v1 and the raw API);
 * - the placebo/boto recording form `{"__class__": "datetime", "year": …, "microsecond": …}` (UTC).
 * Returns undefined for absent values; anything else is INPUT_INVALID_RECORD at `where`.
 */
export function awsInstant(value: unknown, where: Where, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let t = Number.NaN;
  if (typeof value === 'number') t = epochToMs(value);
  else if (typeof value === 'string') {
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) t = epochToMs(Number(v));
    else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(v)) t = Date.parse(`${v.replace(' ', 'T')}${v.length === 10 ? 'T00:00:00' : ''}Z`);
    else if (/^\d{4}-\d{2}-\d{2}[T ]/.test(v)) t = Date.parse(v.replace(' ', 'T'));
  } else if (typeof value === 'object' && (value as { __class__?: unknown }).__class__ === 'datetime') {
    const d = value as Record<string, unknown>;
    const n = (k: string, dflt = 0) => (typeof d[k] === 'number' ? (d[k] as number) : dflt);
    t = Date.UTC(n('year', Number.NaN), n('month', Number.NaN) - 1, n('day', Number.NaN), n('hour'), n('minute'), n('second'), Math.floor(n('microsecond') / 1000));
  }
  // Beyond ±8.64e15 ms no Date exists: a damaged epoch value is refused like a malformed string.
  if (Number.isNaN(t) || Math.abs(t) > 8.64e15) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${field} ${JSON.stringify(value)} is not a timestamp.`, {
      where: { ...where, pointer: `${where.pointer ?? ''}/${field}` },
      hint: 'AWS timestamps are ISO-8601 strings (AWS CLI v2), epoch seconds (CLI v1, the API), or boto/placebo datetime objects.',
    });
  }
  return new Date(t).toISOString();
}

/** Epoch seconds, tolerating milliseconds from tools that write them (values past year 5000 in seconds). */
function epochToMs(n: number): number {
  if (!Number.isFinite(n) || n < 0) return Number.NaN;
  return n > 1e11 ? Math.round(n) : Math.round(n * 1000);
}
