import { z } from 'zod';

/** Options of the `model-changes-yaml` source: none yet; the file carries everything. */
export const modelChangesOptionsSchema = z.object({}).strict();
export type ModelChangesOptions = z.infer<typeof modelChangesOptionsSchema>;
