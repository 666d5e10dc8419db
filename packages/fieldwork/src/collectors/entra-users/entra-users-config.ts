import { z } from 'zod';
import { takenAtSchema } from '../identity/roster-time.js';

/**
 * Options of the `entra-users` source: the Microsoft Entra ID user roster and each user's MFA
 * registration. With `path`/`glob` it reads saved Graph responses of `GET /users` and
 * `GET /reports/authenticationMethods/userRegistrationDetails`; with `tenantId` or `graphUrl`
 * and a token it calls both.
 */
export const entraUsersOptionsSchema = z.object({
  /** Microsoft Graph base URL; set it (or `live: true`) to call the API. */
  graphUrl: z.url().optional(),
  /** Call the live API at https://graph.microsoft.com. */
  live: z.boolean().default(false),
  /** Environment variable holding a Graph access token (User.Read.All, AuditLog.Read.All, UserAuthenticationMethod.Read.All). */
  tokenEnv: z.string().default('GRAPH_TOKEN'),
  /** When the roster was taken (date or instant), for files whose name carries no date (`entra-users-2026-09-30.json`). */
  takenAt: takenAtSchema.optional(),
  /** Live API: also read `signInActivity` (needs AuditLog.Read.All and Entra ID P1). */
  signInActivity: z.boolean().default(true),
  /** Live API: also fetch the MFA registration report. */
  registration: z.boolean().default(true),
  /** Page size (`$top`; Graph allows up to 999 for users). */
  top: z.number().int().min(1).max(999).default(999),
  maxPages: z.number().int().min(1).default(10_000),
}).strict();
export type EntraUsersOptions = z.infer<typeof entraUsersOptionsSchema>;
