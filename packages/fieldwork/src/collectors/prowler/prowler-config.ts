import { z } from 'zod';

/** Options of the `prowler-ocsf` source (`prowler <provider> --output-formats json-ocsf`). */
export const prowlerOptionsSchema = z.object({
  /** Record only failed checks (FAIL); by default every status is kept, since passes are evidence too. */
  failedOnly: z.boolean().default(false),
}).strict();
export type ProwlerOptions = z.infer<typeof prowlerOptionsSchema>;
