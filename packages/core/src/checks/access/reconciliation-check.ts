import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, AccountRecord, PersonRecord, SignInRecord } from '../../records/index.js';
import { addDays, endOfDay, inPeriod, localDate } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckException, CheckOutcome, CheckStream, PopulationItem, TraceStep } from '../check.js';
import { evidenceEnd } from '../evidence-end.js';
import { failedOutcome, norm, subjectOf } from './identity-keys.js';
import { sharedSignInLogins } from './sign-in-logins.js';
import { declaredRole, identitySection, isActiveAccount, rosterAsOf } from './account-roster.js';
import { employedOn, employments, sharedAccountEmails } from '../hr/employment-spells.js';
import type { Employment } from '../hr/employment-spells.js';

/** Identity providers whose accounts are reconciled against HR, unless the control names others. */
export const DEFAULT_IDP_SYSTEMS = ['okta', 'google-workspace', 'google', 'entra', 'azure-ad', 'onelogin', 'jumpcloud'];
/** Rules reported for follow-up that do not by themselves make the control fail. */
const NOTE_RULES = new Set(['reconcile.no_account']);
const SIGNS_OF_LIFE = new Set(['login', 'activate', 'unsuspend', 'create', 'grant', 'role_change']);


/** One event with its arrival order (ties in time keep the order the records came in). */
interface Seen { e: AccessEventRecord; seq: number }
const later = (a: Seen, b: Seen) => a.e.at > b.e.at || (a.e.at === b.e.at && a.seq > b.seq);

/** What the check keeps of one account's identity provider events: counts, and the few it cites. */
interface Activity {
  /** Events, and events in the period. */
  all: number;
  inWindow: number;
  last?: Seen;
  lastInWindow?: Seen;
  /** A sign of life (login, activation, grant…) in the period. */
  alive: boolean;
  /** Signs of life after the person left (see below), and the first three of them. */
  afterEnd: number;
  firstAfterEnd: Seen[];
}

const stream: CheckStream = {
  // The log twice (first the renamed accounts that join emails into people, then each account's
  // activity, folded into counts and the few events cited), then the sign-in records standing in for logins.
  kinds: ['access_event', 'access_event', 'sign_in'],
  start(ctx) {
    const tz = ctx.timezone;
    const idps = new Set((Array.isArray(ctx.params.idpSystems) ? (ctx.params.idpSystems as string[]) : DEFAULT_IDP_SYSTEMS).map(norm));
    const ignored = new Set((Array.isArray(ctx.params.ignoreAccounts) ? (ctx.params.ignoreAccounts as string[]) : []).map(norm));
    const limit = evidenceEnd(ctx);
    const preStart = Number(ctx.params.preStartDays ?? 7);
    const section = identitySection(ctx.workspace);

    // People by every email they had (rehires, conversions, renamed IdP accounts), with their employment spells.
    const personRows = recordsOf(ctx.records, 'person');
    const noEmail = personRows.filter((p) => !norm(p.email)).length;
    const accountEmails = sharedAccountEmails(ctx);
    const standIns = sharedSignInLogins(ctx);
    let known: Map<string, Employment> | undefined;
    const peopleByEmail = () => {
      if (known) return known;
      known = new Map<string, Employment>();
      for (const e of employments(personRows, Number(ctx.params.continuityDays ?? 7), accountEmails.emails)) {
        for (const k of e.emails) known.set(k, e);
      }
      return known;
    };
    const events = new Map<string, Activity>();
    let seq = 0;
    const fold = (e: AccessEventRecord) => {
      if (!idps.has(norm(e.system)) || failedOutcome(e)) return;
      const k = subjectOf(e);
      if (!k) return;
      let a = events.get(k);
      if (!a) events.set(k, (a = { all: 0, inWindow: 0, alive: false, afterEnd: 0, firstAfterEnd: [] }));
      const seen = { e, seq: seq++ };
      a.all++;
      if (!a.last || later(seen, a.last)) a.last = seen;
      if (!inPeriod(e.at, ctx.period, tz)) return;
      a.inWindow++;
      if (!a.lastInWindow || later(seen, a.lastInWindow)) a.lastInWindow = seen;
      if (!SIGNS_OF_LIFE.has(e.action)) return;
      a.alive = true;
      const spells = peopleByEmail().get(k)?.spells ?? [];
      const ends = spells.map((x) => x.end).filter((d): d is string => !!d).sort();
      if (ends.length === 0) return;
      const day = localDate(e.at, tz);
      if (day > ends[0] && day <= limit && !employedOn(spells, day)
        // IT re-activates a rehire's account a few days before the new start: onboarding, not a leaver.
        && !(e.action !== 'login' && employedOn(spells, addDays(day, preStart)))) {
        a.afterEnd++;
        a.firstAfterEnd.push(seen);
        a.firstAfterEnd.sort((x, y) => (later(x, y) ? 1 : later(y, x) ? -1 : 0));
        if (a.firstAfterEnd.length > 3) a.firstAfterEnd.length = 3;
      }
    };
    return {
      add(kind, batch, pass) {
        if (kind === 'access_event' && pass === 0) {
          // The people, with the emails of renamed accounts, as the whole log shows them (failed events too).
          standIns.seeAll(batch as readonly AccessEventRecord[]);
          accountEmails.addAll(batch as readonly AccessEventRecord[]);
        } else if (kind === 'access_event') {
          for (const e of batch as readonly AccessEventRecord[]) fold(e);
        } else if (kind === 'sign_in') {
          for (const s of batch as readonly SignInRecord[]) {
            const e = standIns.standIn(s);
            if (e) fold(e);
          }
        }
      },
      finish: () => conclude(peopleByEmail()),
    };

  function conclude(people: Map<string, Employment>): CheckOutcome {
    // The roster as of the evidence date: dated rosters (latest on or before it), and undated account exports as they are.
    const rosters = rosterAsOf(ctx.records, endOfDay(limit, tz)).filter((r) => idps.has(r.system));
    const rosterRows = [...rosters.flatMap((r) => r.accounts), ...recordsOf(ctx.records, 'account').filter((a) => !a.snapshotAt)].filter((x) => idps.has(norm(x.system)));
    const haveRoster = rosterRows.length > 0;
    const accounts = new Map<string, AccountRecord>();
    const declared = new Set<string>();
    const guests = new Set<string>();
    for (const a of rosterRows) {
      const k = norm(a.email) || norm(a.login) || norm(a.accountId);
      if (!k) continue;
      // One person may hold an account in two identity providers; an active one speaks for them.
      if (!accounts.has(k) || isActiveAccount(a)) accounts.set(k, a);
      if (declaredRole(a, section)) declared.add(k);
      // A guest is someone outside the organization invited in: reviewed with access, not matched to HR.
      if (a.accountType === 'guest' && isActiveAccount(a)) guests.add(k);
    }
    for (const k of events.keys()) if (declaredRole({ email: k }, section)) declared.add(k);

    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const counts = { employee: 0, contractor: 0 };
    for (const key of [...new Set([...events.keys(), ...accounts.keys()])].sort()) {
      if (ignored.has(key) || declared.has(key) || guests.has(key)) continue;
      const evs = events.get(key);
      const snap = accounts.get(key);
      const rosterActive = !!snap && isActiveAccount(snap) && (!!snap.snapshotAt || !evs);
      const activeInPeriod = !!evs?.alive || rosterActive;
      if (!activeInPeriod) continue;
      const person = people.get(key);
      const rows = person?.rows ?? [];
      const spells = person?.spells ?? [];
      const trace: TraceStep[] = [];
      const lastSeen = (evs?.lastInWindow ?? evs?.last)?.e;
      if (lastSeen) trace.push({ label: 'IdP account activity', at: lastSeen.at, detail: `${evs?.inWindow ?? 0} event(s) in the period; last ${lastSeen.eventType}`, citation: citationOf(lastSeen) });
      if (snap) trace.push({ label: snap.snapshotAt ? 'IdP account roster' : 'IdP account', at: snap.snapshotAt ?? snap.at, detail: `${snap.system} account ${snap.login ?? snap.accountId}, status ${snap.status ?? 'unknown'}${snap.snapshotAt ? ` in the roster taken ${snap.snapshotAt}` : ''}`, citation: citationOf(snap) });
      if (rows.length === 0) {
        exceptions.push({ rule: 'reconcile.no_person', subject: key, itemId: key, at: lastSeen?.at,
          detail: `Identity provider account ${key} was active in the period but matches no person in the HR roster.`,
          citations: [...(lastSeen ? [citationOf(lastSeen)] : []), ...(snap ? [citationOf(snap)] : [])] });
        items.push({ id: key, subject: key, at: lastSeen?.at, trace: [...trace, { label: 'HR roster', detail: 'no person with this email' }] });
        continue;
      }
      const contractor = rows.some((p) => /contract/i.test(p.workerType ?? ''));
      counts[contractor ? 'contractor' : 'employee']++;
      for (const p of rows) trace.push({ label: 'HR person', at: p.startDate, detail: `${p.workerType ?? 'employee'} from ${p.startDate ?? '?'}${p.endDate ? ` to ${p.endDate}` : ''}${p.rehire ? ' (rehire)' : ''}`, citation: citationOf(p) });
      const ends = spells.map((s) => s.end).filter((d): d is string => !!d).sort();
      // Signs of life in the period after the person left and before any rehire (folded above).
      const inPeriodAfter = (evs?.firstAfterEnd ?? []).map((x) => x.e);
      const afterCount = evs?.afterEnd ?? 0;
      if (afterCount > 0) {
        const first = inPeriodAfter[0];
        const end = ends.filter((d) => d < localDate(first.at, tz)).at(-1) as string;
        exceptions.push({ rule: 'reconcile.leaver_active', subject: key, itemId: key, at: first.at,
          detail: `${key}${contractor ? ' (contractor)' : ''} left on ${end} but the identity provider shows ${first.eventType} at ${first.at}${afterCount > 1 ? ` and ${afterCount - 1} more event(s)` : ''}.`,
          citations: [...rows.map(citationOf), ...inPeriodAfter.slice(0, 3).map(citationOf)] });
        trace.push({ label: 'activity after departure', at: first.at, detail: first.eventType, citation: citationOf(first) });
      } else if (snap?.snapshotAt && rosterActive && ends.length > 0 && !employedOn(spells, limit) && ends.some((d) => d < limit)) {
        // No activity after the end date, but the roster still lists the account as usable: access was not removed.
        const end = ends.filter((d) => d < limit).at(-1) as string;
        exceptions.push({ rule: 'reconcile.leaver_active', subject: key, itemId: key, at: snap.snapshotAt,
          detail: `${key}${contractor ? ' (contractor)' : ''} left on ${end} but the ${snap.system} roster taken ${snap.snapshotAt} still lists the account as ${snap.nativeStatus ?? snap.status ?? 'active'}.`,
          citations: [...rows.map(citationOf), citationOf(snap)] });
      }
      items.push({ id: key, subject: key, at: lastSeen?.at, trace });
    }

    // Current staff with no account at all: possibly a missed onboarding, or a roster entry that needs no IdP account.
    const seen = new Set<Employment>();
    let quiet = 0;
    for (const [email, person] of [...people].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const rows = person.rows;
      if (seen.has(person)) continue;
      seen.add(person);
      if (person.emails.some((k) => events.has(k) || accounts.has(k)) || !employedOn(person.spells, limit)) continue;
      if (rows.some((p) => /contract/i.test(p.workerType ?? ''))) continue;
      // Without a roster, an employee who simply had no account event in the window is not evidence of a missing account.
      if (!haveRoster) {
        quiet++;
        continue;
      }
      const p = rows.at(-1) as PersonRecord;
      // Reported under the person's current HR email, not an alias an old IdP account had.
      const key = norm(p.email) || email;
      exceptions.push({ rule: 'reconcile.no_account', subject: key, itemId: key, detail: `(note) ${key} is a current ${p.workerType ?? 'employee'} in HR but has no identity provider account or activity; confirm they need none.`, citations: [citationOf(p)] });
      items.push({ id: key, subject: key, at: p.startDate, trace: [{ label: 'HR person', at: p.startDate, detail: `${p.workerType ?? 'employee'} since ${p.startDate ?? '?'}`, citation: citationOf(p) }, { label: 'IdP', detail: 'no account or activity' }] });
    }
    const failing = exceptions.some((e) => !NOTE_RULES.has(e.rule));
    const notes = [`Reconciled ${counts.employee} employee and ${counts.contractor} contractor account(s) active in the period.`];
    if (noEmail > 0) notes.push(`${noEmail} HR row(s) have no email and could not be matched.`);
    if (!failing && exceptions.length > 0) notes.push('Only note-level findings (current staff without an IdP account); they do not fail the control.');
    for (const r of rosters) notes.push(`Account roster: ${r.source} (${r.system}) taken ${r.snapshotAt}, ${r.accounts.length} account(s)${r.takenAfter ? `; no roster was taken by ${limit}, so the first one after stands in (accounts created later left out)` : ''}.`);
    if (guests.size > 0) notes.push(`${guests.size} active guest account(s) in the roster were not matched to HR (outside users; review them with access reviews).`);
    if (declared.size > 0) notes.push(`${declared.size} break-glass or service account(s) declared in the workspace were not matched to HR.`);
    if (!haveRoster) {
      notes.push(`No account roster collected: an event log is not a list of accounts, so ${quiet} current employee(s) without identity provider activity in the period could not be checked for an account. Collect an okta-users, entra-users or google-directory-users source.`);
    }
    return {
      populationQuery: `identity provider accounts (${[...idps].join(', ')}) active between ${ctx.period.from} and ${ctx.period.to}, matched to HR people by email (rows grouped into employment spells by HR id and email; renamed IdP accounts followed by account id); current employees without an account`,
      items,
      exceptions,
      status: failing ? 'exception' : haveRoster ? 'pass' : 'insufficient_evidence',
      notes,
    };
  }
  },
};

/**
 * HR roster and identity provider reconciled: an IdP account active in the period with no HR
 * person behind it (`reconcile.no_person`), a leaver whose account shows activity after the
 * HR end date or is still active in the account roster (`reconcile.leaver_active`), and a current
 * employee with no IdP account at all (`reconcile.no_account`, reported for follow-up but not
 * failing the control on its own). Contractors are reconciled like employees and counted
 * separately. Accounts come from the account roster as of the evidence date (the latest roster
 * taken by then) and from the event log; an event log alone is not a list of accounts, so without
 * a roster nobody is reported for having no account and the result names the missing roster.
 * Break-glass and service accounts declared in the workspace's `identity:` section are not people.
 */
export const reconciliationCheck: Check = {
  id: 'access.reconciliation',
  title: 'HR roster and identity provider accounts reconciled',
  requires: ['person'],
  reads: ['access_event', 'account', 'account_mfa', 'person', 'sign_in'],
  requiresAny: ['access_event', 'account'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};
