import { z } from 'zod';

/** Options of the `pgbackrest-info` source (`pgbackrest info --output=json`). */
export const pgbackrestOptionsSchema = z.object({
  /** Stanza name → resource name in `backups.resources` (default: the stanza name itself). */
  resourceMap: z.record(z.string().min(1), z.string().min(1)).default({}),
}).strict();
export type PgbackrestOptions = z.infer<typeof pgbackrestOptionsSchema>;
