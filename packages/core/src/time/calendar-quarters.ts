import type { Period } from './calendar.js';

/** A calendar quarter: `2026-Q3` from 2026-07-01 to 2026-09-30. */
export interface CalendarQuarter {
  label: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The calendar quarters that overlap `period`, whole (a quarter is judged on all its days, so
 * a review done early in a quarter the period starts in still counts).
 * @example quartersOverlapping({ from: '2026-04-01', to: '2026-09-30' }).map((q) => q.label) // ['2026-Q2', '2026-Q3']
 */
export function quartersOverlapping(period: Period): CalendarQuarter[] {
  const out: CalendarQuarter[] = [];
  let y = Number(period.from.slice(0, 4));
  let q = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3);
  for (;;) {
    const m0 = q * 3 + 1;
    const from = `${y}-${pad(m0)}-01`;
    if (from > period.to) break;
    out.push({ label: `${y}-Q${q + 1}`, from, to: `${y}-${pad(m0 + 2)}-${pad(lastDay(y, m0 + 2))}` });
    if (++q === 4) {
      q = 0;
      y++;
    }
  }
  return out;
}
