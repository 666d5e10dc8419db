import { citationOf, recordsOf } from '../../records/index.js';
import { addMonths } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { describeRating, risksSection } from './risk-workspace.js';

/**
 * Every risk in the register was reviewed within its cadence (the entry's `review_months`, else
 * the control's `reviewMonths` parameter, else the workspace's `risks.reviewMonths`). A risk never
 * reviewed is measured from the day it was created, so a newly added risk is not overdue.
 */
export const riskReviewCheck: Check = {
  id: 'risk.review_overdue',
  title: 'Every risk in the register reviewed within its cadence',
  requires: ['risk'],
  reads: ['risk'],
  run(ctx) {
    const section = risksSection(ctx.workspace);
    const fallback = Number(ctx.params.reviewMonths ?? section.reviewMonths);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const r of recordsOf(ctx.records, 'risk')) {
      if (r.createdOn && r.createdOn > ctx.asOf) continue;
      const months = r.reviewMonths ?? fallback;
      const last = r.reviewedOn ?? r.createdOn;
      const trace: TraceStep[] = [{ label: 'register entry', detail: `${r.title}; ${describeRating(r, section)}; owner ${r.owner ?? 'none'}`, citation: citationOf(r) }];
      items.push({ id: r.id, subject: r.id, ...(last ? { at: last } : {}), trace });
      if (!last) {
        exceptions.push({ rule: 'risk.review_undated', subject: r.id, detail: `${r.title}: the register gives neither a review date nor a creation date, so its review cannot be shown.`, citations: [citationOf(r)], itemId: r.id });
        continue;
      }
      const due = addMonths(last, months);
      trace.push({ label: r.reviewedOn ? 'last review' : 'created (not yet reviewed)', at: last, detail: `next review due ${due} (every ${months} months)` });
      if (due < ctx.asOf) {
        exceptions.push({
          rule: 'risk.review_overdue', subject: r.id, at: due,
          detail: `${r.title}: ${r.reviewedOn ? `last reviewed ${r.reviewedOn}` : `created ${r.createdOn} and never reviewed`}; a review was due by ${due} (every ${months} months).`,
          citations: [citationOf(r)], itemId: r.id,
        });
      }
    }
    return { populationQuery: `risks in the register created on or before ${ctx.asOf}`, items, exceptions };
  },
};
