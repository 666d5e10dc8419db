import { citationOf, isAgentRisk, recordsOf } from '../../records/index.js';
import type { Check, CheckException, CheckStatus, PopulationItem } from '../check.js';

/** Without `automatedControls` (a caller that does not set it): statuses only a check that ran gives. */
const TESTED: readonly CheckStatus[] = ['pass', 'exception', 'insufficient_evidence'];

/**
 * Every agent risk (prompt injection, tool misuse, cross-tenant leakage, model drift, provider
 * outage) is linked to at least one control that an automated check tests. Runs after the other
 * checks, so it knows which linked controls have a check.
 */
export const riskControlLinkCheck: Check = {
  id: 'risk.agent_unlinked',
  title: 'Every agent risk linked to a control with an automated check',
  requires: ['risk'],
  reads: ['risk'],
  after: true,
  run(ctx) {
    const results = ctx.results ?? new Map<string, CheckStatus>();
    // A manual control tested from submitted evidence has a status too, but no automated check.
    const automated = (id: string) => (ctx.automatedControls ? ctx.automatedControls.has(id) : TESTED.includes(results.get(id) as CheckStatus));
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const r of recordsOf(ctx.records, 'risk').filter(isAgentRisk)) {
      const linked = r.controls.map((id) => ({ id, status: results.get(id) }));
      items.push({
        id: r.id, subject: r.id,
        trace: [
          { label: 'register entry', detail: `${r.title} (${r.category})`, citation: citationOf(r) },
          ...linked.map((c) => ({ label: `linked control ${c.id}`, detail: c.status === undefined ? 'not in the catalog in scope' : automated(c.id) ? `automated check, ${c.status}` : 'no automated check (manual)' })),
        ],
      });
      const add = (rule: string, detail: string) => exceptions.push({ rule, subject: r.id, detail, citations: [citationOf(r)], itemId: r.id });
      if (linked.length === 0) {
        add('risk.agent_unlinked', `${r.title} is an agent risk (${r.category}) linked to no control.`);
        continue;
      }
      if (linked.some((c) => c.status !== undefined && automated(c.id))) continue;
      const manual = linked.filter((c) => c.status !== undefined && !automated(c.id)).map((c) => c.id);
      const unknown = linked.filter((c) => c.status === undefined).map((c) => c.id);
      add('risk.agent_manual_only', `${r.title} is an agent risk (${r.category}) linked only to controls without an automated check: ${[
        ...(manual.length ? [`${manual.join(', ')} (manual)`] : []),
        ...(unknown.length ? [`${unknown.join(', ')} (not in the catalog in scope)`] : []),
      ].join('; ')}.`);
    }
    return { populationQuery: 'agent risks in the register (prompt-injection, tool-misuse, cross-tenant-leakage, model-drift, provider-outage)', items, exceptions };
  },
};
