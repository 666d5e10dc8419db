import { z } from 'zod';

/**
 * Options of the `okta-system-log` source. With `path`/`glob` it reads exported files (a JSON
 * array as the API returns it, or JSON Lines); with `orgUrl` it calls the System Log API.
 */
export const oktaOptionsSchema = z.object({
  /** `https://your-org.okta.com` — enables the live API. */
  orgUrl: z.url().optional(),
  /** Environment variable holding the API token (SSWS). */
  tokenEnv: z.string().default('OKTA_API_TOKEN'),
  /** ISO-8601 lower bound (`since`). */
  since: z.string().optional(),
  until: z.string().optional(),
  /** Okta filter expression, e.g. `eventType sw "user.lifecycle"`. */
  filter: z.string().optional(),
  /** Page size (the API allows up to 1000). */
  limit: z.number().int().min(1).max(1000).default(1000),
  /** Stop after this many pages (safety net). */
  maxPages: z.number().int().min(1).default(10_000),
}).strict();
export type OktaOptions = z.infer<typeof oktaOptionsSchema>;
