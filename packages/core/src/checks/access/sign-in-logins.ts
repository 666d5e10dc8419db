import { recordsOf } from '../../records/index.js';
import type { AccessEventRecord, RecordSet, SignInRecord } from '../../records/index.js';
import { norm, subjectOf } from './identity-keys.js';
import { instantMs } from './instant-ms.js';
import { WordSet } from './word-set.js';
import { sharedOf } from '../check.js';
import type { CheckContext } from '../check.js';

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
  /**
   * Every event of a batch `see`n, unless this very batch (the same array) was seen already: a
   * run that hands one read to several checks sharing one stand-in set (see `sharedOf`) feeds it
   * once. A batch seen again, or another read of the same records, adds nothing new.
   */
  seeAll(batch: readonly AccessEventRecord[]): void;
  /** The login event a sign-in record stands for, or undefined when it failed, is not a user's, or the log has it. */
  standIn(s: SignInRecord): AccessEventRecord | undefined;
}

/**
 * The stand-ins of a check's context: one set for every check the run feeds from the same read of
 * the log (see `sharedOf`), else the check's own.
 *
 * @example
 * const standIns = sharedSignInLogins(ctx) // in `start`; `standIns.seeAll(batch)` in the first pass over access_event
 */
export function sharedSignInLogins(ctx: Pick<CheckContext, 'shared'>): SignInLogins {
  return sharedOf(ctx, 'access.sign-in-logins', signInLogins);
}

export function signInLogins(): SignInLogins {
  const keys = loginKeys();
  const seen = new WeakSet<readonly AccessEventRecord[]>();
  const see = (e: AccessEventRecord) => {
    if (e.action !== 'login') return;
    keys.addId(norm(e.system), e.eventId ?? '');
    keys.addTime(norm(e.system), subjectOf(e), e.at);
  };
  return {
    see,
    seeAll(batch) {
      if (seen.has(batch)) return;
      seen.add(batch);
      for (const e of batch) see(e);
    },
    standIn(s) {
      if (s.outcome !== 'success' || s.accountType !== 'user') return undefined;
      const who = { email: s.email, account: s.account };
      if (keys.hasId(norm(s.system), `${s.eventId}`) || keys.hasTime(norm(s.system), subjectOf(who), s.at)) return undefined;
      return {
        kind: 'access_event', source: s.source, artifact: s.artifact, locator: s.locator,
        system: s.system, eventId: s.eventId, eventType: `sign-in${s.app ? ` to ${s.app}` : ''}`, action: 'login', at: s.at, account: s.account,
        ...(s.accountId ? { accountId: s.accountId } : {}), ...(s.email ? { email: s.email } : {}), outcome: 'success',
      };
    },
  };
}

// A UUID, or a UUID with a copy number (`…-3`), as exports of one event to several files name it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-(0|[1-9]\d{0,8}))?$/;
const TWO_32 = 2 ** 32;

/**
 * The logins seen, by event id (`system|id|eventId`) and by who and when
 * (`system|subject|at`), as the set of those strings would hold them but in a few bytes each:
 * a UUID event id (with its copy number, if any) as five words, a normalized instant as its
 * milliseconds, beside the index of its system or system and subject. Keys of any other form
 * are kept as those strings.
 */
function loginKeys() {
  const prefixes = new Map<string, number>();
  const prefix = (p: string) => {
    let i = prefixes.get(p);
    if (i === undefined) prefixes.set(p, (i = prefixes.size + 1));
    return i;
  };
  const known = (p: string) => prefixes.get(p);
  const ids = new WordSet(6);
  const times = new WordSet(3);
  const other = new Set<string>();
  const words = [0, 0, 0, 0, 0, 0];
  const idWords = (system: number, id: string, copy: string | undefined) => {
    words[0] = system;
    words[1] = parseInt(id.slice(0, 8), 16);
    words[2] = parseInt(id.slice(9, 13) + id.slice(14, 18), 16);
    words[3] = parseInt(id.slice(19, 23) + id.slice(24, 28), 16);
    words[4] = parseInt(id.slice(28, 36), 16);
    words[5] = copy === undefined ? 0 : Number(copy) + 1;
    return words;
  };
  const ms = (at: string) => {
    const t = instantMs(at);
    return t !== undefined && t >= 0 && t < TWO_32 * TWO_32 / 4096 ? t : undefined;
  };
  const timeWords = (p: number, t: number) => {
    words[0] = p;
    words[1] = Math.floor(t / TWO_32);
    words[2] = t % TWO_32;
    return words;
  };
  // A system with '|' or the subject "id" could make a key of one form equal to one of the other: those stay strings.
  const plain = (system: string, subject?: string) => system.includes('|') || subject === 'id';
  return {
    addId(system: string, id: string) {
      const uuid = UUID.exec(id);
      if (plain(system) || !uuid) other.add(`${system}|id|${id}`);
      else ids.add(idWords(prefix(system), id, uuid[1]));
    },
    hasId(system: string, id: string) {
      const uuid = UUID.exec(id);
      if (plain(system) || !uuid) return other.has(`${system}|id|${id}`);
      const p = known(system);
      return p !== undefined && ids.has(idWords(p, id, uuid[1]));
    },
    addTime(system: string, subject: string, at: string) {
      const t = ms(at);
      if (plain(system, subject) || t === undefined) other.add(`${system}|${subject}|${at}`);
      else times.add(timeWords(prefix(`${system}|${subject}`), t));
    },
    hasTime(system: string, subject: string, at: string) {
      const t = ms(at);
      if (plain(system, subject) || t === undefined) return other.has(`${system}|${subject}|${at}`);
      const p = known(`${system}|${subject}`);
      return p !== undefined && times.has(timeWords(p, t));
    },
  };
}
