import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, PersonRecord } from '../../records/index.js';
import { addDays, daysBetween, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { failedOutcome } from '../access/identity-keys.js';
import { employments } from './employment-spells.js';
import type { EmploymentSpell } from './employment-spells.js';

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

    const continuity = Number(ctx.params.continuityDays ?? 7);
    const preStart = Number(ctx.params.preStartDays ?? 7);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const rows = recordsOf(ctx.records, 'person');
    const allEvents = recordsOf(ctx.records, 'access_event').filter((x) => !failedOutcome(x));

    // Each employment spell that ended in the period is one leaver, judged with its own events:
    // those before the next spell's start (less the days IT prepares a rehire's account).
    for (const person of employments(rows, continuity, allEvents)) {
      const mine = [...new Map(person.emails.flatMap((k) => eventsByEmail.get(k) ?? []).map((e) => [`${e.source}|${e.locator}|${e.artifact}`, e])).values()]
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      person.spells.forEach((spell, i) => {
        if (!spell.end || spell.end < ctx.period.from || spell.end > ctx.period.to) return;
        const next = person.spells[i + 1];
        const boundary = next?.start ? addDays(next.start, -preStart) : undefined;
        judge(spell as typeof spell & { end: string }, boundary ? mine.filter((e) => localDate(e.at, tz) < boundary) : mine, next?.start);
      });
    }

    function judge(spell: EmploymentSpell & { end: string }, events: AccessEventRecord[], rehiredOn: string | undefined) {
      const p = spell.rows.at(-1) as PersonRecord;
      const endDate = spell.end;
      const subject = p.email ?? p.id;
      const itemId = `${p.id}:${endDate}`;
      const hr: TraceStep = { label: 'HR end date', at: endDate, detail: `${p.name ?? subject} left on ${endDate} (${spell.workerTypes.join(' then ')})${rehiredOn ? `; rehired on ${rehiredOn}, so only events before then belong to this departure` : ''}`, citation: citationOf(p) };
      const earliest = addDays(endDate, -EARLY_WINDOW_DAYS);
      const floor = spell.start && spell.start > earliest ? spell.start : earliest;
      const deprov = events.find((e) => DEPROVISION_ACTIONS.has(e.action) && localDate(e.at, tz) >= floor);
      const deadline = addDays(endDate, maxDelay);
      const trace: TraceStep[] = [hr];
      const add = (rule: string, detail: string, at: string | undefined, cites: AccessEventRecord[]) =>
        exceptions.push({ rule, subject, detail, ...(at ? { at } : {}), citations: [citationOf(p), ...cites.map(citationOf)], itemId });

      if (deprov) {
        const day = localDate(deprov.at, tz);
        const delay = daysBetween(endDate, day);
        trace.push({ label: `${deprov.system} ${deprov.action}`, at: deprov.at, detail: `${deprov.eventType} by ${deprov.actor ?? 'unknown actor'}; ${delay} calendar day(s) after the end date in ${tz}`, citation: citationOf(deprov) });
        if (delay > maxDelay) {
          add('deprovision.late', `Deprovisioned ${delay} calendar days after the HR end date ${endDate} (allowed: ${maxDelay}, counted in ${tz}).`, deprov.at, [deprov]);
        }
      } else if (deadline < ctx.asOf) {
        add('deprovision.missing', events.length === 0
          ? `Left on ${endDate}; the identity provider log shows no account activity or deactivation for ${subject}.`
          : `Left on ${endDate}; no deactivation, suspension or deletion in the identity provider log by ${ctx.asOf}.`, undefined, events.slice(-1));
      } else {
        trace.push({ label: 'deadline not reached', detail: `Deprovisioning is due by ${deadline}; the evidence date is ${ctx.asOf}.` });
      }

      // Any sign of life after the deadline and before a rehire: a login or a re-activation.
      const after = events.filter((e) => localDate(e.at, tz) > deadline && (e.action === 'login' || REVIVE_ACTIONS.has(e.action)) && (!deprov || e.at > deprov.at || e.action === 'login'));
      if (after.length > 0) {
        const first = after[0];
        trace.push({ label: 'activity after departure', at: first.at, detail: `${first.eventType} (${after.length} event(s) after ${deadline})`, citation: citationOf(first) });
        add('deprovision.active_after_end', `Account ${first.account} was active after the deprovisioning deadline ${deadline}: ${first.eventType} at ${first.at}${after.length > 1 ? ` and ${after.length - 1} more` : ''}.`, first.at, after.slice(0, 3));
      }
      items.push({ id: itemId, subject, at: endDate, trace });
    }
    return {
      populationQuery: `employment spells (HR rows grouped by HR id and email; spells less than ${continuity} days apart joined) ending between ${ctx.period.from} and ${ctx.period.to}; identity events matched by any of the person's emails, up to ${preStart} days before a rehire's new start (deactivate, suspend, delete)`,
      items,
      exceptions,
    };
  },
};
