import type { DemoContext } from './demo-context.js';

/** Which planted problems a demo carries: every one (`all`), or the default story. */
export type DemoProblems = 'story' | 'all';

/**
 * The default story: what an auditor would recognise in a company a few weeks before its audit.
 * One leaver deactivated late (which also shows on the model providers' CUECs that rely on
 * HR-05), one change merged without approval and one direct push, one critical vulnerability
 * fixed past its SLA, one vendor without a current SOC 2 report, one silent model swap in
 * production (support logged it as an incident, but it was never declared nor evaluated), two prompts
 * with personal data left in the log (a card number; a full name with a home address and a date of
 * birth), one quarter without a restore test of the agent memory, one starter who never
 * acknowledged a policy and one screened after their first day, three manual-evidence requests
 * gone wrong (one late, one missing, one rejected), one risk whose yearly review lapsed and one
 * high residual risk without a treatment. Every other plant
 * is generated in its compliant form.
 */
export const DEMO_STORY: ReadonlySet<string> = new Set([
  'identity.late',
  'code.no_approval',
  'code.direct_push',
  'scanners.sla_breached',
  'vendors.report_stale',
  'traces.silent_swap',
  'traces.pii_first',
  'traces.pii_second',
  'backups.restore_missing',
  'risks.review_overdue',
  'risks.high_untreated',
  'manual.late',
  'manual.missing',
  'manual.rejected',
  'people.ack_missing',
  'people.background_after_start',
]);

/** Whether the demo being generated plants the problem `id` (otherwise its compliant version is generated). */
export function planting(ctx: DemoContext, id: string): boolean {
  return ctx.problems === 'all' || DEMO_STORY.has(id);
}
