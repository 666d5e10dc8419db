/**
 * @module Calendar arithmetic in a workspace timezone. Instants are ISO-8601 UTC strings;
 * calendar dates are `YYYY-MM-DD` and mean a day in the workspace's IANA timezone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date of an instant as seen in `timeZone`.
 * @example localDate('2026-03-01T02:00:00Z', 'America/Los_Angeles') // '2026-02-28'
 */
export function localDate(instant: string | Date, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return formatter(timeZone).format(d);
}

/** Whole days from calendar date `a` to `b` (`b - a`); negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds `n` days to a calendar date. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant at which calendar date `date` starts in `timeZone`.
 * @example startOfDay('2026-01-15', 'Europe/Berlin') // '2026-01-14T23:00:00.000Z'
 */
export function startOfDay(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  let t = guess - offsetMinutes(guess, timeZone) * 60_000;
  t = guess - offsetMinutes(t, timeZone) * 60_000;
  return new Date(t).toISOString();
}

/** The UTC instant at which calendar date `date` ends (start of the next day) in `timeZone`. */
export function endOfDay(date: string, timeZone: string): string {
  return startOfDay(addDays(date, 1), timeZone);
}

/** A closed range of calendar dates, interpreted in the workspace timezone. */
export interface Period {
  from: string;
  to: string;
}

/** True when `instant` falls on a calendar day inside `period` in `timeZone`. */
export function inPeriod(instant: string, period: Period, timeZone: string): boolean {
  const d = localDate(instant, timeZone);
  return d >= period.from && d <= period.to;
}
