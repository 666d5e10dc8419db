import { citationOf, recordsOf } from '../../records/index.js';
import { addDays, endOfDay, inPeriod, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { categoryOf, incidentTaxonomy, severityOf } from './incident-taxonomy.js';

const DEFAULT_TOP = ['critical', 'sev0', 'sev1', 'sev-0', 'sev-1', 'p0', 'p1', 's0', 's1', 'high'];

/**
 * The incident register is kept and worked: every incident opened in the period names a
 * category of the workspace taxonomy, got its first response within its category's
 * `responseHours`, and — for the top severities (`postmortemSeverities`) — has a postmortem
 * once `postmortemDays` (default 14) have passed since it closed.
 */
export const incidentRegisterCheck: Check = {
  id: 'incident.register',
  title: 'Incidents are categorized, answered within SLA and reviewed',
  requires: ['incident'],
  reads: ['incident'],
  run(ctx) {
    const taxonomy = incidentTaxonomy(ctx.workspace);
    const top = new Set((Array.isArray(ctx.params.postmortemSeverities) ? ctx.params.postmortemSeverities.map(String) : DEFAULT_TOP).map((s) => s.toLowerCase()));
    const postmortemDays = Number(ctx.params.postmortemDays ?? 14);
    const asOfEnd = endOfDay(ctx.asOf, ctx.timezone);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const populationQuery = `incident records opened between ${ctx.period.from} and ${ctx.period.to}, matched to the workspace taxonomy (${taxonomy.length} categories) by category id or name`;
    if (taxonomy.length === 0) {
      return { populationQuery, items, exceptions, status: 'insufficient_evidence', notes: ['The workspace declares no incident taxonomy (incidents.taxonomy in fieldwork.yaml), so incidents cannot be tested against categories and response times.'] };
    }

    for (const inc of recordsOf(ctx.records, 'incident')) {
      if (!inPeriod(inc.opened, ctx.period, ctx.timezone)) continue;
      const itemId = inc.key;
      const trace: TraceStep[] = [{ label: 'incident opened', at: inc.opened, detail: `${inc.key} ${inc.title ?? ''} (${inc.category ?? 'no category'}, ${inc.severity ?? 'no severity'})`.trim(), citation: citationOf(inc) }];
      items.push({ id: itemId, subject: inc.key, at: inc.opened, trace });
      const add = (rule: string, detail: string, at?: string) => exceptions.push({ rule, subject: inc.key, detail, ...(at ? { at } : {}), citations: [citationOf(inc)], itemId });

      const cat = categoryOf(inc, taxonomy);
      if (!cat) {
        add('incident.uncategorized', inc.category
          ? `${inc.key} names the category "${inc.category}", which is not in the workspace taxonomy (${taxonomy.map((t) => t.id).join(', ') || 'none declared'}).`
          : `${inc.key} has no category.`, inc.opened);
      } else {
        trace.push({ label: 'category', detail: `${cat.id}${cat.name ? ` (${cat.name})` : ''}; owner ${cat.owner ?? 'unassigned'}; response within ${cat.responseHours ?? '—'} h` });
        if (cat.responseHours !== undefined) {
          const dueMs = Date.parse(inc.opened) + cat.responseHours * 3_600_000;
          const due = new Date(dueMs).toISOString();
          if (inc.respondedAt) {
            const hours = (Date.parse(inc.respondedAt) - Date.parse(inc.opened)) / 3_600_000;
            trace.push({ label: 'first response', at: inc.respondedAt, detail: `${hours.toFixed(1)} h after opening` });
            // Compared as instants, not strings: `14:00:00Z` is not after `14:00:00.000Z`.
            if (Date.parse(inc.respondedAt) > dueMs) add('incident.late_response', `${inc.key} (${cat.id}) got its first response ${hours.toFixed(1)} h after it was opened; the category allows ${cat.responseHours} h.`, inc.respondedAt);
          } else if (dueMs < Date.parse(asOfEnd)) {
            add('incident.late_response', `${inc.key} (${cat.id}) shows no first response; it was due by ${due}.`, due);
          }
        }
      }

      const severity = severityOf(inc.severity ?? cat?.severity, ctx.workspace);
      if (top.has(severity)) {
        if (inc.postmortem) trace.push({ label: 'postmortem', detail: inc.postmortem });
        else if (inc.closedAt && addDays(localDate(inc.closedAt, ctx.timezone), postmortemDays) < ctx.asOf) {
          add('incident.no_postmortem', `${inc.key} (severity ${severity}) closed on ${localDate(inc.closedAt, ctx.timezone)} without a postmortem (due within ${postmortemDays} days of closing).`, inc.closedAt);
        }
      }
    }
    return { populationQuery, items, exceptions };
  },
};
