import { z } from 'zod';

/** Options of the `isolation-probe-json` source: none; the run file carries everything. */
export const isolationProbeOptionsSchema = z.object({}).strict();
export type IsolationProbeOptions = z.infer<typeof isolationProbeOptionsSchema>;
