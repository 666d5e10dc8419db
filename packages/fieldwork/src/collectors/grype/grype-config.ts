import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/** Options of the `grype-json` source (`grype IMAGE -o json`). */
export const grypeOptionsSchema = z.object({
  /** The asset name to record instead of the scanned image or folder. */
  asset: z.string().min(1).optional(),
  /** When the scan ran, for reports with an empty `descriptor.timestamp`: an instant or "file-name". */
  scannedAt: scannedAtOption,
}).strict();
export type GrypeOptions = z.infer<typeof grypeOptionsSchema>;
