import type { AccountMfaRecord, AccountRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import { optionalInstant } from '../identity/roster-time.js';

type Cite = { source: string; artifact: string; locator: string };

/** The fields of an Okta `User` we read (GET /api/v1/users). */
export const oktaUserSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  created: z.string().nullish(),
  lastLogin: z.string().nullish(),
  statusChanged: z.string().nullish(),
  profile: z.object({ login: z.string().min(1), email: z.string().nullish() }).loose(),
}).loose();
export type OktaUser = z.infer<typeof oktaUserSchema>;

/** The fields of an Okta `UserFactor` we read (GET /api/v1/users/{id}/factors). */
export const oktaFactorSchema = z.object({
  id: z.string().min(1),
  factorType: z.string().min(1),
  status: z.string().min(1),
  provider: z.string().nullish(),
  _links: z.object({
    self: z.object({ href: z.string() }).loose().nullish(),
    user: z.object({ href: z.string() }).loose().nullish(),
  }).loose().nullish(),
}).loose();
export type OktaFactor = z.infer<typeof oktaFactorSchema>;

/** Okta user statuses → the status every roster uses. */
const STATUS: Record<string, string> = {
  ACTIVE: 'active', RECOVERY: 'active', LOCKED_OUT: 'active', PASSWORD_EXPIRED: 'active',
  SUSPENDED: 'suspended', DEPROVISIONED: 'deprovisioned', STAGED: 'staged', PROVISIONED: 'staged',
};

/**
 * Factor types that are a second factor. A security question is something the user knows, like
 * the password, so an account with only a question is not enrolled in MFA.
 */
const KNOWLEDGE_FACTORS = new Set(['question']);

/** The account id an Okta factor belongs to, from its `_links` (`…/api/v1/users/{id}/factors/{factorId}`). */
export function factorUserId(f: OktaFactor): string | undefined {
  for (const href of [f._links?.user?.href, f._links?.self?.href]) {
    const m = href ? /\/users\/([^/?#]+)/.exec(href) : null;
    if (m) return decodeURIComponent(m[1]);
  }
  return undefined;
}

/** The Okta user id a factors response is about when its name says (`/api/v1/users/00u…/factors`, or a file named after the id). */
export function userIdFromName(name: string): string | undefined {
  return /users\/([^/?#\s]+)\/factors/.exec(name)?.[1] ?? /\b(00u[0-9A-Za-z]{10,})\b/.exec(name)?.[1];
}

/** One roster row: an Okta user as an `account` as of `snapshotAt`. */
export function mapOktaUser(u: OktaUser, snapshotAt: string, cite: Cite): AccountRecord {
  const email = u.profile.email ?? (u.profile.login.includes('@') ? u.profile.login : undefined);
  const created = optionalInstant(u.created);
  const last = optionalInstant(u.lastLogin);
  return {
    kind: 'account', ...cite, system: 'okta', accountId: u.id, login: u.profile.login,
    ...(email ? { email: email.toLowerCase() } : {}),
    status: STATUS[u.status.toUpperCase()] ?? u.status.toLowerCase(), nativeStatus: u.status,
    accountType: 'user', snapshotAt,
    ...(created ? { createdAt: created } : {}),
    ...(last ? { lastSignInAt: last } : {}),
  };
}

/** One user's factors as an MFA registration: enrolled when a non-knowledge factor is ACTIVE. */
export function mapOktaFactors(userId: string, factors: OktaFactor[], snapshotAt: string, cite: Cite): AccountMfaRecord {
  const active = factors.filter((f) => f.status.toUpperCase() === 'ACTIVE');
  const second = active.filter((f) => !KNOWLEDGE_FACTORS.has(f.factorType));
  return {
    kind: 'account_mfa', ...cite, system: 'okta', accountId: userId, snapshotAt,
    enrolled: second.length > 0, factors: [...new Set(active.map((f) => f.factorType))].sort(),
  };
}
