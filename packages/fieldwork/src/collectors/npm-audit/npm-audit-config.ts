import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/**
 * Options of the `npm-audit-json` source. `npm audit --json` says neither what was audited
 * nor when, so the source states both.
 */
export const npmAuditOptionsSchema = z.object({
  /** The project audited (e.g. `agent-runtime`); defaults to `lockfile`. */
  asset: z.string().min(1).optional(),
  /** The lockfile audited, relative to the repository (`agent-runtime/package-lock.json`): counts toward dependency-scan coverage. */
  lockfile: z.string().min(1).optional(),
  /** When the audit ran: an ISO-8601 instant, or "file-name" (date in each file's name). Required. */
  scannedAt: scannedAtOption,
}).strict();
export type NpmAuditOptions = z.infer<typeof npmAuditOptionsSchema>;
