import { z } from 'zod';
import { scannedAtOption } from '../input/scan-input.js';

/** Options of the `cyclonedx` source (SBOM or VEX, JSON). */
export const cyclonedxOptionsSchema = z.object({
  /** The asset the BOM describes, instead of `metadata.component`. */
  asset: z.string().min(1).optional(),
  /** When a VEX statement was made, for documents without `metadata.timestamp` or analysis times. */
  scannedAt: scannedAtOption,
}).strict();
export type CyclonedxOptions = z.infer<typeof cyclonedxOptionsSchema>;
