import { z } from 'zod';
import { calendarDate, identityKey, instant, recordBase } from './base.js';

/** A person from the HR system of record. Dates are calendar dates in the workspace timezone. */
export const personSchema = z.object({
  kind: z.literal('person'),
  ...recordBase,
  /** Stable HR id (employee number). */
  id: z.string().min(1),
  email: z.string().min(1).optional(),
  name: z.string().optional(),
  /** employee | contractor | intern | other */
  workerType: z.string().optional(),
  status: z.string().optional(),
  startDate: calendarDate.optional(),
  endDate: calendarDate.optional(),
  /** True when this row is a rehire (a new start after an earlier end). */
  rehire: z.boolean().optional(),
  /** The first-ever hire date, when the row is a rehire (the start of the earlier employment spell). */
  originalStartDate: calendarDate.optional(),
  /** The end of the earlier employment spell, when the row is a rehire whose export still shows it. */
  priorEndDate: calendarDate.optional(),
  department: z.string().optional(),
  manager: z.string().optional(),
});
export type PersonRecord = z.infer<typeof personSchema>;
/** Identity of a person: the HR id (an HR export is a roster; each export restates it whole). */
export const personIdentity = (r: PersonRecord): string => identityKey(r.id);

/** An account in a system (IdP user, app assignment). */
export const accountSchema = z.object({
  kind: z.literal('account'),
  ...recordBase,
  system: z.string().min(1),
  accountId: z.string().min(1),
  login: z.string().optional(),
  email: z.string().optional(),
  status: z.string().optional(),
  mfaEnrolled: z.boolean().optional(),
  ssoEnforced: z.boolean().optional(),
  privileged: z.boolean().optional(),
  at: instant.optional(),
  /**
   * When the roster this row belongs to was taken (an identity provider's user list). Rows of
   * one roster share it; checks read the latest roster on or before each date. Absent for
   * account exports that are not dated rosters.
   */
  snapshotAt: instant.optional(),
  /** `user` (a person's account), `service` (used by software) or `guest` (an outside user invited in). */
  accountType: z.enum(['user', 'service', 'guest']).optional(),
  /** The status as the source writes it (`DEPROVISIONED`, `accountEnabled: false`); `status` is then `active`, `suspended`, `deprovisioned` or `staged`. */
  nativeStatus: z.string().optional(),
  createdAt: instant.optional(),
  /** The last interactive sign-in the identity provider recorded, when it keeps one. */
  lastSignInAt: instant.optional(),
});
export type AccountRecord = z.infer<typeof accountSchema>;
/**
 * Identity of an account: the system and the account's id in it; for a dated roster also the
 * roster's time, so each roster stays a fact of its own and checks can read the roster as of a date.
 */
export const accountIdentity = (r: AccountRecord): string =>
  r.snapshotAt ? identityKey(r.system, r.accountId, r.snapshotAt) : identityKey(r.system, r.accountId);

export const accessActions = ['grant', 'revoke', 'suspend', 'activate', 'deactivate', 'delete', 'role_change', 'create', 'unsuspend', 'mfa_enroll', 'mfa_reset', 'login', 'other'] as const;
export type AccessAction = (typeof accessActions)[number];

/** A change to someone's access, from the identity provider's log. */
export const accessEventSchema = z.object({
  kind: z.literal('access_event'),
  ...recordBase,
  /** The IdP or application: `okta`, `google-workspace`, `entra`, or an app name. */
  system: z.string().min(1),
  /** The event's own id in the source system (Okta `uuid`). */
  eventId: z.string().optional(),
  /** The native event type (`user.lifecycle.deactivate`). */
  eventType: z.string().min(1),
  action: z.enum(accessActions),
  at: instant,
  /** The account acted on (login/email as the IdP shows it). */
  account: z.string().min(1),
  accountId: z.string().optional(),
  /** The email of the target when known (used to link to `person`). */
  email: z.string().optional(),
  actor: z.string().optional(),
  /** Application or group the access is to, when the event is about one. */
  target: z.string().optional(),
  outcome: z.string().optional(),
  ticketRefs: z.array(z.string()).optional(),
});
export type AccessEventRecord = z.infer<typeof accessEventSchema>;
/**
 * Identity of an access event: the system and the event's own id (Okta `uuid`, Entra `id`,
 * Google `id.uniqueQualifier`); without one, what happened to whom, when and by whom.
 */
export const accessEventIdentity = (r: AccessEventRecord): string =>
  r.eventId ? identityKey(r.system, r.eventId) : identityKey(r.system, r.eventType, r.action, r.at, r.account, r.target, r.actor);
