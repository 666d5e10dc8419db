import { recordsOf } from '../../records/index.js';
import type { AccessEventRecord, RecordSet, SignInRecord } from '../../records/index.js';
import { norm, subjectOf } from './identity-keys.js';

/**
 * The access events of a record set plus, as `login` events, the successful user sign-ins no
 * access event already states. Okta's system log writes a session start as an access event;
 * Entra writes sign-ins only to its sign-in log (`sign_in`): read together, a leaver who keeps
 * signing in, or a person signing in without a factor, shows the same whichever provider it is.
 *
 * @example
 * const events = accessEventsWithSignIns(ctx.records).filter((e) => e.action === 'login');
 */
export function accessEventsWithSignIns(records: RecordSet): AccessEventRecord[] {
  const events = recordsOf(records, 'access_event');
  const logins = signInLogins();
  for (const e of events) logins.see(e);
  const out = [...events];
  for (const s of recordsOf(records, 'sign_in')) {
    const e = logins.standIn(s);
    if (e) out.push(e);
  }
  return out;
}

/**
 * {@link accessEventsWithSignIns} a batch at a time: every access event is `see`n first (the log
 * read through), then each sign-in record's stand-in login, when the log does not state it.
 */
export interface SignInLogins {
  see(e: AccessEventRecord): void;
  /** The login event a sign-in record stands for, or undefined when it failed, is not a user's, or the log has it. */
  standIn(s: SignInRecord): AccessEventRecord | undefined;
}

export function signInLogins(): SignInLogins {
  const seen = new Set<string>();
  return {
    see(e) {
      if (e.action !== 'login') return;
      seen.add(`${norm(e.system)}|id|${e.eventId ?? ''}`);
      seen.add(`${norm(e.system)}|${subjectOf(e)}|${e.at}`);
    },
    standIn(s) {
      if (s.outcome !== 'success' || s.accountType !== 'user') return undefined;
      const who = { email: s.email, account: s.account };
      if (seen.has(`${norm(s.system)}|id|${s.eventId}`) || seen.has(`${norm(s.system)}|${subjectOf(who)}|${s.at}`)) return undefined;
      return {
        kind: 'access_event', source: s.source, artifact: s.artifact, locator: s.locator,
        system: s.system, eventId: s.eventId, eventType: `sign-in${s.app ? ` to ${s.app}` : ''}`, action: 'login', at: s.at, account: s.account,
        ...(s.accountId ? { accountId: s.accountId } : {}), ...(s.email ? { email: s.email } : {}), outcome: 'success',
      };
    },
  };
}
