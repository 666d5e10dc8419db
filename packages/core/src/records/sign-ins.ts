import { z } from 'zod';
import { identityKey, instant, recordBase } from './base.js';

/**
 * An account's MFA registration as an identity provider's roster states it at `snapshotAt`:
 * Okta's enrolled factors, Entra's authentication-method registration, Google's 2-Step
 * Verification enrolment. The same meaning in every provider, so checks never ask which one.
 */
export const accountMfaSchema = z.object({
  kind: z.literal('account_mfa'),
  ...recordBase,
  system: z.string().min(1),
  /** The account's id in the system (joins to `account.accountId`). */
  accountId: z.string().min(1),
  login: z.string().optional(),
  snapshotAt: instant,
  /** At least one second factor is registered and usable. */
  enrolled: z.boolean(),
  /** The provider itself requires a second factor for this account, when it says so per account (Google `isEnforcedIn2Sv`). */
  enforced: z.boolean().optional(),
  /** Registered factor types in the provider's words (`push`, `token:software:totp`, `microsoftAuthenticatorPush`). */
  factors: z.array(z.string()).default([]),
});
export type AccountMfaRecord = z.infer<typeof accountMfaSchema>;
/** Identity of an MFA registration: the system, the account and the roster's time. */
export const accountMfaIdentity = (r: AccountMfaRecord): string => identityKey(r.system, r.accountId, r.snapshotAt);

/** Whether a sign-in was protected by a second factor. */
export const signInMfaValues = ['satisfied', 'single_factor', 'unknown'] as const;
export type SignInMfa = (typeof signInMfaValues)[number];

/**
 * One authentication to the identity provider or, through it, to an application: Okta's
 * `user.authentication.sso`, an Entra `signIn`, a Google login audit event. `mfa` means the same
 * everywhere: `satisfied` (a second factor was part of this sign-in or its session),
 * `single_factor` (the provider says only one factor was used), `unknown` (the source does not say).
 */
export const signInSchema = z.object({
  kind: z.literal('sign_in'),
  ...recordBase,
  /** `okta`, `entra`, `google-workspace`. */
  system: z.string().min(1),
  /** The event's own id (Okta `uuid`, Entra `id`, Google `id.uniqueQualifier`). */
  eventId: z.string().min(1),
  at: instant,
  /** The account as the provider names it (login, UPN, email). */
  account: z.string().min(1),
  accountId: z.string().optional(),
  email: z.string().optional(),
  /** `user` for people; `service` for a service principal or workload identity. */
  accountType: z.enum(['user', 'service']).default('user'),
  /** The application signed in to; absent for a sign-in to the identity provider itself. */
  app: z.string().optional(),
  outcome: z.enum(['success', 'failure']),
  /** False for token refreshes and other sign-ins a person did not make themselves. */
  interactive: z.boolean().default(true),
  mfa: z.enum(signInMfaValues),
  /** True when the sign-in went through the identity provider (SAML / OIDC single sign-on or the IdP's own session). */
  sso: z.boolean().optional(),
  /** The result of conditional access or sign-on policy, when the provider records one. */
  conditionalAccess: z.enum(['success', 'failure', 'not_applied']).optional(),
  /** The provider's own words for how the user authenticated (`singleFactorAuthentication`, `password, google_authenticator`). */
  method: z.string().optional(),
});
export type SignInRecord = z.infer<typeof signInSchema>;
/** Identity of a sign-in: the system and the event's own id. */
export const signInIdentity = (r: SignInRecord): string => identityKey(r.system, r.eventId);
