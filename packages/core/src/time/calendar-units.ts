import type { Period } from './calendar.js';
import { addDays } from './calendar.js';
import { quartersOverlapping } from './calendar-quarters.js';

/** The calendar units a periodic control is tested in. */
export const calendarUnits = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type CalendarUnit = (typeof calendarUnits)[number];

/** One calendar unit: `2026-W14` (ISO week, Monday to Sunday), `2026-04`, `2026-Q2`, `2026-04-07`. */
export interface CalendarSpan {
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (d: string) => (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6

/** The ISO week label of a calendar date (`2026-12-31` → `2026-W53`, `2027-01-01` → `2026-W53`). */
export function isoWeek(date: string): string {
  const thursday = addDays(date, 3 - weekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7) + 1;
  return `${year}-W${pad(week)}`;
}

/**
 * The whole calendar units that overlap a period, oldest first: an auditor tests "one scan per
 * calendar week", not "no gap longer than seven days". Calendar dates only; a day is already
 * counted in the workspace timezone by the caller.
 *
 * @example
 * unitsOverlapping({ from: '2026-12-30', to: '2027-01-05' }, 'weekly').map((u) => u.label) // ['2026-W53', '2027-W01']
 */
export function unitsOverlapping(period: Period, unit: CalendarUnit): CalendarSpan[] {
  if (unit === 'quarterly') return quartersOverlapping(period);
  const out: CalendarSpan[] = [];
  if (unit === 'daily') {
    for (let d = period.from; d <= period.to; d = addDays(d, 1)) out.push({ label: d, from: d, to: d });
    return out;
  }
  if (unit === 'weekly') {
    for (let d = addDays(period.from, -weekday(period.from)); d <= period.to; d = addDays(d, 7)) out.push({ label: isoWeek(d), from: d, to: addDays(d, 6) });
    return out;
  }
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  for (;;) {
    const from = `${y}-${pad(m)}-01`;
    if (from > period.to) break;
    const to = `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
    out.push({ label: `${y}-${pad(m)}`, from, to });
    if (++m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
}
