import type { AccountMfaRecord, AccountRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import { optionalInstant } from '../identity/roster-time.js';

type Cite = { source: string; artifact: string; locator: string };

/** The fields of a Directory API `admin#directory#user` we read. */
export const googleUserSchema = z.object({
  id: z.string().min(1),
  primaryEmail: z.string().min(1),
  suspended: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  isEnrolledIn2Sv: z.boolean().nullish(),
  isEnforcedIn2Sv: z.boolean().nullish(),
  creationTime: z.string().nullish(),
  lastLoginTime: z.string().nullish(),
}).loose();
export type GoogleUser = z.infer<typeof googleUserSchema>;

/** One roster row: a Google Workspace user as an `account` (archived users cannot sign in: deprovisioned). */
export function mapGoogleUser(u: GoogleUser, snapshotAt: string, cite: Cite): AccountRecord {
  const created = optionalInstant(u.creationTime);
  // The API writes 1970-01-01 for a user who never signed in.
  const last = optionalInstant(u.lastLoginTime);
  return {
    kind: 'account', ...cite, system: 'google-workspace', accountId: u.id, login: u.primaryEmail, email: u.primaryEmail.toLowerCase(),
    status: u.archived ? 'deprovisioned' : u.suspended ? 'suspended' : 'active',
    nativeStatus: u.archived ? 'archived' : u.suspended ? 'suspended' : 'active',
    accountType: 'user', snapshotAt,
    ...(created ? { createdAt: created } : {}),
    ...(last ? { lastSignInAt: last } : {}),
  };
}

/** The user's 2-Step Verification state as an MFA registration, or undefined when the page leaves it out. */
export function mapGoogleUser2sv(u: GoogleUser, snapshotAt: string, cite: Cite): AccountMfaRecord | undefined {
  if (u.isEnrolledIn2Sv == null) return undefined;
  return {
    kind: 'account_mfa', ...cite, system: 'google-workspace', accountId: u.id, login: u.primaryEmail, snapshotAt,
    enrolled: u.isEnrolledIn2Sv, ...(u.isEnforcedIn2Sv != null ? { enforced: u.isEnforcedIn2Sv } : {}),
    // users.list does not name the methods; the login audit does, per sign-in.
    factors: u.isEnrolledIn2Sv ? ['2sv'] : [],
  };
}
