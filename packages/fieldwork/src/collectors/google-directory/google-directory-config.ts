import { z } from 'zod';
import { takenAtSchema } from '../identity/roster-time.js';

/**
 * Options of the `google-directory-users` source: the Google Workspace user roster from the
 * Admin SDK Directory API `users.list`, with 2-Step Verification enrolment and enforcement.
 * With `path`/`glob` it reads saved response pages; with `live: true` it calls the API.
 */
export const googleDirectoryOptionsSchema = z.object({
  /** Call the live API (set `baseUrl` for another endpoint). */
  live: z.boolean().default(false),
  baseUrl: z.url().default('https://admin.googleapis.com'),
  /** Environment variable holding an OAuth access token with `admin.directory.user.readonly`. */
  tokenEnv: z.string().default('GOOGLE_ACCESS_TOKEN'),
  /** `my_customer` (the token's account) or a customer id; or set `domain`. */
  customer: z.string().default('my_customer'),
  domain: z.string().optional(),
  /** When the roster was taken (date or instant), for files whose name carries no date (`entra-users-2026-09-30.json`). */
  takenAt: takenAtSchema.optional(),
  /** Page size (`maxResults`; the API allows up to 500). */
  maxResults: z.number().int().min(1).max(500).default(500),
  maxPages: z.number().int().min(1).default(10_000),
}).strict();
export type GoogleDirectoryOptions = z.infer<typeof googleDirectoryOptionsSchema>;
