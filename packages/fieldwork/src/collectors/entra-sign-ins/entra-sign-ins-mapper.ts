import type { SignInRecord } from '@fieldwork/core/records';
import { z } from 'zod';

type Cite = { source: string; artifact: string; locator: string };

/** The fields of a Graph `signIn` (or a diagnostic record's `properties`) we read. */
export const entraSignInSchema = z.object({
  id: z.string().min(1),
  createdDateTime: z.string().min(1),
  userPrincipalName: z.string().nullish(),
  userId: z.string().nullish(),
  servicePrincipalId: z.string().nullish(),
  servicePrincipalName: z.string().nullish(),
  appDisplayName: z.string().nullish(),
  resourceDisplayName: z.string().nullish(),
  isInteractive: z.boolean().nullish(),
  signInEventTypes: z.array(z.string()).nullish(),
  authenticationRequirement: z.string().nullish(),
  conditionalAccessStatus: z.string().nullish(),
  /** Every sign-in states its result; a user or audit object has none. */
  status: z.object({ errorCode: z.number().nullish(), additionalDetails: z.string().nullish() }).loose(),
}).loose();
export type EntraSignIn = z.infer<typeof entraSignInSchema>;

/** Diagnostic-settings categories of service principal and managed identity sign-ins. */
const SERVICE_CATEGORIES = /ServicePrincipalSignInLogs|ManagedIdentitySignInLogs/i;

const CA: Record<string, SignInRecord['conditionalAccess']> = { success: 'success', failure: 'failure', notapplied: 'not_applied' };

/**
 * Whether the sign-in used a second factor: `authenticationRequirement` says whether MFA was
 * required (and a successful sign-in that required it completed it); without it (v1.0), the
 * status detail Entra writes when MFA was done ("MFA requirement satisfied…", "MFA completed…").
 */
export function entraMfa(s: EntraSignIn): SignInRecord['mfa'] {
  const req = s.authenticationRequirement?.toLowerCase();
  if (req === 'multifactorauthentication') return 'satisfied';
  if (req === 'singlefactorauthentication') return 'single_factor';
  if (/MFA (requirement satisfied|completed)/i.test(s.status?.additionalDetails ?? '')) return 'satisfied';
  return 'unknown';
}

/** Maps an Entra sign-in to a `sign_in`; `category` is the diagnostic export's category when the record came from one. */
export function mapEntraSignIn(s: EntraSignIn, category: string | undefined, cite: Cite): SignInRecord | undefined {
  const at = new Date(s.createdDateTime);
  if (Number.isNaN(at.getTime())) return undefined;
  const types = (s.signInEventTypes ?? []).map((t) => t.toLowerCase());
  const service = SERVICE_CATEGORIES.test(category ?? '') || types.some((t) => t === 'serviceprincipal' || t === 'managedidentity') || (!s.userPrincipalName && !!(s.servicePrincipalId || s.servicePrincipalName));
  const account = s.userPrincipalName ?? s.servicePrincipalName ?? s.servicePrincipalId ?? s.userId;
  if (!account) return undefined;
  const interactive = s.isInteractive ?? (types.length ? types.includes('interactiveuser') : !/NonInteractive/i.test(category ?? ''));
  const ca = CA[(s.conditionalAccessStatus ?? '').toLowerCase()];
  const app = s.appDisplayName ?? s.resourceDisplayName ?? undefined;
  return {
    kind: 'sign_in', ...cite, system: 'entra', eventId: s.id, at: at.toISOString(), account,
    ...(s.userId ?? s.servicePrincipalId ? { accountId: (s.userId ?? s.servicePrincipalId) as string } : {}),
    ...(!service && account.includes('@') ? { email: account.toLowerCase() } : {}),
    accountType: service ? 'service' : 'user',
    ...(app ? { app } : {}),
    outcome: (s.status.errorCode ?? 0) === 0 ? 'success' : 'failure',
    interactive: service ? false : interactive,
    mfa: entraMfa(s), sso: true,
    ...(ca ? { conditionalAccess: ca } : {}),
    ...(s.authenticationRequirement ? { method: s.authenticationRequirement } : {}),
  };
}
