import { z } from 'zod';
import { takenAtSchema } from '../identity/roster-time.js';

/**
 * Options of the `okta-users` source: the Okta user roster with each user's enrolled factors.
 * With `path`/`glob` it reads saved responses of `GET /api/v1/users` and
 * `GET /api/v1/users/{id}/factors`; with `orgUrl` it calls both APIs.
 */
export const oktaUsersOptionsSchema = z.object({
  /** `https://your-org.okta.com` — enables the live API. */
  orgUrl: z.url().optional(),
  /** Environment variable holding an API token (SSWS) with `okta.users.read`. */
  tokenEnv: z.string().default('OKTA_API_TOKEN'),
  /** When the roster was taken (date or instant), for files whose name carries no date (`okta-users-2026-09-30.json`). */
  takenAt: takenAtSchema.optional(),
  /** Live API: also fetch each user's factors (one request per user). */
  factors: z.boolean().default(true),
  /** Live API: an Okta `search` expression (e.g. `status eq "ACTIVE"`); the default list leaves out DEPROVISIONED users. */
  search: z.string().optional(),
  /** Page size (the API allows up to 200 with `search` and 200 without). */
  limit: z.number().int().min(1).max(200).default(200),
  /** Stop after this many pages of users (safety net). */
  maxPages: z.number().int().min(1).default(10_000),
}).strict();
export type OktaUsersOptions = z.infer<typeof oktaUsersOptionsSchema>;
