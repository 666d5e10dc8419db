import type { AccountMfaRecord, AccountRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import { optionalInstant } from '../identity/roster-time.js';

type Cite = { source: string; artifact: string; locator: string };

/** The fields of a Graph `user` we read (GET /users?$select=…,signInActivity). */
export const entraUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().min(1),
  mail: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  userType: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  signInActivity: z.object({
    lastSignInDateTime: z.string().nullish(),
    lastSuccessfulSignInDateTime: z.string().nullish(),
  }).loose().nullish(),
}).loose();
export type EntraUser = z.infer<typeof entraUserSchema>;

/** The fields of a `userRegistrationDetails` row we read (GET /reports/authenticationMethods/userRegistrationDetails). */
export const entraRegistrationSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().nullish(),
  isMfaRegistered: z.boolean(),
  isMfaCapable: z.boolean().nullish(),
  methodsRegistered: z.array(z.string()).nullish(),
  userType: z.string().nullish(),
}).loose();
export type EntraRegistration = z.infer<typeof entraRegistrationSchema>;

/** Entra renames a deleted user's UPN; a guest's UPN carries `#EXT#`. The person's address is `mail`, else the UPN. */
function emailOf(u: EntraUser): string | undefined {
  const v = u.mail ?? (u.userPrincipalName.includes('#EXT#') ? undefined : u.userPrincipalName);
  return v && v.includes('@') ? v.toLowerCase() : undefined;
}

/** One roster row: an Entra user as an `account` as of `snapshotAt`. `accountEnabled: false` means the account cannot sign in. */
export function mapEntraUser(u: EntraUser, snapshotAt: string, cite: Cite): AccountRecord {
  const email = emailOf(u);
  const created = optionalInstant(u.createdDateTime);
  const last = optionalInstant(u.signInActivity?.lastSignInDateTime ?? u.signInActivity?.lastSuccessfulSignInDateTime);
  return {
    kind: 'account', ...cite, system: 'entra', accountId: u.id, login: u.userPrincipalName,
    ...(email ? { email } : {}),
    status: u.accountEnabled === false ? 'suspended' : 'active',
    nativeStatus: `accountEnabled: ${u.accountEnabled ?? 'unknown'}`,
    accountType: u.userType?.toLowerCase() === 'guest' ? 'guest' : 'user',
    snapshotAt,
    ...(created ? { createdAt: created } : {}),
    ...(last ? { lastSignInAt: last } : {}),
  };
}

/** A registration report row as an MFA registration: enrolled when Entra says the user registered an MFA method. */
export function mapEntraRegistration(r: EntraRegistration, snapshotAt: string, cite: Cite): AccountMfaRecord {
  return {
    kind: 'account_mfa', ...cite, system: 'entra', accountId: r.id, ...(r.userPrincipalName ? { login: r.userPrincipalName } : {}),
    snapshotAt, enrolled: r.isMfaRegistered, factors: [...(r.methodsRegistered ?? [])].sort(),
  };
}
