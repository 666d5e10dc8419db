import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/** Options of the `dependabot-alerts` source. */
export const dependabotOptionsSchema = z.object({
  /** `owner/repo` the alerts belong to, when the file does not say (an empty list, a GraphQL repository without nameWithOwner). */
  repository: z.string().regex(/^[^/\s]+\/[^/\s]+$|^[^/\s]+$/, 'expected owner/repo').optional(),
  /**
   * When the list was fetched: an ISO-8601 instant or "file-name". Without it the snapshot is
   * dated by the latest change among its alerts (the fetch was no earlier than that).
   */
  scannedAt: scannedAtOption,
}).strict();
export type DependabotOptions = z.infer<typeof dependabotOptionsSchema>;
