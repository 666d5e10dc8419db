import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/**
 * Options of the `osv-scanner-json` source. OSV-Scanner's JSON states neither the scan time
 * nor a project name, and writes absolute lockfile paths; these options supply them.
 */
export const osvScannerOptionsSchema = z.object({
  /** The asset (project or repository) the lockfiles belong to; defaults to the lockfile when there is one. */
  asset: z.string().min(1).optional(),
  /** When the scan ran: an ISO-8601 instant, or "file-name" (date in each file's name). Required. */
  scannedAt: scannedAtOption,
  /** Folder prefix to strip from `source.path` so targets read `agent-runtime/uv.lock`, not `/home/ci/…`. */
  root: z.string().min(1).optional(),
  /** Lockfiles the scan covered (OSV-Scanner leaves lockfiles without findings out of its output). */
  targets: z.array(z.string().min(1)).default([]),
}).strict();
export type OsvScannerOptions = z.infer<typeof osvScannerOptionsSchema>;
