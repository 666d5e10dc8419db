import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/**
 * Options of the `sarif` source. SARIF names the tool but not always the asset or the time
 * (Trivy's SARIF has no `invocations`); these options supply them.
 */
export const sarifOptionsSchema = z.object({
  /** The asset scanned, when the file does not say (no image name or repository URI). */
  asset: z.string().min(1).optional(),
  /** When the scan ran, for runs without `invocations[].endTimeUtc`: an instant or "file-name". */
  scannedAt: scannedAtOption,
}).strict();
export type SarifOptions = z.infer<typeof sarifOptionsSchema>;
