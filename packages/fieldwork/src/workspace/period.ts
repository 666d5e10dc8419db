import { addDays, FieldworkError, localDate } from '@fieldwork/core';
import type { Period } from '@fieldwork/core';
import { z } from 'zod';
import type { Workspace } from './workspace-schema.js';

// A real calendar day, the rule fieldwork.yaml's dates follow (a regex alone takes 2026-13-01).
const DATE = z.iso.date();

/**
 * The period checks cover: `--from/--to` when given, else the Type II window, else the year
 * up to the Type I as-of date. `asOf` is the evidence date: the period end, or today if earlier.
 */
export function resolvePeriod(config: Workspace, flags: { from?: string; to?: string }, now = new Date()): { period: Period; asOf: string } {
  for (const [k, v] of [['from', flags.from], ['to', flags.to]] as const) {
    if (v !== undefined && !DATE.safeParse(v).success) throw new FieldworkError('USAGE', `--${k} ${JSON.stringify(v)} is not a calendar date.`, { hint: 'Use YYYY-MM-DD with a real month and day, e.g. 2026-03-31.' });
  }
  const r = config.scope.report;
  const to = flags.to ?? (r.type === 2 ? r.to : r.asOf);
  const from = flags.from ?? (r.type === 2 && !flags.to ? r.from : addDays(to, -364));
  if (from > to) throw new FieldworkError('USAGE', `The period starts (${from}) after it ends (${to}).`, { hint: 'Swap --from and --to.' });
  const today = localDate(now, config.timezone);
  return { period: { from, to }, asOf: to < today ? to : today };
}
