import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of an eval run and the other names accepted for each (compared without case,
 * spaces, underscores or hyphens: `held_out`, `Held-out` and `heldOut` are one name).
 */
export const EVAL_RUN_FIELDS: FieldAliases = {
  id: ['run id', 'eval id', 'eval run id', 'run'],
  model: ['model id', 'model name', 'target model'],
  dataset: ['dataset name', 'dataset id', 'eval set', 'test set', 'suite', 'benchmark'],
  held_out: ['holdout', 'is held out', 'is holdout', 'held out set', 'blind'],
  score: ['overall score', 'mean score', 'accuracy'],
  threshold: ['pass threshold', 'min score', 'minimum score', 'target score'],
  passed: ['pass', 'passing'],
  tests: ['samples', 'cases', 'test cases', 'test count', 'total'],
  failures: ['failed', 'failed count', 'failures count'],
  started_at: ['started', 'start', 'start time', 'created at'],
  finished_at: ['finished', 'completed at', 'ended at', 'end time', 'end', 'timestamp'],
  tool: ['harness', 'framework', 'runner'],
};

/** Options of the `eval-runs-json` source. */
export const evalRunsOptionsSchema = z.object({
  /** The harness that produced the runs (kept on each record), e.g. `ragas`, `inspect`, `in-house`. */
  tool: z.string().min(1).optional(),
  /** Our field (e.g. `held_out`) → the key your runs use for it; wins over the accepted names. */
  fields: fieldMappingSchema(EVAL_RUN_FIELDS).default({}),
}).strict();
export type EvalRunsOptions = z.infer<typeof evalRunsOptionsSchema>;
