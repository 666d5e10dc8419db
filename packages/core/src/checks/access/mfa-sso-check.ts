import { citationOf, recordsOf } from '../../records/index.js';
import type { AccessEventRecord, AccountRecord } from '../../records/index.js';
import { inPeriod } from '../../time/index.js';
import type { Check, CheckException, CheckOutcome, PopulationItem, TraceStep } from '../check.js';
import { byAt, failedOutcome, norm, subjectOf } from './identity-keys.js';

type Enrolment = 'enrolled' | 'not_enrolled' | 'unknown';

/** Factor count after an MFA event (`reset_all` clears every factor; a deactivation removes one). */
function applyMfa(count: number, e: AccessEventRecord): number {
  if (e.action === 'mfa_enroll') return Math.max(count, 0) + 1;
  if (/reset_all|reset\.all|reset-all/i.test(e.eventType)) return 0;
  return Math.max(count - 1, 0);
}

/**
 * Every account that signed in during the period had an MFA factor enrolled at that time, as
 * the identity provider's log shows it (factor enrolments and resets replayed in order), with
 * an account export's `mfaEnrolled` as a fallback when the log shows nothing for the account.
 * Accounts the export marks as not SSO-enforced are exceptions too. When neither the log nor
 * an export records MFA at all, the check cannot conclude (insufficient evidence).
 */
export const mfaSsoCheck: Check = {
  id: 'access.mfa-sso',
  title: 'Sign-ins protected by multi-factor authentication and SSO',
  requires: ['access_event'],
  run(ctx): CheckOutcome {
    const tz = ctx.timezone;
    const events = recordsOf(ctx.records, 'access_event').filter((e) => !failedOutcome(e)).sort(byAt);
    const mfaBy = new Map<string, AccessEventRecord[]>();
    const loginsBy = new Map<string, AccessEventRecord[]>();
    // A renamed account keeps its factors: enrolments are also found through the IdP account id.
    const mfaByAccount = new Map<string, AccessEventRecord[]>();
    const accountKey = (e: AccessEventRecord) => (e.accountId ? `${norm(e.system)}|${e.accountId}` : '');
    for (const e of events) {
      const map = e.action === 'mfa_enroll' || e.action === 'mfa_reset' ? mfaBy : e.action === 'login' && inPeriod(e.at, ctx.period, tz) ? loginsBy : undefined;
      if (!map) continue;
      const k = subjectOf(e);
      map.set(k, [...(map.get(k) ?? []), e]);
      if (map === mfaBy && accountKey(e)) mfaByAccount.set(accountKey(e), [...(mfaByAccount.get(accountKey(e)) ?? []), e]);
    }
    const snapshots = new Map<string, AccountRecord>();
    for (const a of recordsOf(ctx.records, 'account')) {
      for (const k of new Set([norm(a.email), norm(a.login)])) if (k) snapshots.set(k, a);
    }
    const accountsWithMfaFacts = [...snapshots.values()].some((a) => a.mfaEnrolled !== undefined);
    if (mfaBy.size === 0 && !accountsWithMfaFacts) {
      return {
        populationQuery: 'sign-ins during the period',
        items: [],
        exceptions: [],
        status: 'insufficient_evidence',
        notes: ['Neither the identity provider log nor an account export records MFA factor enrolment; MFA cannot be tested. Collect a log that includes factor events (Okta user.mfa.factor.*) or an account export with MFA status.'],
      };
    }

    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const [who, logins] of loginsBy) {
      const ids = new Set(logins.map(accountKey).filter(Boolean));
      const mfa = [...new Set([...(mfaBy.get(who) ?? []), ...[...ids].flatMap((id) => mfaByAccount.get(id) ?? [])])].sort(byAt);
      const snap = snapshots.get(who);
      const trace: TraceStep[] = [];
      let count: number | undefined;
      let i = 0;
      const unprotected: AccessEventRecord[] = [];
      // A log whose first factor event removes a factor shows one was enrolled before the log began.
      if (mfa.length > 0 && mfa[0].action === 'mfa_reset') count = 1;
      for (const login of logins) {
        while (i < mfa.length && mfa[i].at <= login.at) {
          count = applyMfa(count ?? 0, mfa[i]);
          trace.push({ label: mfa[i].action === 'mfa_enroll' ? 'MFA factor enrolled' : 'MFA factor removed', at: mfa[i].at, detail: mfa[i].eventType, citation: citationOf(mfa[i]) });
          i++;
        }
        const state: Enrolment = count !== undefined ? (count > 0 ? 'enrolled' : 'not_enrolled')
          : snap?.mfaEnrolled === true ? 'enrolled' : snap?.mfaEnrolled === false ? 'not_enrolled' : 'unknown';
        if (state !== 'enrolled') unprotected.push(login);
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
      items.push({ id: who, subject: who, at: first.at, trace });
    }
    for (const a of snapshots.values()) {
      const who = norm(a.email) || norm(a.login) || a.accountId;
      if (a.ssoEnforced === false && !/deprovisioned|deactivated|suspended|disabled/i.test(a.status ?? '')) {
        exceptions.push({ rule: 'sso.not_enforced', subject: who, detail: `${a.system} account ${a.login ?? a.accountId} can sign in without SSO.`, citations: [citationOf(a)] });
      }
    }
    return {
      populationQuery: `accounts with a successful sign-in (access_event login) between ${ctx.period.from} and ${ctx.period.to} in ${tz}; MFA state replayed from factor enrol/remove events before each sign-in`,
      items,
      exceptions: dedupeBySubjectRule(exceptions),
    };
  },
};

function dedupeBySubjectRule(list: CheckException[]): CheckException[] {
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(`${e.rule}|${e.subject}`) && !!seen.add(`${e.rule}|${e.subject}`));
}
