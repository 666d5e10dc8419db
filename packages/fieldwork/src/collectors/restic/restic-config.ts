import { z } from 'zod';

/** Options of the `restic-snapshots` source (`restic snapshots --json`). */
export const resticOptionsSchema = z.object({
  /** The resource name for every snapshot in the file (default: `hostname:path,path`). */
  resource: z.string().min(1).optional(),
}).strict();
export type ResticOptions = z.infer<typeof resticOptionsSchema>;
