import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, AccountMfaRecord, AccountRecord, SignInRecord } from '../../records/index.js';
import { endOfDay, inPeriod } from '../../time/index.js';
import { evidenceEnd } from '../evidence-end.js';
import { declaredRole, identitySection, isActiveAccount, isNonProductionApp, rosterAsOf } from './account-roster.js';
import { runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckOutcome, CheckStream, PopulationItem, TraceStep } from '../check.js';
import { byAt, failedOutcome, norm, subjectOf } from './identity-keys.js';
import { sharedSignInLogins } from './sign-in-logins.js';
import { stringPool } from '../change/string-pool.js';
import { byAtSeq, LoginColumns, LoginStrings } from './login-columns.js';
import type { Login } from './login-columns.js';

type Enrolment = 'enrolled' | 'not_enrolled' | 'unknown';

/** Factor count after an MFA event (`reset_all` clears every factor; a deactivation removes one). */
function applyMfa(count: number, e: Pick<AccessEventRecord, 'action' | 'eventType'>): number {
  if (e.action === 'mfa_enroll') return Math.max(count, 0) + 1;
  if (/reset_all|reset\.all|reset-all/i.test(e.eventType)) return 0;
  return Math.max(count - 1, 0);
}

/**
 * Every account that signed in during the period had an MFA factor enrolled at that time, as
 * the identity provider's log shows it (factor enrolments and resets replayed in order), with
 * the MFA registration of the account roster as of the sign-in (or an account export's
 * `mfaEnrolled`) as a fallback when the log shows nothing for the account. Every active person's
 * account in the roster as of the evidence date has a second factor registered
 * (`mfa.not_enrolled`), and no interactive sign-in to a production application succeeded on one
 * factor (`mfa.single_factor_sign_in`, from Okta, Entra and Google sign-in records). Declared
 * break-glass and service accounts and non-production applications are left out. Accounts the
 * export marks as not SSO-enforced are exceptions too. When nothing records MFA at all, the check
 * cannot conclude (insufficient evidence).
 */
const isFactorEvent = (e: AccessEventRecord) => e.action === 'mfa_enroll' || e.action === 'mfa_reset';

const stream: CheckStream = {
  // The log's events, then the sign-in records: kept are the factor events, one small entry per
  // sign-in in the period, and the few sign-in records the population cites.
  kinds: ['access_event', 'sign_in'],
  // Its fold (each account's sign-ins, the factor events) is the largest of the access checks: read for it alone.
  alone: true,
  start(ctx) {
    const tz = ctx.timezone;
    const section = identitySection(ctx.workspace);
    const accountKey = (e: Pick<AccessEventRecord, 'system' | 'accountId'>) => (e.accountId ? `${norm(e.system)}|${e.accountId}` : '');
    let seq = 0;
    // Sign-ins from a sign-in log (Entra) are replayed against the factor events too, but only when a log
    // records factor events at all: otherwise each sign-in's own MFA answer is the evidence (below).
    let factorEvents = false;
    // Of a factor event, only what the replay reads (at 10M records there are ~100k).
    const mfaEvents: { e: FactorEvent; at: string; seq: number }[] = [];
    const pool = stringPool();
    // A sign-in (from the log, or a sign-in record standing in for one) as the check keeps it: a few numbers in its account's columns.
    const loginStrings = new LoginStrings();
    const logins = new Map<string, LoginColumns>();
    const standIns = sharedSignInLogins(ctx);
    const addLogin = (who: string, e: Pick<AccessEventRecord, 'at' | 'system' | 'accountId' | 'source' | 'artifact' | 'locator'>) => {
      let list = logins.get(who);
      if (!list) logins.set(who, (list = new LoginColumns(loginStrings)));
      list.add({ at: e.at, account: accountKey(e), source: e.source, artifact: e.artifact, locator: e.locator, seq: seq++ });
    };
    let signInFacts = false;
    // The sign-in records the population needs: each account's first per system, and every single-factor one.
    const firstSignIn = new Map<string, { s: SignInRecord; seq: number }>();
    const singleFactor: { s: SignInRecord; seq: number }[] = [];
    const counted = (s: SignInRecord, who: string) => s.outcome === 'success' && s.interactive && s.accountType === 'user'
      && !declaredRole({ email: who, account: s.account }, section) && !isNonProductionApp(s.app, section);

    return {
      add(kind, batch) {
        if (kind === 'access_event') {
          standIns.seeAll(batch as readonly AccessEventRecord[]);
          for (const e of batch as readonly AccessEventRecord[]) {
            if (isFactorEvent(e)) factorEvents = true;
            if (failedOutcome(e)) continue;
            if (isFactorEvent(e)) mfaEvents.push({ e: factorEvent(e, pool), at: e.at, seq: seq++ });
            else if (e.action === 'login' && inPeriod(e.at, ctx.period, tz)) addLogin(subjectOf(e), e);
          }
          return;
        }
        if (kind !== 'sign_in') return;
        for (const s of batch as readonly SignInRecord[]) {
          const period = inPeriod(s.at, ctx.period, tz);
          if (factorEvents && period) {
            const login = standIns.standIn(s);
            if (login) addLogin(subjectOf(login), login);
          }
          if (!period) continue;
          if (s.mfa !== 'unknown') signInFacts = true;
          const who = norm(s.email) || norm(s.account);
          if (!counted(s, who)) continue;
          const entry = { s, seq: seq++ };
          if (s.mfa === 'single_factor') singleFactor.push(entry);
          const k = `${who}\u0000${s.system}`;
          const first = firstSignIn.get(k);
          if (!first || s.at < first.s.at) firstSignIn.set(k, entry);
        }
      },
      finish() {
        const sortedMfa = mfaEvents.sort(byAtSeq).map((x) => x.e);
        // Accounts in the order the original replay met them: by their first sign-in in the period.
        const loginsBy = new Map([...logins].map(([who, list]) => [who, list, list.first()] as const).sort(([, , a], [, , b]) => byAtSeq(a, b)).map(([who, list]) => [who, () => list.logins()]));
        const signIns = [...new Set([...firstSignIn.values(), ...singleFactor])].sort((a, b) => byAtSeq({ at: a.s.at, seq: a.seq }, { at: b.s.at, seq: b.seq })).map((x) => x.s);
        return conclude(ctx, { mfaEvents: sortedMfa, loginsBy, signIns, signInFacts, section, accountKey });
      },
    };
  },
};

/**
 * Every account that signed in during the period had an MFA factor enrolled at that time, as
 * the identity provider's log shows it (factor enrolments and resets replayed in order), with
 * the MFA registration of the account roster as of the sign-in (or an account export's
 * `mfaEnrolled`) as a fallback when the log shows nothing for the account. Every active person's
 * account in the roster as of the evidence date has a second factor registered
 * (`mfa.not_enrolled`), and no interactive sign-in to a production application succeeded on one
 * factor (`mfa.single_factor_sign_in`, from Okta, Entra and Google sign-in records). Declared
 * break-glass and service accounts and non-production applications are left out. Accounts the
 * export marks as not SSO-enforced are exceptions too. When nothing records MFA at all, the check
 * cannot conclude (insufficient evidence).
 */
export const mfaSsoCheck: Check = {
  id: 'access.mfa-sso',
  title: 'Sign-ins protected by multi-factor authentication and SSO',
  requires: [],
  reads: ['access_event', 'account', 'account_mfa', 'sign_in'],
  requiresAny: ['access_event', 'account', 'account_mfa', 'sign_in'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};

/** What the replay reads of a factor event. */
type FactorEvent = Pick<AccessEventRecord, 'source' | 'artifact' | 'locator' | 'system' | 'accountId' | 'eventType' | 'action' | 'at' | 'account' | 'email'>;

/** The fields of `e` the replay reads, the repeated ones held once. */
function factorEvent(e: AccessEventRecord, pool: (s: string) => string): FactorEvent {
  return {
    source: e.source, artifact: e.artifact, locator: e.locator, system: pool(e.system), accountId: e.accountId === undefined ? undefined : pool(e.accountId),
    eventType: pool(e.eventType), action: e.action, at: e.at, account: pool(e.account), email: e.email === undefined ? undefined : pool(e.email),
  };
}

interface Folded {
  /** Factor enrolments and removals, not failed, oldest first. */
  mfaEvents: FactorEvent[];
  /** Sign-ins in the period by account, oldest first (built for one account at a time); accounts by their first sign-in. */
  loginsBy: ReadonlyMap<string, () => Login[]>;
  /** The sign-in records in the period the population cites, oldest first. */
  signIns: SignInRecord[];
  /** True when some sign-in record in the period says whether MFA was used. */
  signInFacts: boolean;
  section: ReturnType<typeof identitySection>;
  accountKey: (e: Pick<AccessEventRecord, 'system' | 'accountId'>) => string;
}

function conclude(ctx: CheckContext, { mfaEvents, loginsBy, signIns, signInFacts, section, accountKey }: Folded): CheckOutcome {
    const tz = ctx.timezone;
    const mfaBy = new Map<string, FactorEvent[]>();
    // A renamed account keeps its factors: enrolments are also found through the IdP account id.
    const mfaByAccount = new Map<string, FactorEvent[]>();
    const push = <T>(map: Map<string, T[]>, k: string, v: T) => { const list = map.get(k); if (list) list.push(v); else map.set(k, [v]); };
    for (const e of mfaEvents) {
      push(mfaBy, subjectOf(e), e);
      if (accountKey(e)) push(mfaByAccount, accountKey(e), e);
    }
    const snapshots = new Map<string, AccountRecord>();
    for (const a of recordsOf(ctx.records, 'account')) {
      for (const k of new Set([norm(a.email), norm(a.login)])) if (k) snapshots.set(k, a);
    }
    const accountsWithMfaFacts = [...snapshots.values()].some((a) => a.mfaEnrolled !== undefined);
    const registrations = mfaRegistrations(recordsOf(ctx.records, 'account'), recordsOf(ctx.records, 'account_mfa'));
    if (mfaBy.size === 0 && !accountsWithMfaFacts && registrations.size === 0 && !signInFacts) {
      return {
        populationQuery: 'sign-ins during the period',
        items: [],
        exceptions: [],
        status: 'insufficient_evidence',
        notes: ['Neither the identity provider log, an account roster nor a sign-in log records MFA; MFA cannot be tested. Collect an account roster with MFA registration (okta-users, entra-users, google-directory-users), a sign-in log (entra-sign-ins, Okta or Google login events), or a log that includes factor events (Okta user.mfa.factor.*).'],
      };
    }

    // One unit per account, whatever shows it: its sign-ins in the log, its roster row, its sign-in log entries.
    const units = new Map<string, PopulationItem>();
    const unitOf = (who: string, at: string | undefined): PopulationItem => {
      let u = units.get(who);
      if (!u) units.set(who, (u = { id: who, subject: who, ...(at ? { at } : {}), trace: [] }));
      else if (at && (!u.at || at < u.at)) u.at = at;
      return u;
    };
    const exceptions: CheckException[] = [];
    for (const [who, loginsOf] of loginsBy) {
      if (declaredRole({ email: who }, section)) continue;
      const logins = loginsOf();
      const ids = new Set(logins.map((l) => l.account).filter(Boolean));
      const mfa = [...new Set([...(mfaBy.get(who) ?? []), ...[...ids].flatMap((id) => mfaByAccount.get(id) ?? [])])].sort(byAt);
      const snap = snapshots.get(who);
      const trace: TraceStep[] = [];
      let count: number | undefined;
      let i = 0;
      const unprotected: Login[] = [];
      // A log whose first factor event removes a factor shows one was enrolled before the log began.
      if (mfa.length > 0 && mfa[0].action === 'mfa_reset') count = 1;
      for (const login of logins) {
        while (i < mfa.length && mfa[i].at <= login.at) {
          count = applyMfa(count ?? 0, mfa[i]);
          trace.push({ label: mfa[i].action === 'mfa_enroll' ? 'MFA factor enrolled' : 'MFA factor removed', at: mfa[i].at, detail: mfa[i].eventType, citation: citationOf(mfa[i]) });
          i++;
        }
        const reg = registrationAt(registrations, who, login.at);
        const state: Enrolment = count !== undefined ? (count > 0 ? 'enrolled' : 'not_enrolled')
          : reg ? (reg.enrolled ? 'enrolled' : 'not_enrolled')
          : snap?.mfaEnrolled === true ? 'enrolled' : snap?.mfaEnrolled === false ? 'not_enrolled' : 'unknown';
        // With rosters collected, an account they do not describe is unknown, not unprotected.
        if (state === 'not_enrolled' || (state === 'unknown' && registrations.size === 0)) unprotected.push(login);
      }
      const first = logins[0];
      trace.unshift({ label: 'sign-ins in period', at: first.at, detail: `${logins.length} sign-in(s) from ${first.at}`, citation: citationOf(first) });
      if (snap?.mfaEnrolled !== undefined) trace.push({ label: 'account export', at: snap.at, detail: `mfaEnrolled: ${snap.mfaEnrolled}`, citation: citationOf(snap) });
      if (unprotected.length > 0) {
        const u = unprotected[0];
        const why = mfa.length === 0 && snap?.mfaEnrolled === undefined ? 'the log records no MFA factor enrolment for this account' : 'no MFA factor was enrolled at that time';
        exceptions.push({
          rule: 'mfa.not_enrolled', subject: who, at: u.at, itemId: who,
          detail: `${who} signed in at ${u.at} (${unprotected.length} of ${logins.length} sign-ins in the period) but ${why}.`,
          citations: [citationOf(u), ...mfa.filter((m) => m.at <= u.at).slice(-1).map(citationOf), ...(snap ? [citationOf(snap)] : [])],
        });
      }
      unitOf(who, first.at).trace.push(...trace);
    }
    const limit = evidenceEnd(ctx);
    let unknownMfa = 0;
    for (const roster of rosterAsOf(ctx.records, endOfDay(limit, tz))) {
      for (const a of roster.accounts) {
        const who = norm(a.email) || norm(a.login) || a.accountId;
        if (!isActiveAccount(a) || a.accountType === 'guest' || declaredRole(a, section)) continue;
        const reg = roster.mfa.get(a.accountId);
        const enrolled = reg?.enrolled ?? a.mfaEnrolled;
        if (enrolled === undefined) {
          unknownMfa++;
          continue;
        }
        unitOf(who, roster.snapshotAt).trace.push(
          { label: 'account roster', at: roster.snapshotAt, detail: `${a.system} account ${a.login ?? a.accountId}, status ${a.status ?? 'unknown'}`, citation: citationOf(a) },
          ...(reg ? [{ label: 'MFA registration', at: reg.snapshotAt, detail: reg.enrolled ? `enrolled: ${reg.factors.join(', ') || 'yes'}` : 'no second factor registered', citation: citationOf(reg) }] : []),
        );
        if (!enrolled) {
          exceptions.push({
            rule: 'mfa.not_enrolled', subject: who, itemId: who, at: roster.snapshotAt,
            detail: `${who} has an active ${a.system} account but no second factor registered (roster taken ${roster.snapshotAt}).`,
            citations: [citationOf(a), ...(reg ? [citationOf(reg)] : [])],
          });
        }
      }
    }
    // Every person's successful interactive sign-in to production is in the population; the single-factor ones are exceptions.
    for (const s of signIns) {
      if (s.outcome !== 'success' || !s.interactive || s.accountType !== 'user') continue;
      const who = norm(s.email) || norm(s.account);
      if (declaredRole({ email: who, account: s.account }, section) || isNonProductionApp(s.app, section)) continue;
      const unit = unitOf(who, s.at);
      // The first sign-in of each system shows the account was tested; every single-factor one is cited.
      if (s.mfa === 'single_factor' || !unit.trace.some((t) => t.label === `${s.system} sign-in`)) {
        unit.trace.push({ label: `${s.system} sign-in`, at: s.at, detail: `${s.system} sign-in to ${s.app ?? s.system}: MFA ${s.mfa}${s.method ? ` (${s.method})` : ''}`, citation: citationOf(s) });
      }
      if (s.mfa !== 'single_factor') continue;
      exceptions.push({
        rule: 'mfa.single_factor_sign_in', subject: who, at: s.at, itemId: who,
        detail: `${who} signed in to ${s.app ?? `the ${s.system} identity provider`} at ${s.at} with a single factor (${s.method ?? 'no second factor recorded'}).`,
        citations: [citationOf(s)],
      });
    }
    for (const a of snapshots.values()) {
      const who = norm(a.email) || norm(a.login) || a.accountId;
      if (a.ssoEnforced === false && !/deprovisioned|deactivated|suspended|disabled/i.test(a.status ?? '')) {
        exceptions.push({ rule: 'sso.not_enforced', subject: who, detail: `${a.system} account ${a.login ?? a.accountId} can sign in without SSO.`, citations: [citationOf(a)] });
      }
    }
    const notes: string[] = [];
    if (unknownMfa > 0) notes.push(`${unknownMfa} active account(s) in the roster have no MFA registration collected (collect the provider's factors or registration report).`);
    if (section.breakGlassAccounts.length + section.serviceAccounts.length > 0) notes.push('Break-glass and service accounts declared in the workspace are not expected to use MFA.');
    return {
      populationQuery: `accounts, one unit each: those with a successful sign-in (access_event login, or a user sign_in no access event states) between ${ctx.period.from} and ${ctx.period.to} in ${tz}, MFA state replayed from factor enrol/remove events before each sign-in or read from the roster as of it; active accounts in the roster as of ${limit}; interactive single-factor sign-ins to production applications (sign_in)`,
      items: [...units.values()],
      exceptions: dedupeBySubjectRule(exceptions),
      ...(notes.length ? { notes } : {}),
    };
}

function dedupeBySubjectRule(list: CheckException[]): CheckException[] {
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(`${e.rule}|${e.subject}`) && !!seen.add(`${e.rule}|${e.subject}`));
}

type Registrations = Map<string, AccountMfaRecord[]>;

/**
 * MFA registrations by every key their account is known by (email, login), oldest roster first,
 * joined to the account rows of the same system and account id.
 */
function mfaRegistrations(accounts: AccountRecord[], mfa: AccountMfaRecord[]): Registrations {
  const keysById = new Map<string, Set<string>>();
  for (const a of accounts) {
    const id = `${norm(a.system)}|${a.accountId}`;
    const set = keysById.get(id) ?? new Set<string>();
    for (const k of [norm(a.email), norm(a.login)]) if (k) set.add(k);
    keysById.set(id, set);
  }
  const out: Registrations = new Map();
  for (const m of [...mfa].sort((a, b) => (a.snapshotAt < b.snapshotAt ? -1 : a.snapshotAt > b.snapshotAt ? 1 : 0))) {
    const keys = new Set([...(keysById.get(`${norm(m.system)}|${m.accountId}`) ?? []), norm(m.login)].filter(Boolean));
    for (const k of keys) out.set(k, [...(out.get(k) ?? []), m]);
  }
  return out;
}

/** The registration as of `at`: the latest taken before it, else the earliest after it. */
function registrationAt(regs: Registrations, who: string, at: string): AccountMfaRecord | undefined {
  const list = regs.get(who);
  if (!list?.length) return undefined;
  return list.filter((m) => m.snapshotAt <= at).at(-1) ?? list[0];
}
