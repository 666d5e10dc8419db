import type { AccessAction, AccessEventRecord, SignInRecord } from '@fieldwork/core/records';
import { z } from 'zod';

/** The parts of an Okta System Log `LogEvent` we read; everything else is kept in the artifact. */
export const oktaActorSchema = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  alternateId: z.string().nullish(),
  displayName: z.string().nullish(),
}).loose();

export const oktaLogEventSchema = z.object({
  uuid: z.string().min(1),
  published: z.string().min(1),
  eventType: z.string().min(1),
  displayMessage: z.string().nullish(),
  actor: oktaActorSchema.nullish(),
  target: z.array(oktaActorSchema).nullish(),
  outcome: z.object({ result: z.string().nullish(), reason: z.string().nullish() }).loose().nullish(),
  authenticationContext: z.object({ externalSessionId: z.string().nullish() }).loose().nullish(),
}).loose();
export type OktaLogEvent = z.infer<typeof oktaLogEventSchema>;

/** Okta event types → the access action they mean. Unlisted types are kept as evidence only. */
const ACTIONS: Record<string, AccessAction> = {
  'user.lifecycle.create': 'create',
  'user.lifecycle.activate': 'activate',
  'user.lifecycle.reactivate': 'activate',
  'user.lifecycle.deactivate': 'deactivate',
  'user.lifecycle.suspend': 'suspend',
  'user.lifecycle.unsuspend': 'unsuspend',
  'user.lifecycle.delete.initiated': 'delete',
  'user.lifecycle.delete.completed': 'delete',
  'application.user_membership.add': 'grant',
  'application.user_membership.remove': 'revoke',
  'application.user_membership.change_privilege': 'role_change',
  'group.user_membership.add': 'grant',
  'group.user_membership.remove': 'revoke',
  'user.account.privilege.grant': 'role_change',
  'user.account.privilege.revoke': 'role_change',
  'user.session.start': 'login',
  'user.authentication.sso': 'login',
  'user.mfa.factor.activate': 'mfa_enroll',
  'user.mfa.factor.deactivate': 'mfa_reset',
  'user.mfa.factor.reset_all': 'mfa_reset',
};

/** The action an Okta event type means, or undefined when it is not an access change we test. */
export function oktaAction(eventType: string): AccessAction | undefined {
  return ACTIONS[eventType];
}

/**
 * Maps a LogEvent to an `access_event`. The subject is the target user; for sign-ins, where
 * Okta puts the user in `actor`, it is the actor.
 */
export function mapOktaEvent(e: OktaLogEvent, cite: { source: string; artifact: string; locator: string }): AccessEventRecord | undefined {
  const action = oktaAction(e.eventType);
  if (!action) return undefined;
  const targets = e.target ?? [];
  const user = targets.find((t) => t.type === 'User') ?? (action === 'login' || action === 'mfa_enroll' || action === 'mfa_reset' ? e.actor ?? undefined : undefined);
  const account = user?.alternateId ?? user?.id;
  if (!account) return undefined;
  // Okta lists the AppUser (the person's app account) before the AppInstance; the app is what was granted.
  const resource = targets.find((t) => t.type === 'AppInstance') ?? targets.find((t) => t.type === 'UserGroup') ?? targets.find((t) => t.type === 'AppUser');
  const published = new Date(e.published);
  if (Number.isNaN(published.getTime())) return undefined;
  return {
    kind: 'access_event',
    ...cite,
    system: 'okta',
    eventId: e.uuid,
    eventType: e.eventType,
    action,
    at: published.toISOString(),
    account,
    ...(user?.id ? { accountId: user.id } : {}),
    ...(account.includes('@') ? { email: account.toLowerCase() } : {}),
    ...(e.actor?.alternateId ? { actor: e.actor.alternateId } : {}),
    ...(resource?.displayName || resource?.alternateId ? { target: (resource.displayName ?? resource.alternateId) as string } : {}),
    ...(e.outcome?.result ? { outcome: e.outcome.result } : {}),
  };
}

/** What one Okta session showed within an artifact: that it started, and whether a second factor was verified in it. */
export interface OktaSession {
  started: boolean;
  mfa: boolean;
}

/**
 * The sessions of one artifact as flags per session id (see {@link noteOktaSession}): a map
 * in memory, or one that spills to disk for exports of millions of events.
 */
export interface OktaSessionFlags {
  get(id: string): number;
  or(id: string, flags: number): void;
}

/** A session seen in a successful event; it started; it verified a second factor. */
const SEEN = 1;
const STARTED = 2;
const MFA = 4;

/** Event types that verify a second factor in the session they belong to. */
const MFA_EVENTS = new Set(['user.authentication.auth_via_mfa']);

/** Notes what an event says about its session (start, MFA verified); failed events say nothing. */
export function noteOktaSession(sessions: OktaSessionFlags, e: OktaLogEvent): void {
  const id = e.authenticationContext?.externalSessionId;
  if (!id || id === 'unknown' || (e.outcome?.result ?? '').toUpperCase() !== 'SUCCESS') return;
  sessions.or(id, SEEN | (e.eventType === 'user.session.start' ? STARTED : 0) | (MFA_EVENTS.has(e.eventType) ? MFA : 0));
}

/** What the artifact showed of a session, or undefined when none of its successful events is in it. */
export function oktaSession(sessions: OktaSessionFlags, id: string | null | undefined): OktaSession | undefined {
  const f = id ? sessions.get(id) : 0;
  return f ? { started: (f & STARTED) !== 0, mfa: (f & MFA) !== 0 } : undefined;
}

/** True for the event of a user signing in to an application through Okta. */
export const isOktaAppSignIn = (e: OktaLogEvent): boolean => e.eventType === 'user.authentication.sso';

/**
 * Maps an app sign-in (`user.authentication.sso`) to a `sign_in`. MFA comes from the Okta session
 * it belongs to (`authenticationContext.externalSessionId`), as far as the same artifact shows
 * it: a successful `user.authentication.auth_via_mfa` in the session is `satisfied`; a session
 * whose start is in the artifact without one is `single_factor`; a session begun before the
 * export window is `unknown`.
 */
export function mapOktaSignIn(e: OktaLogEvent, sessions: OktaSessionFlags, cite: { source: string; artifact: string; locator: string }): SignInRecord | undefined {
  const user = e.actor?.type === 'User' ? e.actor : undefined;
  const account = user?.alternateId ?? user?.id;
  if (!account) return undefined;
  const at = new Date(e.published);
  if (Number.isNaN(at.getTime())) return undefined;
  const app = (e.target ?? []).find((t) => t.type === 'AppInstance');
  const session = oktaSession(sessions, e.authenticationContext?.externalSessionId);
  const mfa: SignInRecord['mfa'] = session?.mfa ? 'satisfied' : session?.started ? 'single_factor' : 'unknown';
  const result = (e.outcome?.result ?? '').toUpperCase();
  return {
    kind: 'sign_in', ...cite, system: 'okta', eventId: e.uuid, at: at.toISOString(), account,
    ...(user?.id ? { accountId: user.id } : {}),
    ...(account.includes('@') ? { email: account.toLowerCase() } : {}),
    accountType: 'user',
    ...(app?.displayName || app?.alternateId ? { app: (app.displayName ?? app.alternateId) as string } : {}),
    outcome: result === 'SUCCESS' || result === 'ALLOW' ? 'success' : 'failure',
    interactive: true, mfa, sso: true,
    ...(session ? { method: session.mfa ? 'session verified a second factor (user.authentication.auth_via_mfa)' : 'session started without a second factor' } : {}),
  };
}
