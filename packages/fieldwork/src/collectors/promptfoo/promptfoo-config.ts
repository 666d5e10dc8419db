import { z } from 'zod';

/** Options of the `promptfoo-results` source. */
export const promptfooOptionsSchema = z.object({
  /** Pass rate (0–1) a run must reach to pass. promptfoo has no threshold of its own; the default asks every test to pass. */
  threshold: z.number().min(0).max(1).default(1),
  /** Model name per provider id or label, for providers whose id names no model (HTTP endpoints, custom scripts). */
  models: z.record(z.string(), z.string().min(1)).default({}),
  /** Model name for every provider of the file (overrides `models` and the provider id). */
  model: z.string().min(1).optional(),
  /** Name of the test set, e.g. `support-heldout-v3`. Default: the config's description. */
  dataset: z.string().min(1).optional(),
  /** Whether the test set is held out from prompt tuning. Default: the config tag `held-out` (true/false) when present. */
  heldOut: z.boolean().optional(),
}).strict();
export type PromptfooOptions = z.infer<typeof promptfooOptionsSchema>;
