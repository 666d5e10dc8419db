import { recordsOf } from '../../records/index.js';
import type { AccessEventRecord, RecordSet } from '../../records/index.js';
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
  const logins = events.filter((e) => e.action === 'login');
  const seen = new Set([...logins.map((e) => `${norm(e.system)}|id|${e.eventId ?? ''}`), ...logins.map((e) => `${norm(e.system)}|${subjectOf(e)}|${e.at}`)]);
  const out = [...events];
  for (const s of recordsOf(records, 'sign_in')) {
    if (s.outcome !== 'success' || s.accountType !== 'user') continue;
    const who = { email: s.email, account: s.account };
    if (seen.has(`${norm(s.system)}|id|${s.eventId}`) || seen.has(`${norm(s.system)}|${subjectOf(who)}|${s.at}`)) continue;
    out.push({
      kind: 'access_event', source: s.source, artifact: s.artifact, locator: s.locator,
      system: s.system, eventId: s.eventId, eventType: `sign-in${s.app ? ` to ${s.app}` : ''}`, action: 'login', at: s.at, account: s.account,
      ...(s.accountId ? { accountId: s.accountId } : {}), ...(s.email ? { email: s.email } : {}), outcome: 'success',
    });
  }
  return out;
}
