import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation, IncidentRecord } from '../../records/index.js';
import { endOfDay, startOfDay } from '../../time/index.js';
import type { Check, CheckException, PopulationItem } from '../check.js';
import { modelChangeFindings } from './model-change-check.js';
import { productionModels } from './production-models.js';
import { productionScope } from './production-scope.js';
import { attemptCitation, leakedAttempts } from './tenant-isolation-check.js';

interface AgentEvent {
  id: string;
  subject: string;
  at: string;
  /** What it is, in words: `cross-tenant retrieval`. */
  what: string;
  /** Any of these in an incident's related refs covers the event. */
  refs: string[];
  citations: Citation[];
}

/**
 * Agent events that meet an incident definition are in the incident register: retrievals
 * that returned another tenant's data, isolation probe runs that leaked, and silent model
 * swaps. An incident covers an event when its related refs name the span, trace, probe run or
 * model. (Unapproved high-risk tool calls are tested by agent.human-approval.)
 */
export const incidentCoverageCheck: Check = {
  id: 'agent.incident-coverage',
  title: 'Agent events that meet an incident definition are in the incident register',
  requires: [],
  // Tool calls and agent runs are evidence that agents ran (requiresAny), never read: they are counted, not loaded.
  reads: ['retrieval', 'isolation_probe', 'model_observation', 'incident', 'model_change', 'eval_run'],
  requiresAny: ['tool_call', 'retrieval', 'isolation_probe', 'model_observation', 'agent_run'],
  run(ctx) {
    const from = startOfDay(ctx.period.from, ctx.timezone);
    const to = endOfDay(ctx.period.to, ctx.timezone);
    const inPeriod = (at: string) => at >= from && at < to;
    const production = productionScope(ctx);
    const events: AgentEvent[] = [];

    for (const r of recordsOf(ctx.records, 'retrieval')) {
      if (!r.crossTenant || !inPeriod(r.at) || !production.includes(r.environment)) continue;
      events.push({ id: `span:${r.spanId}`, subject: r.spanId, at: r.at, what: `cross-tenant retrieval for tenant ${r.tenant ?? '(none)'} returning ${r.resultTenants.join(', ') || 'other tenants'}' data`, refs: [r.spanId, r.traceId], citations: [citationOf(r)] });
    }
    for (const p of recordsOf(ctx.records, 'isolation_probe')) {
      const leaks = leakedAttempts(p);
      if (leaks.length === 0 || !inPeriod(p.at)) continue;
      events.push({ id: `probe:${p.runId}`, subject: p.runId, at: p.at, what: `isolation probe of ${p.store} that reached another tenant's data (${leaks.length} attempt(s))`, refs: [p.runId], citations: leaks.map((l) => attemptCitation(p, l.index)) });
    }
    const firstSpans = new Map(productionModels(ctx).map((m) => [m.key, m.first.firstSpanId]));
    for (const e of modelChangeFindings(ctx).exceptions) {
      if (e.rule !== 'modelchange.silent_swap' || !e.itemId) continue;
      const span = firstSpans.get(e.itemId);
      events.push({ id: `swap:${e.itemId}:${e.at ?? ''}`, subject: e.subject, at: e.at ?? '', what: `silent model swap to ${e.subject}`, refs: [e.subject, ...(span ? [span] : [])], citations: e.citations });
    }

    const byRef = new Map<string, IncidentRecord>();
    for (const i of recordsOf(ctx.records, 'incident')) for (const ref of i.relatedRefs) if (!byRef.has(ref)) byRef.set(ref, i);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const ev of events) {
      const incident = ev.refs.map((r) => byRef.get(r)).find((i) => i !== undefined);
      const trace: PopulationItem['trace'] = [{ label: 'agent event', at: ev.at, detail: ev.what, citation: ev.citations[0] }];
      if (incident) trace.push({ label: 'incident', at: incident.opened, detail: `${incident.key} ${incident.title ?? ''}`.trim(), citation: citationOf(incident) });
      items.push({ id: ev.id, subject: ev.subject, at: ev.at, trace });
      if (!incident) {
        exceptions.push({
          rule: 'incidentcoverage.missing', subject: ev.subject, ...(ev.at ? { at: ev.at } : {}), itemId: ev.id, citations: ev.citations,
          detail: `A ${ev.what} at ${ev.at} is not in the incident register: no incident names ${ev.refs.join(' or ')} in its related refs.`,
        });
      }
    }
    return {
      populationQuery: `agent events between ${ctx.period.from} and ${ctx.period.to} that meet an incident definition (cross-tenant retrieval spans, leaking isolation probes, silent model swaps), matched to incident records by related refs`,
      items,
      exceptions,
    };
  },
};
