import { z } from 'zod';

/** Options of the `eval-runs-json` source. */
export const evalRunsOptionsSchema = z.object({
  /** The harness that produced the runs (kept on each record), e.g. `ragas`, `inspect`, `in-house`. */
  tool: z.string().min(1).optional(),
}).strict();
export type EvalRunsOptions = z.infer<typeof evalRunsOptionsSchema>;
