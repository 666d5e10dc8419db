import type { AccessEventRecord, PersonRecord } from '../../records/index.js';
import { addDays } from '../../time/index.js';
import { sharedOf } from '../check.js';
import type { CheckContext } from '../check.js';

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** One continuous stretch of work for the organization (a contractor converted to an employee is one spell). */
export interface EmploymentSpell {
  start?: string;
  /** Absent while the spell is open. */
  end?: string;
  /** The HR rows this spell comes from (the one holding the end date last). */
  rows: PersonRecord[];
  workerTypes: string[];
}

/** One person as HR knows them across rows, emails and employment spells. */
export interface Employment {
  /** The HR id of the person's most recent row. */
  id: string;
  /** Every email of the person (lower-cased): all HR rows, plus IdP accounts renamed from or to one. */
  emails: string[];
  rows: PersonRecord[];
  /** Oldest first; never overlapping. */
  spells: EmploymentSpell[];
}

/** The emails each IdP account (`system|accountId`) was seen with, in the order the events came. */
export type AccountEmails = Map<string, Set<string>>;

/**
 * Adds an event's email to its account's in {@link AccountEmails}: for building the map a batch
 * at a time and handing it to {@link employments} instead of the events.
 */
export function addAccountEmails(map: AccountEmails, e: Pick<AccessEventRecord, 'email' | 'account' | 'accountId' | 'system'>): void {
  const email = norm(e.email) || norm(e.account);
  if (!e.accountId || !email.includes('@')) return;
  const key = `${e.system}|${e.accountId}`;
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(email);
}

/** {@link AccountEmails} built from the whole log (failed events too), a batch at a time. */
export interface LogAccountEmails {
  readonly emails: AccountEmails;
  /** Adds every event of the batch, unless this very batch (the same array) was added already. */
  addAll(batch: readonly AccessEventRecord[]): void;
}

/**
 * The account emails of the whole log for a check's context: one map for every check the run
 * feeds from the same read of the log (see `sharedOf`), else the check's own.
 *
 * @example
 * const renamed = sharedAccountEmails(ctx) // `renamed.addAll(batch)` in a pass over access_event, then employments(rows, 7, renamed.emails)
 */
export function sharedAccountEmails(ctx: Pick<CheckContext, 'shared'>): LogAccountEmails {
  return sharedOf(ctx, 'hr.account-emails', () => {
    const emails: AccountEmails = new Map();
    const seen = new WeakSet<readonly AccessEventRecord[]>();
    return {
      emails,
      addAll(batch) {
        if (seen.has(batch)) return;
        seen.add(batch);
        for (const e of batch) addAccountEmails(emails, e);
      },
    };
  });
}

/**
 * Groups HR rows into people and employment spells. Rows sharing an HR id or an email are one
 * person (a rehire's new row, a contractor converted to an employee, a changed email); an
 * earlier tenure a rehire row still shows (`originalStartDate`…`priorEndDate`) is a spell of its
 * own. Spells separated by at most `continuityDays` calendar days are one spell: a conversion
 * or a contract renewal is not a departure. IdP accounts renamed from one email to another (the
 * same account id) add their emails to the person.
 *
 * @example
 * const people = employments(recordsOf(ctx.records, 'person'), 7, recordsOf(ctx.records, 'access_event'));
 */
export function employments(people: readonly PersonRecord[], continuityDays = 7, events: readonly AccessEventRecord[] | AccountEmails = []): Employment[] {
  // Union-find over rows, joined by HR id and by email.
  const parent = people.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const join = (a: number, b: number) => { parent[find(a)] = find(b); };
  const byKey = new Map<string, number>();
  people.forEach((p, i) => {
    for (const k of [`id:${p.source}:${p.id}`, p.email ? `email:${norm(p.email)}` : '']) {
      if (!k) continue;
      const seen = byKey.get(k);
      if (seen === undefined) byKey.set(k, i);
      else join(i, seen);
    }
  });
  // Accounts renamed in the IdP: every email one account id was seen with belongs to one person.
  let accountEmails: AccountEmails;
  if (Array.isArray(events)) {
    accountEmails = new Map();
    for (const e of events) addAccountEmails(accountEmails, e);
  } else accountEmails = events as AccountEmails;
  const groups = new Map<number, PersonRecord[]>();
  people.forEach((p, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  });
  const out: Employment[] = [];
  for (const rows of groups.values()) {
    const emails = new Set(rows.map((p) => norm(p.email)).filter(Boolean));
    for (const set of accountEmails.values()) if ([...set].some((e) => emails.has(e))) for (const e of set) emails.add(e);
    const sorted = [...rows].sort((a, b) => ((a.startDate ?? '') < (b.startDate ?? '') ? -1 : 1));
    out.push({ id: sorted.at(-1)?.id ?? rows[0].id, emails: [...emails], rows, spells: spellsOf(rows, continuityDays) });
  }
  return out;
}

function spellsOf(rows: PersonRecord[], continuityDays: number): EmploymentSpell[] {
  const raw: EmploymentSpell[] = [];
  for (const p of rows) {
    if (p.priorEndDate) raw.push({ ...(p.originalStartDate ? { start: p.originalStartDate } : {}), end: p.priorEndDate, rows: [p], workerTypes: [p.workerType ?? 'employee'] });
    raw.push({ ...(p.startDate ? { start: p.startDate } : {}), ...(p.endDate ? { end: p.endDate } : {}), rows: [p], workerTypes: [p.workerType ?? 'employee'] });
  }
  raw.sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? -1 : (a.start ?? '') > (b.start ?? '') ? 1 : 0));
  const merged: EmploymentSpell[] = [];
  for (const s of raw) {
    const last = merged.at(-1);
    const continues = last && (!last.end || !s.start || s.start <= addDays(last.end, continuityDays));
    if (!last || !continues) {
      merged.push({ ...s, rows: [...s.rows], workerTypes: [...s.workerTypes] });
      continue;
    }
    const end = !last.end || !s.end ? undefined : last.end > s.end ? last.end : s.end;
    if (end) last.end = end;
    else delete last.end;
    // The row holding the spell's end goes last, so a leaver is reported under that row.
    last.rows = s.end === end || !end ? [...last.rows, ...s.rows] : [...s.rows, ...last.rows];
    for (const t of s.workerTypes) if (!last.workerTypes.includes(t)) last.workerTypes.push(t);
  }
  return merged;
}

/** True when one of the spells covers calendar day `day`. */
export function employedOn(spells: readonly EmploymentSpell[], day: string): boolean {
  return spells.some((s) => (!s.start || s.start <= day) && (!s.end || s.end >= day));
}
