import { z } from 'zod';

/**
 * Options of the `entra-sign-ins` source: Microsoft Entra ID sign-in logs, from saved Graph
 * responses of `GET /auditLogs/signIns`, the Azure Monitor diagnostic-settings export
 * (SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs), or the live API.
 */
export const entraSignInsOptionsSchema = z.object({
  graphUrl: z.url().optional(),
  /** Call the live API at https://graph.microsoft.com. */
  live: z.boolean().default(false),
  /** Environment variable holding a Graph access token with AuditLog.Read.All. */
  tokenEnv: z.string().default('GRAPH_TOKEN'),
  /** Graph version: `beta` carries `authenticationRequirement`, which says whether a sign-in used MFA; v1.0 does not. */
  apiVersion: z.enum(['beta', 'v1.0']).default('beta'),
  /** ISO-8601 lower bound on `createdDateTime` (live API). */
  since: z.string().optional(),
  until: z.string().optional(),
  top: z.number().int().min(1).max(1000).default(1000),
  maxPages: z.number().int().min(1).default(10_000),
}).strict();
export type EntraSignInsOptions = z.infer<typeof entraSignInsOptionsSchema>;
