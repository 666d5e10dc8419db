/** @module The calendar periods of an audit window: the population of a periodic control. */
import type { Frequency } from '../catalog/index.js';
import { localDate, unitsOverlapping } from '../time/index.js';
import type { Period } from '../time/index.js';

/** The calendar unit a periodic control operates in. */
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One period of the window: `2026-Q3`, `2026-05`, `week of 2026-05-11`, `2026-05-14`. */
export interface AuditPeriod {
  /** Stable id and label, used for seeded sampling and printed in the report. */
  id: string;
  /** First and last calendar day of the whole period (it may reach outside the window). */
  from: string;
  to: string;
}

/** The period kind of a frequency, or null when the control does not operate per calendar period. */
export function periodKindOf(frequency: Frequency): PeriodKind | null {
  const kinds: Partial<Record<Frequency, PeriodKind>> = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', annual: 'year' };
  return kinds[frequency] ?? null;
}

/**
 * The calendar periods overlapping the window, whole, in order. Weeks start on Monday; an
 * annual control's one period is the window itself (it is tested once).
 *
 * @example windowPeriods('month', { from: '2026-04-15', to: '2026-06-02' }).map((p) => p.id) // ['2026-04', '2026-05', '2026-06']
 */
export function windowPeriods(kind: PeriodKind, window: Period): AuditPeriod[] {
  if (kind === 'year') return [{ id: `${window.from}..${window.to}`, from: window.from, to: window.to }];
  const unit = ({ day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly' } as const)[kind];
  // The checks' calendar units, labelled as the report names them (a week by its Monday).
  return unitsOverlapping(window, unit).map((u) => ({ id: kind === 'week' ? `week of ${u.from}` : u.label, from: u.from, to: u.to }));
}

/**
 * The calendar date of an item or exception time: a date stays as it is, an instant is read in
 * the workspace time zone (a scan at 23:30 in Los Angeles belongs to that day there).
 */
export function calendarDateOf(at: string, timeZone: string): string {
  return at.includes('T') ? localDate(at, timeZone) : at.slice(0, 10);
}

/** The period containing a calendar date, or undefined when the date is outside every period. */
export function periodOf(periods: readonly AuditPeriod[], date: string): AuditPeriod | undefined {
  return periods.find((p) => date >= p.from && date <= p.to);
}
