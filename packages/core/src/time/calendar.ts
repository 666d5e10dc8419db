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

const HOUR = 3_600_000;
/** Per zone: UTC hour → the local date every instant of that hour falls on (null when it does not fall on one). */
const hourDates = new Map<string, Map<number, string | null>>();
/** Bound on the hours remembered per zone (about 30 years); the cache starts over past it. */
const MAX_HOURS = 1 << 18;

/**
 * The calendar date of an instant as seen in `timeZone`.
 * @example localDate('2026-03-01T02:00:00Z', 'America/Los_Angeles') // '2026-02-28'
 */
export function localDate(instant: string | Date, timeZone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  // Formatting is the expensive part (it was a third of `check`): every instant of a UTC hour
  // falls on the same local date unless the zone's midnight or an offset change falls inside
  // it, so the date is worked out once per hour and zone, and formatted per instant only then.
  if (Number.isNaN(ms)) return formatter(timeZone).format(new Date(ms));
  const hour = Math.floor(ms / HOUR);
  let dates = hourDates.get(timeZone);
  if (!dates) hourDates.set(timeZone, (dates = new Map()));
  let date = dates.get(hour);
  if (date === undefined) {
    if (dates.size >= MAX_HOURS) dates.clear();
    date = dateOfWholeHour(hour * HOUR, timeZone);
    dates.set(hour, date);
  }
  return date ?? formatter(timeZone).format(new Date(ms));
}

/**
 * The local date of every instant in the UTC hour starting at `start`, or null when the hour
 * spans two dates. One offset at both ends means no offset change inside (they are months
 * apart), so local time runs straight through the hour and one date at both ends is the date
 * throughout.
 */
function dateOfWholeHour(start: number, timeZone: string): string | null {
  const end = start + HOUR - 1;
  const f = formatter(timeZone);
  const date = f.format(new Date(start));
  if (f.format(new Date(end)) !== date) return null;
  return offsetMinutes(start, timeZone) === offsetMinutes(end, timeZone) ? date : null;
}

/** Whole days from calendar date `a` to `b` (`b - a`); negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Adds `n` days to a calendar date. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    offsetFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** `zone|date` → the instant the date starts there (the same few hundred days are asked for again and again). */
const dayStarts = new Map<string, string>();

/**
 * The UTC instant at which calendar date `date` starts in `timeZone`.
 * @example startOfDay('2026-01-15', 'Europe/Berlin') // '2026-01-14T23:00:00.000Z'
 */
export function startOfDay(date: string, timeZone: string): string {
  const key = `${timeZone}|${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return known;
  const guess = Date.parse(`${date}T00:00:00Z`);
  let t = guess - offsetMinutes(guess, timeZone) * 60_000;
  t = guess - offsetMinutes(t, timeZone) * 60_000;
  const start = new Date(t).toISOString();
  if (dayStarts.size >= MAX_HOURS) dayStarts.clear();
  dayStarts.set(key, start);
  return start;
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
