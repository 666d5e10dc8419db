import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/**
 * Options of the `trivy-json` source. The report names the asset (`ArtifactName`) and the
 * scan time (`CreatedAt`); these options cover reports that do not, or rename the asset.
 */
export const trivyOptionsSchema = z.object({
  /** The asset name to record instead of the report's `ArtifactName` (tags are dropped either way). */
  asset: z.string().min(1).optional(),
  /** When the scan ran, for reports without `CreatedAt` (older Trivy versions): an instant or "file-name". */
  scannedAt: scannedAtOption,
  /** Lockfiles the scan covered, for reports that leave clean ones out (older `trivy fs` omits Results without findings). */
  targets: z.array(z.string().min(1)).default([]),
}).strict();
export type TrivyOptions = z.infer<typeof trivyOptionsSchema>;
