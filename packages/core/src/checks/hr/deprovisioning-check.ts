import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, PersonRecord } from '../../records/index.js';
import { addDays, daysBetween, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { failedOutcome } from '../access/identity-keys.js';

const DEPROVISION_ACTIONS = new Set(['deactivate', 'suspend', 'delete']);
const REVIVE_ACTIONS = new Set(['activate', 'unsuspend', 'create']);
/** How far before the HR end date a deactivation still counts as this departure's. */
const EARLY_WINDOW_DAYS = 30;

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Leavers are deprovisioned in the identity provider within `maxDelayDays` calendar days of
 * their HR end date, counted in the workspace timezone; a leaver never deprovisioned, or whose
 * account is active after the deadline, is an exception.
 */
export const deprovisioningCheck: Check = {
  id: 'hr.deprovisioning',
  title: 'Leavers are deprovisioned in the identity provider on time',
  requires: ['person', 'access_event'],
  run(ctx) {
    const maxDelay = Number(ctx.params.maxDelayDays ?? 1);
    const tz = ctx.timezone;
    const eventsByEmail = new Map<string, AccessEventRecord[]>();
    // A denied or failed attempt neither deprovisions nor shows the account in use.
    for (const e of recordsOf(ctx.records, 'access_event').filter((x) => !failedOutcome(x))) {
      for (const key of new Set([norm(e.email), norm(e.account)])) {
        if (!key) continue;
        let list = eventsByEmail.get(key);
        if (!list) eventsByEmail.set(key, (list = []));
        list.push(e);
      }
    }
    for (const list of eventsByEmail.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

    const leavers = recordsOf(ctx.records, 'person').filter(
      (p): p is PersonRecord & { endDate: string } => !!p.endDate && p.endDate >= ctx.period.from && p.endDate <= ctx.period.to,
    );
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];

    for (const p of leavers) {
      const subject = p.email ?? p.id;
      const itemId = `${p.id}:${p.endDate}`;
      const hr: TraceStep = { label: 'HR end date', at: p.endDate, detail: `${p.name ?? subject} left on ${p.endDate} (${p.workerType ?? 'employee'})`, citation: citationOf(p) };
      const events = eventsByEmail.get(norm(p.email)) ?? [];
      const earliest = addDays(p.endDate, -EARLY_WINDOW_DAYS);
      const floor = p.startDate && p.startDate > earliest ? p.startDate : earliest;
      const deprov = events.find((e) => DEPROVISION_ACTIONS.has(e.action) && localDate(e.at, tz) >= floor);
      const deadline = addDays(p.endDate, maxDelay);
      const trace: TraceStep[] = [hr];
      const add = (rule: string, detail: string, at: string | undefined, cites: AccessEventRecord[]) =>
        exceptions.push({ rule, subject, detail, ...(at ? { at } : {}), citations: [citationOf(p), ...cites.map(citationOf)], itemId });

      if (deprov) {
        const day = localDate(deprov.at, tz);
        const delay = daysBetween(p.endDate, day);
        trace.push({ label: `${deprov.system} ${deprov.action}`, at: deprov.at, detail: `${deprov.eventType} by ${deprov.actor ?? 'unknown actor'}; ${delay} calendar day(s) after the end date in ${tz}`, citation: citationOf(deprov) });
        if (delay > maxDelay) {
          add('deprovision.late', `Deprovisioned ${delay} calendar days after the HR end date ${p.endDate} (allowed: ${maxDelay}, counted in ${tz}).`, deprov.at, [deprov]);
        }
      } else if (deadline < ctx.asOf) {
        add('deprovision.missing', events.length === 0
          ? `Left on ${p.endDate}; the identity provider log shows no account activity or deactivation for ${subject}.`
          : `Left on ${p.endDate}; no deactivation, suspension or deletion in the identity provider log by ${ctx.asOf}.`, undefined, events.slice(-1));
      } else {
        trace.push({ label: 'deadline not reached', detail: `Deprovisioning is due by ${deadline}; the evidence date is ${ctx.asOf}.` });
      }

      // Any sign of life after the deadline: a login, or a re-activation without a rehire.
      const after = events.filter((e) => localDate(e.at, tz) > deadline && (e.action === 'login' || REVIVE_ACTIONS.has(e.action)) && (!deprov || e.at > deprov.at || e.action === 'login'));
      const rehired = !!p.rehire && !!p.startDate && p.startDate > p.endDate;
      if (after.length > 0 && !rehired) {
        const first = after[0];
        trace.push({ label: 'activity after departure', at: first.at, detail: `${first.eventType} (${after.length} event(s) after ${deadline})`, citation: citationOf(first) });
        add('deprovision.active_after_end', `Account ${first.account} was active after the deprovisioning deadline ${deadline}: ${first.eventType} at ${first.at}${after.length > 1 ? ` and ${after.length - 1} more` : ''}.`, first.at, after.slice(0, 3));
      }
      items.push({ id: itemId, subject, at: p.endDate, trace });
    }
    return {
      populationQuery: `person records with an HR end date between ${ctx.period.from} and ${ctx.period.to}; identity events matched by email (deactivate, suspend, delete)`,
      items,
      exceptions,
    };
  },
};
