/** @module How often a manual control asks for evidence, and the occurrences of a window. */
import type { Control, Frequency } from '../catalog/index.js';
import { addDays, unitsOverlapping } from '../time/index.js';
import type { Period } from '../time/index.js';

/** The cadences evidence is requested in. */
export const requestCadences = ['annual', 'quarterly', 'monthly', 'weekly'] as const;
export type RequestCadence = (typeof requestCadences)[number];

/** One occurrence of a manual control: `2026-Q2` from 2026-04-01 to 2026-06-30. */
export interface Occurrence {
  /** The `covers` id a submission names: `2026`, `2026-Q2`, `2026-05`, `2026-W19`. */
  id: string;
  from: string;
  to: string;
}

// A person attests a period, not each event or each day: controls that run continuously or per
// event hand in the period's evidence (a configuration export, the quarter's log of events) each
// quarter, and a daily control a month's log. Periodic controls keep their own cadence.
const CADENCE_OF: Record<Frequency, RequestCadence> = {
  annual: 'annual', quarterly: 'quarterly', monthly: 'monthly', weekly: 'weekly',
  daily: 'monthly', multiple_daily: 'monthly', continuous: 'quarterly', per_event: 'quarterly',
};

/**
 * The cadence a control's evidence is requested in: the control's `evidenceCadence` parameter
 * when set (a workspace override), else derived from its frequency.
 *
 * @example requestCadenceOf({ ...control, frequency: 'continuous', params: {} }) // 'quarterly'
 */
export function requestCadenceOf(control: Pick<Control, 'frequency' | 'params'>): RequestCadence {
  const override = control.params.evidenceCadence;
  if (typeof override === 'string' && (requestCadences as readonly string[]).includes(override)) return override as RequestCadence;
  return CADENCE_OF[control.frequency];
}

/**
 * The occurrences of a cadence that overlap a window, whole, oldest first: calendar years,
 * quarters, months or ISO weeks (the checks' one calendar implementation).
 *
 * @example occurrencesIn('quarterly', { from: '2026-04-01', to: '2026-09-30' }).map((o) => o.id) // ['2026-Q2', '2026-Q3']
 */
export function occurrencesIn(cadence: RequestCadence, window: Period): Occurrence[] {
  if (cadence === 'annual') {
    const out: Occurrence[] = [];
    for (let y = Number(window.from.slice(0, 4)); y <= Number(window.to.slice(0, 4)); y++) out.push({ id: String(y), from: `${y}-01-01`, to: `${y}-12-31` });
    return out;
  }
  return unitsOverlapping(window, cadence).map((u) => ({ id: u.label, from: u.from, to: u.to }));
}

/**
 * The cadence and span of an occurrence id, or null when it is not one: `2026` (a year),
 * `2026-Q2`, `2026-05`, `2026-W19` (ISO week, Monday to Sunday).
 *
 * @example occurrenceSpan('2026-W19') // { cadence: 'weekly', id: '2026-W19', from: '2026-05-04', to: '2026-05-10' }
 */
export function occurrenceSpan(id: string): (Occurrence & { cadence: RequestCadence }) | null {
  let m = /^(\d{4})$/.exec(id);
  if (m) return { cadence: 'annual', id, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (m) {
    const q = occurrencesIn('quarterly', { from: `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`, to: `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01` })[0];
    return { cadence: 'quarterly', ...q };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
  if (m) return { cadence: 'monthly', ...occurrencesIn('monthly', { from: `${id}-01`, to: `${id}-01` })[0] };
  m = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(id);
  if (m) {
    // ISO week 1 holds 4 January; its Monday starts the week-year.
    const jan4 = `${m[1]}-01-04`;
    const monday = addDays(jan4, -((new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7));
    const from = addDays(monday, (Number(m[2]) - 1) * 7);
    const week = occurrencesIn('weekly', { from, to: from })[0];
    // Week 53 exists only in long years.
    return week.id === id ? { cadence: 'weekly', ...week } : null;
  }
  return null;
}
