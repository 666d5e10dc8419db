import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, PersonRecord, TicketRecord } from '../../records/index.js';
import { addDays, inPeriod, localDate } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckException, CheckOutcome, CheckStream, PopulationItem, TraceStep } from '../check.js';
import { failedOutcome, norm, slug, subjectOf } from './identity-keys.js';

/** How long before a grant its request ticket may have been opened. */
const DEFAULT_REQUEST_WINDOW_DAYS = 30;
/** Days after the hire date on which grants are still part of onboarding. */
const DEFAULT_ONBOARDING_DAYS = 1;
/** How long before the hire date an onboarding ticket may have been opened. */
const ONBOARDING_LEAD_DAYS = 120;

const isOnboarding = (t: TicketRecord) => /onboard/i.test(t.type ?? '') || t.labels.some((l) => /^onboarding$/i.test(l));

/** True when the ticket names the application: in its summary, a label `app:<slug>`, or a plain label. */
export function ticketMentionsApp(t: TicketRecord, app: string): boolean {
  const appSlug = slug(app);
  if (!appSlug) return false;
  if (norm(t.summary).includes(norm(app)) || slug(t.summary ?? '').includes(appSlug)) return true;
  return t.labels.some((l) => {
    const s = slug(l.replace(/^(app|application|component)\s*:/i, ''));
    // A label `app:aws` names the AWS application even when the IdP calls it "AWS IAM Identity Center".
    return s === appSlug || (s.length >= 3 && appSlug.startsWith(`${s}-`));
  });
}

/**
 * The email a ticket's subject names: an email as is; a person's name (`Jane Doe`) or login
 * (`jane.doe`) through the HR roster, when exactly one person has it.
 */
export function subjectEmailOf(subject: string | undefined, people: readonly PersonRecord[]): string {
  const s = norm(subject);
  if (!s || s.includes('@')) return s;
  const hits = new Set(people.filter((p) => p.email && (norm(p.name) === s || norm(p.email).split('@')[0] === s)).map((p) => norm(p.email)));
  return hits.size === 1 ? [...hits][0] : '';
}

/** Which configured rule named the person, for the trace and the exception. */
const matchedBy = (t: TicketRecord) => (t.subjectRule ? `; the request names ${t.subjectEmail} (rule: ${t.subjectRule})` : '');

/**
 * Every application grant in the identity provider during the period has an access-request
 * ticket for that person and application, approved before the grant by someone other than the
 * person receiving the access. Grants on (or the day after) a hire date are covered by the
 * person's onboarding ticket.
 */
const stream: CheckStream = {
  // Only grants matter, a few among the identity provider's events: the rest pass through a batch at a time.
  kinds: ['access_event'],
  start(ctx) {
    const tz = ctx.timezone;
    const windowDays = Number(ctx.params.requestWindowDays ?? DEFAULT_REQUEST_WINDOW_DAYS);
    const onboardingDays = Number(ctx.params.onboardingWindowDays ?? DEFAULT_ONBOARDING_DAYS);
    const onlyApps = Array.isArray(ctx.params.apps) ? new Set((ctx.params.apps as string[]).map(slug)) : undefined;

    const people = recordsOf(ctx.records, 'person');
    const ticketsByEmail = new Map<string, TicketRecord[]>();
    for (const t of recordsOf(ctx.records, 'ticket')) {
      const k = subjectEmailOf(t.subjectEmail, people);
      if (!k) continue;
      let list = ticketsByEmail.get(k);
      if (!list) ticketsByEmail.set(k, (list = []));
      list.push(t);
    }
    const peopleByEmail = new Map<string, PersonRecord[]>();
    for (const p of people) {
      const k = norm(p.email);
      if (!k) continue;
      peopleByEmail.set(k, [...(peopleByEmail.get(k) ?? []), p]);
    }

    const grants: AccessEventRecord[] = [];
    const isGrant = (e: AccessEventRecord) => e.action === 'grant' && !failedOutcome(e) && inPeriod(e.at, ctx.period, tz) && (!onlyApps || onlyApps.has(slug(e.target ?? '')));
    return {
      add(kind, batch) {
        if (kind === 'access_event') for (const e of batch as readonly AccessEventRecord[]) if (isGrant(e)) grants.push(e);
      },
      finish: () => judge(grants),
    };

  function judge(grants: AccessEventRecord[]): CheckOutcome {
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];

    for (const g of grants) {
      const who = subjectOf(g);
      const app = g.target ?? 'an unnamed application';
      const itemId = g.eventId ?? `${who}|${app}|${g.at}`;
      const day = localDate(g.at, tz);
      const trace: TraceStep[] = [{ label: 'grant', at: g.at, detail: `${g.eventType}: ${who} → ${app} by ${g.actor ?? 'unknown actor'}`, citation: citationOf(g) }];
      const tickets = ticketsByEmail.get(who) ?? [];

      // Onboarding: the grant falls on the hire date (or just after) and an onboarding ticket exists.
      const hire = (peopleByEmail.get(who) ?? []).find((p) => p.startDate && day >= p.startDate && day <= addDays(p.startDate, onboardingDays));
      const onboarding = hire?.startDate
        ? tickets.filter((t) => isOnboarding(t) && localDate(t.created, tz) >= addDays(hire.startDate as string, -ONBOARDING_LEAD_DAYS) && t.created <= g.at)
        : [];
      // The window counts calendar days in the workspace timezone, not 24-hour spans: a ticket opened
      // 30 days before the grant in the morning is within a 30-day window of an afternoon grant.
      const requests = tickets.filter((t) => !isOnboarding(t) && ticketMentionsApp(t, app)
        && localDate(t.created, tz) >= addDays(day, -windowDays) && t.created <= g.at);
      // A retroactive ticket (opened after the grant) still documents the grant, but its approval is late by definition.
      const retro = tickets.filter((t) => !isOnboarding(t) && ticketMentionsApp(t, app) && t.created > g.at && localDate(t.created, tz) <= addDays(day, windowDays));
      const candidates = [...onboarding, ...requests, ...retro];
      if (hire) trace.unshift({ label: 'HR hire date', at: hire.startDate, detail: `${who} started on ${hire.startDate}`, citation: citationOf(hire) });

      // The person receiving the access cannot approve it: their sign-off is no approval.
      const selfApproved = (t: TicketRecord) => !!t.approvedBy && (norm(t.approvedBy) === who || subjectEmailOf(t.approvedBy, people) === who);
      const approvedBefore = candidates.find((t) => t.approvedAt && t.approvedAt <= g.at && !selfApproved(t));
      const self = approvedBefore ? undefined : candidates.find((t) => t.approvedAt && t.approvedAt <= g.at);
      const approvedLate = candidates.filter((t) => t.approvedAt && t.approvedAt > g.at && !selfApproved(t)).sort((a, b) => ((a.approvedAt as string) < (b.approvedAt as string) ? -1 : 1))[0];
      const add = (rule: string, detail: string, t?: TicketRecord) =>
        exceptions.push({ rule, subject: who, detail, at: g.at, citations: [citationOf(g), ...(t ? [citationOf(t)] : [])], itemId });

      if (self) {
        trace.push({ label: 'self-approval', at: self.approvedAt, detail: `${self.key} approved by ${self.approvedBy} at ${self.approvedAt}, the person receiving the access${matchedBy(self)}`, citation: citationOf(self) });
        add('grant.self_approved', `${app} was granted to ${who} at ${g.at}; ticket ${self.key} was approved only by ${self.approvedBy}, the person receiving the access${matchedBy(self)}.`, self);
      } else if (approvedBefore) {
        trace.push({ label: isOnboarding(approvedBefore) ? 'onboarding ticket' : 'access request', at: approvedBefore.approvedAt, detail: `${approvedBefore.key} approved by ${approvedBefore.approvedBy ?? 'unknown'} at ${approvedBefore.approvedAt}${matchedBy(approvedBefore)}`, citation: citationOf(approvedBefore) });
      } else if (approvedLate) {
        trace.push({ label: 'late approval', at: approvedLate.approvedAt, detail: `${approvedLate.key} approved at ${approvedLate.approvedAt}, after the grant`, citation: citationOf(approvedLate) });
        add('grant.approved_after', `${app} was granted at ${g.at}; ticket ${approvedLate.key} was approved only at ${approvedLate.approvedAt} by ${approvedLate.approvedBy ?? 'unknown'}${matchedBy(approvedLate)}.`, approvedLate);
      } else if (candidates.length > 0) {
        const t = candidates[0];
        trace.push({ label: 'unapproved ticket', at: t.created, detail: `${t.key} (${t.status ?? 'no status'}) shows no approval`, citation: citationOf(t) });
        add('grant.unapproved', `${app} was granted at ${g.at}; ticket ${t.key} for it was never approved${matchedBy(t)}.`, t);
      } else {
        trace.push({ label: 'no ticket', detail: `No access request naming ${app} for ${who} opened within ${windowDays} days before the grant${hire ? ', and no onboarding ticket' : ''}.` });
        add('grant.no_ticket', `${app} was granted to ${who} at ${g.at} with no access-request ticket for that person and application${hire ? ' and no onboarding ticket' : ''}.`);
      }
      // The audit's unit is the grant: a new hire gets several applications on one day.
      items.push({ id: itemId, subject: `${who} → ${app}`, at: g.at, trace });
    }
    return {
      populationQuery: `access_event records with action grant (application or group membership added) between ${ctx.period.from} and ${ctx.period.to} in ${tz}, outcome not failed; tickets matched by subject email and application, opened within ${windowDays} days before; onboarding tickets cover grants on the hire date`,
      items,
      exceptions,
    };
  }
  },
};

export const grantApprovalCheck: Check = {
  id: 'access.grant-approval',
  title: 'Access grants approved in a ticket before they are made',
  requires: ['access_event'],
  reads: ['access_event', 'person', 'ticket'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};
