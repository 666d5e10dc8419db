import type { AccessAction, AccessEventRecord, SignInRecord } from '@fieldwork/core/records';
import { z } from 'zod';

const parameterSchema = z.object({
  name: z.string(),
  value: z.string().nullish(),
  multiValue: z.array(z.string()).nullish(),
  intValue: z.union([z.string(), z.number()]).nullish(),
  boolValue: z.boolean().nullish(),
}).loose();

/** The raw fields of a Reports API `admin#reports#activity`; flattened copies other tools add are ignored. */
export const gwActivitySchema = z.object({
  id: z.object({
    time: z.string().min(1),
    uniqueQualifier: z.union([z.string(), z.number()]).nullish(),
    applicationName: z.string().min(1),
  }).loose(),
  actor: z.object({ email: z.string().nullish(), profileId: z.string().nullish(), callerType: z.string().nullish(), key: z.string().nullish() }).loose().nullish(),
  ipAddress: z.string().nullish(),
  events: z.array(z.object({ type: z.string().nullish(), name: z.string().min(1), parameters: z.array(parameterSchema).nullish() }).loose()),
}).loose();
export type GwActivity = z.infer<typeof gwActivitySchema>;
type GwEvent = GwActivity['events'][number];

/** `application:event name` → action. Unlisted events are kept as evidence only. */
const ACTIONS: Record<string, AccessAction> = {
  'admin:CREATE_USER': 'create',
  'admin:DELETE_USER': 'delete',
  'admin:SUSPEND_USER': 'suspend',
  'admin:UNSUSPEND_USER': 'unsuspend',
  'admin:UNDELETE_USER': 'activate',
  'admin:ADD_GROUP_MEMBER': 'grant',
  'admin:REMOVE_GROUP_MEMBER': 'revoke',
  'admin:GRANT_ADMIN_PRIVILEGE': 'role_change',
  'admin:REVOKE_ADMIN_PRIVILEGE': 'role_change',
  'admin:ASSIGN_ROLE': 'role_change',
  'admin:UNASSIGN_ROLE': 'role_change',
  'groups:add_user': 'grant',
  'groups:remove_user': 'revoke',
  'login:login_success': 'login',
  'login:2sv_enroll': 'mfa_enroll',
  'login:2sv_disable': 'mfa_reset',
};

/** A parameter's value by name (case-insensitive: the admin app writes USER_EMAIL, groups writes user_email). */
export function gwParameter(e: GwEvent, name: string): string | undefined {
  const p = (e.parameters ?? []).find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!p) return undefined;
  if (p.value != null) return p.value;
  if (p.multiValue?.length) return p.multiValue.join(', ');
  if (p.intValue != null) return String(p.intValue);
  if (p.boolValue != null) return String(p.boolValue);
  return undefined;
}

/**
 * Maps one event of an activity to an `access_event`. The account is the USER_EMAIL parameter
 * (the user acted on); for sign-in events, where Google names no parameter, it is the actor.
 */
export function mapGwEvent(a: GwActivity, e: GwEvent, index: number, includeFailedLogins: boolean, cite: { source: string; artifact: string; locator: string }): AccessEventRecord | undefined {
  const app = a.id.applicationName;
  const failed = app === 'login' && e.name === 'login_failure' && includeFailedLogins;
  const action = failed ? 'login' : ACTIONS[`${app}:${e.name}`];
  if (!action) return undefined;
  const actor = a.actor?.email ?? a.actor?.key ?? undefined;
  const account = gwParameter(e, 'USER_EMAIL') ?? (app === 'login' ? a.actor?.email ?? undefined : undefined);
  if (!account) return undefined;
  const at = new Date(a.id.time);
  if (Number.isNaN(at.getTime())) return undefined;
  const target = gwParameter(e, 'GROUP_EMAIL') ?? gwParameter(e, 'ROLE_NAME');
  const uq = a.id.uniqueQualifier != null ? String(a.id.uniqueQualifier) : a.id.time;
  return {
    kind: 'access_event',
    ...cite,
    system: 'google-workspace',
    eventId: a.events.length > 1 ? `${uq}#${index}` : uq,
    eventType: `${app}.${e.name}`,
    action,
    at: at.toISOString(),
    account,
    ...(a.actor?.profileId && app === 'login' ? { accountId: a.actor.profileId } : {}),
    ...(account.includes('@') ? { email: account.toLowerCase() } : {}),
    ...(actor ? { actor } : {}),
    ...(target ? { target } : {}),
    ...(failed ? { outcome: 'FAILURE' } : app === 'login' ? { outcome: 'SUCCESS' } : {}),
  };
}

/** Challenge methods that are not a second factor: what the user knows, or where they are. */
const FIRST_FACTOR = /^(password|google_password|none|login_location|knowledge_.*|other|unknown)$/i;

/** All values of a parameter (a multiValue in full, or the single value). */
function gwValues(e: GwEvent, name: string): string[] {
  const p = (e.parameters ?? []).find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!p) return [];
  if (p.multiValue?.length) return p.multiValue;
  return p.value != null ? [p.value] : [];
}

/**
 * Whether a Google sign-in used a second factor, from `login_challenge_method`: any method
 * beyond the password (an authenticator, a security key, a phone prompt, a passkey…) is
 * `satisfied`; the password alone is `single_factor`. A SAML sign-in was authenticated by
 * another identity provider, so Google cannot say (`unknown`), nor can an event without methods.
 */
export function gwSignInMfa(e: GwEvent): SignInRecord['mfa'] {
  if ((gwParameter(e, 'login_type') ?? '').toLowerCase() === 'saml') return 'unknown';
  const methods = gwValues(e, 'login_challenge_method').map((m) => m.trim()).filter(Boolean);
  if (methods.length === 0) return 'unknown';
  return methods.some((m) => !FIRST_FACTOR.test(m)) ? 'satisfied' : 'single_factor';
}

/**
 * Maps a sign-in of the login audit (`login_success`, `login_failure`) or of the SAML app audit
 * (a sign-in to an app through Google) to a `sign_in`.
 */
export function mapGwSignIn(a: GwActivity, e: GwEvent, index: number, cite: { source: string; artifact: string; locator: string }): SignInRecord | undefined {
  const app = a.id.applicationName;
  if ((app !== 'login' && app !== 'saml') || (e.name !== 'login_success' && e.name !== 'login_failure')) return undefined;
  const account = a.actor?.email ?? undefined;
  if (!account) return undefined;
  const at = new Date(a.id.time);
  if (Number.isNaN(at.getTime())) return undefined;
  const uq = a.id.uniqueQualifier != null ? String(a.id.uniqueQualifier) : a.id.time;
  const loginType = gwParameter(e, 'login_type');
  const methods = gwValues(e, 'login_challenge_method');
  const target = app === 'saml' ? gwParameter(e, 'application_name') : undefined;
  return {
    kind: 'sign_in', ...cite, system: 'google-workspace',
    eventId: `${app}:${a.events.length > 1 ? `${uq}#${index}` : uq}`,
    at: at.toISOString(), account,
    ...(a.actor?.profileId ? { accountId: a.actor.profileId } : {}),
    ...(account.includes('@') ? { email: account.toLowerCase() } : {}),
    accountType: 'user',
    ...(target ? { app: target } : {}),
    outcome: e.name === 'login_success' ? 'success' : 'failure',
    // A token exchange is software renewing a session, not a person signing in.
    interactive: (loginType ?? '').toLowerCase() !== 'exchange',
    mfa: app === 'saml' ? 'unknown' : gwSignInMfa(e),
    sso: app === 'saml' || (loginType ?? '').toLowerCase() === 'saml',
    ...(methods.length ? { method: methods.join(', ') } : loginType ? { method: loginType } : {}),
  };
}
