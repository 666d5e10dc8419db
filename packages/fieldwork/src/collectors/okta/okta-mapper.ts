import type { AccessAction, AccessEventRecord } from '@fieldwork/core/records';
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
