import { citationOf, recordsOf, residualOf, riskLevel } from '../../records/index.js';
import type { Check, CheckException, PopulationItem } from '../check.js';
import { describeRating, risksSection } from './risk-workspace.js';

/**
 * Every risk whose residual rating is high has a treatment someone answers for: an accepted risk
 * names who accepted it; any other treatment names an owner and a date.
 */
export const riskTreatmentCheck: Check = {
  id: 'risk.high_untreated',
  title: 'Every high residual risk has an owned, dated treatment',
  requires: ['risk'],
  reads: ['risk'],
  run(ctx) {
    const section = risksSection(ctx.workspace);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const r of recordsOf(ctx.records, 'risk')) {
      if (riskLevel(residualOf(r), section) !== 'high') continue;
      const t = r.treatment;
      items.push({
        id: r.id, subject: r.id,
        trace: [
          { label: 'register entry', detail: `${r.title}; ${describeRating(r, section)}`, citation: citationOf(r) },
          { label: 'treatment', detail: t ? `${t.type}${t.plan ? `: ${t.plan}` : ''}; owner ${t.owner ?? 'none'}; due ${t.due ?? 'none'}${t.approvedBy ? `; accepted by ${t.approvedBy}` : ''}` : 'none stated' },
        ],
      });
      let missing: string[];
      if (!t) missing = ['a treatment'];
      else if (t.type === 'accept') missing = t.approvedBy ? [] : ['who accepted it (approved_by)'];
      else missing = [...(t.owner ? [] : ['an owner']), ...(t.due ? [] : ['a due date'])];
      if (missing.length > 0) {
        exceptions.push({
          rule: 'risk.high_untreated', subject: r.id,
          detail: `${r.title} stays high after treatment (${describeRating(r, section)}) and its ${t ? `${t.type} treatment` : 'entry'} lacks ${missing.join(' and ')}.`,
          citations: [citationOf(r)], itemId: r.id,
        });
      }
    }
    return { populationQuery: `risks in the register whose residual score is at least ${section.levels.high} (high)`, items, exceptions };
  },
};
