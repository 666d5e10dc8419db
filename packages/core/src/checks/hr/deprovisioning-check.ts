import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, AccountRecord, PersonRecord, SignInRecord } from '../../records/index.js';
import { addDays, daysBetween, endOfDay, localDate } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckOutcome, CheckStream, PopulationItem, TraceStep } from '../check.js';
import { failedOutcome } from '../access/identity-keys.js';
import { isActiveAccount } from '../access/account-roster.js';
import { sharedSignInLogins } from '../access/sign-in-logins.js';
import { stringPool } from '../change/string-pool.js';
import { addAccountEmails, employments } from './employment-spells.js';
import type { AccountEmails, Employment, EmploymentSpell } from './employment-spells.js';

const DEPROVISION_ACTIONS = new Set(['deactivate', 'suspend', 'delete']);
const REVIVE_ACTIONS = new Set(['activate', 'unsuspend', 'create']);
/** How far before the HR end date a deactivation still counts as this departure's. */
const EARLY_WINDOW_DAYS = 30;

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Leavers are deprovisioned in the identity provider within `maxDelayDays` calendar days of
 * their HR end date, counted in the workspace timezone; a leaver never deprovisioned, or whose
 * account is active after the deadline, is an exception. When the log shows no deprovisioning,
 * dated account rosters speak: a roster taken after the deadline that still lists the account as
 * active is an exception; one taken by the deadline without it (or with it disabled) shows it was
 * removed on time; a leaver whose account is gone only from rosters taken after the deadline was
 * removed at an unknown time, which the check reports as missing evidence rather than a failure.
 */
const stream: CheckStream = {
  // The log and the sign-in records twice: first the renamed accounts that join emails into people
  // (so the leavers are known), then only the leavers' events are kept.
  kinds: ['access_event', 'sign_in', 'access_event', 'sign_in'],
  start(ctx) {
    const rows = recordsOf(ctx.records, 'person');
    const continuity = Number(ctx.params.continuityDays ?? 7);
    const accountEmails: AccountEmails = new Map();
    const standIns = sharedSignInLogins(ctx);
    let people: Employment[] | undefined;
    let leaverKeys: Set<string> | undefined;
    const leavers = () => {
      if (leaverKeys) return leaverKeys;
      people = employments(rows, continuity, accountEmails);
      leaverKeys = new Set(people.filter((p) => p.spells.some((s) => !!s.end && s.end >= ctx.period.from && s.end <= ctx.period.to)).flatMap((p) => p.emails));
      return leaverKeys;
    };
    const events: LeaverEvent[] = [];
    const pool = stringPool();
    // A denied or failed attempt neither deprovisions nor shows the account in use. Of an event
    // kept, only what the judgement reads (at 10M records the leavers' events are 350k).
    const keep = (e: AccessEventRecord) => {
      if (failedOutcome(e)) return;
      const keys = leavers();
      if (keys.has(norm(e.email)) || keys.has(norm(e.account))) events.push(leaverEvent(e, pool));
    };
    return {
      add(kind, batch, pass) {
        if (kind === 'access_event' && pass === 0) {
          standIns.seeAll(batch as readonly AccessEventRecord[]);
          for (const e of batch as readonly AccessEventRecord[]) if (!failedOutcome(e)) addAccountEmails(accountEmails, e);
        } else if (kind === 'sign_in' && pass === 1) {
          for (const s of batch as readonly SignInRecord[]) {
            const e = standIns.standIn(s);
            if (e) addAccountEmails(accountEmails, e);
          }
        } else if (kind === 'access_event') {
          for (const e of batch as readonly AccessEventRecord[]) keep(e);
        } else if (kind === 'sign_in') {
          for (const s of batch as readonly SignInRecord[]) {
            const e = standIns.standIn(s);
            if (e) keep(e);
          }
        }
      },
      finish() {
        leavers();
        return judgeLeavers(ctx, people as Employment[], events);
      },
    };
  },
};

export const deprovisioningCheck: Check = {
  id: 'hr.deprovisioning',
  title: 'Leavers are deprovisioned in the identity provider on time',
  requires: ['person'],
  reads: ['person', 'account', 'access_event', 'sign_in'],
  requiresAny: ['access_event', 'account'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};

/** What the judgement of a leaver reads of an access event (a sign-in stand-in included). */
type LeaverEvent = Pick<AccessEventRecord, 'source' | 'artifact' | 'locator' | 'system' | 'eventType' | 'action' | 'at' | 'account' | 'email' | 'actor'>;

/** The fields of `e` a leaver's judgement reads, the repeated ones (system, event type, account, email, actor) held once. */
function leaverEvent(e: AccessEventRecord, pool: (s: string) => string): LeaverEvent {
  return {
    source: e.source, artifact: e.artifact, locator: e.locator, system: pool(e.system), eventType: pool(e.eventType), action: e.action, at: e.at,
    account: pool(e.account), email: e.email === undefined ? undefined : pool(e.email), actor: e.actor === undefined ? undefined : pool(e.actor),
  };
}

/** The leavers' departures judged: `events` are those of the leavers' emails (not failed), the log's first, then sign-in stand-ins. */
function judgeLeavers(ctx: CheckContext, people: Employment[], events: LeaverEvent[]): CheckOutcome {
  {
    const maxDelay = Number(ctx.params.maxDelayDays ?? 1);
    const tz = ctx.timezone;
    // Dated rosters: each roster's time, and its rows by every key the account is known by.
    const rosterRows = recordsOf(ctx.records, 'account').filter((a) => !!a.snapshotAt);
    const rosterTimes = [...new Set(rosterRows.map((a) => a.snapshotAt as string))].sort();
    const rowsByKey = new Map<string, AccountRecord[]>();
    for (const a of rosterRows) {
      for (const k of new Set([norm(a.email), norm(a.login)])) if (k) rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), a]);
    }
    const unknownTiming: string[] = [];
    const eventsByEmail = new Map<string, LeaverEvent[]>();
    // A denied or failed attempt neither deprovisions nor shows the account in use.
    for (const e of events) {
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

    // Each employment spell that ended in the period is one leaver, judged with its own events:
    // those before the next spell's start (less the days IT prepares a rehire's account).
    for (const person of people) {
      const mine = [...new Map(person.emails.flatMap((k) => eventsByEmail.get(k) ?? []).map((e) => [`${e.source}|${e.locator}|${e.artifact}`, e])).values()]
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      person.spells.forEach((spell, i) => {
        if (!spell.end || spell.end < ctx.period.from || spell.end > ctx.period.to) return;
        const next = person.spells[i + 1];
        const boundary = next?.start ? addDays(next.start, -preStart) : undefined;
        judge(spell as typeof spell & { end: string }, boundary ? mine.filter((e) => localDate(e.at, tz) < boundary) : mine, next?.start);
      });
    }

    /**
     * Judges a leaver without a deprovisioning event from the rosters taken after the end date.
     * Returns false when no roster after the end date exists (the log alone decides).
     */
    function judgeByRoster(p: PersonRecord, emails: string[], endDate: string, deadline: string, trace: TraceStep[], add: (rule: string, detail: string, at: string | undefined, cites: LeaverEvent[], rows?: AccountRecord[]) => void): boolean {
      const left = endOfDay(endDate, tz);
      const limit = endOfDay(ctx.asOf < ctx.period.to ? ctx.asOf : ctx.period.to, tz);
      const after = rosterTimes.filter((t) => t >= left && t < limit);
      if (after.length === 0) return false;
      const rows = emails.flatMap((k) => rowsByKey.get(k) ?? []);
      const due = endOfDay(deadline, tz);
      const activeAt = (t: string) => rows.filter((r) => r.snapshotAt === t && isActiveAccount(r));
      const stillActive = after.filter((t) => activeAt(t).length > 0);
      const lastActive = stillActive.at(-1);
      const goneAt = after.find((t) => activeAt(t).length === 0 && (!lastActive || t > lastActive));
      for (const t of [lastActive, goneAt]) {
        if (!t) continue;
        const row = activeAt(t)[0] ?? rows.find((r) => r.snapshotAt === t);
        trace.push({ label: 'account roster', at: t, detail: activeAt(t).length ? `account still active in the roster taken ${t}` : `account ${row ? `${row.status ?? 'inactive'}` : 'absent'} in the roster taken ${t}`, ...(row ? { citation: citationOf(row) } : {}) });
      }
      if (lastActive && lastActive >= due) {
        const row = activeAt(lastActive)[0];
        if (goneAt) add('deprovision.late', `Left on ${endDate}; the account was still active in the ${row.system} roster taken ${lastActive}, after the deadline ${deadline}, and gone by the roster taken ${goneAt}.`, lastActive, [], [row]);
        else add('deprovision.missing', `Left on ${endDate}; the account is still active in the ${row.system} roster taken ${lastActive}, after the deadline ${deadline}.`, lastActive, [], [row]);
        return true;
      }
      if (goneAt && goneAt < due) return true;
      if (goneAt) {
        // Removed between the end date and a roster after the deadline: when, no evidence says.
        unknownTiming.push(p.email ?? p.id);
        trace.push({ label: 'deprovisioning time unknown', detail: `No log event and no roster between ${endDate} and ${deadline} shows when the account was removed.` });
        return true;
      }
      return false;
    }

    function judge(spell: EmploymentSpell & { end: string }, events: LeaverEvent[], rehiredOn: string | undefined) {
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
      const add = (rule: string, detail: string, at: string | undefined, cites: LeaverEvent[], rows: AccountRecord[] = []) =>
        exceptions.push({ rule, subject, detail, ...(at ? { at } : {}), citations: [citationOf(p), ...cites.map(citationOf), ...rows.map(citationOf)], itemId });

      if (deprov) {
        const day = localDate(deprov.at, tz);
        const delay = daysBetween(endDate, day);
        trace.push({ label: `${deprov.system} ${deprov.action}`, at: deprov.at, detail: `${deprov.eventType} by ${deprov.actor ?? 'unknown actor'}; ${delay} calendar day(s) after the end date in ${tz}`, citation: citationOf(deprov) });
        if (delay > maxDelay) {
          add('deprovision.late', `Deprovisioned ${delay} calendar days after the HR end date ${endDate} (allowed: ${maxDelay}, counted in ${tz}).`, deprov.at, [deprov]);
        }
      } else if (rosterTimes.length > 0 && judgeByRoster(p, [...new Set(spell.rows.map((r) => norm(r.email)).filter(Boolean))], endDate, deadline, trace, add)) {
        // The rosters decided (on time, late, still active, or removed at an unknown time).
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
    const failing = exceptions.length > 0;
    return {
      ...(unknownTiming.length > 0 ? {
        notes: [`${unknownTiming.length} leaver(s) (${unknownTiming.join(', ')}) are gone from the account roster, but neither the identity provider log nor a roster taken by the deadline shows when; collect the provider's event log or roster more often.`],
        ...(failing ? {} : { status: 'insufficient_evidence' as const }),
      } : {}),
      populationQuery: `employment spells (HR rows grouped by HR id and email; spells less than ${continuity} days apart joined) ending between ${ctx.period.from} and ${ctx.period.to}; identity events matched by any of the person's emails, up to ${preStart} days before a rehire's new start (deactivate, suspend, delete); without one, dated account rosters taken after the end date`,
      items,
      exceptions,
    };
  }
}
