import type { CheckContext } from './check.js';

/**
 * The last day the evidence can speak for: the end of the period, or the evidence date when the
 * period has not ended yet (a check run mid-period judges what has happened so far).
 * @example evidenceEnd({ asOf: '2026-08-15', period: { from: '2026-04-01', to: '2026-09-30' } }) // '2026-08-15'
 */
export const evidenceEnd = (ctx: Pick<CheckContext, 'asOf' | 'period'>): string => (ctx.asOf < ctx.period.to ? ctx.asOf : ctx.period.to);
