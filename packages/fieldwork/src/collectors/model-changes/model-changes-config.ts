import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a `changes:` entry and the other names accepted for each (compared without
 * case, spaces, underscores or hyphens).
 */
export const MODEL_CHANGE_FIELDS: FieldAliases = {
  id: ['change id', 'change', 'key'],
  service: ['agent', 'application', 'app'],
  environment: ['env', 'stage'],
  from: ['from model', 'previous model', 'old model', 'model before'],
  to: ['to model', 'new model', 'target model', 'model after', 'model'],
  aliases: ['model aliases', 'to aliases', 'snapshots'],
  provider: ['model provider'],
  ticket: ['ticket id', 'change ticket', 'issue', 'jira'],
  requested_by: ['requester', 'requested', 'author'],
  approved_by: ['approver', 'reviewer', 'reviewed by'],
  approved_at: ['approved on', 'approval date', 'approval time', 'reviewed at'],
  effective_at: ['effective', 'effective date', 'deployed at', 'rolled out at', 'released at', 'changed at'],
  evals: ['eval ids', 'eval runs', 'evaluations', 'eval'],
};

/** Options of the `model-changes-yaml` source. */
export const modelChangesOptionsSchema = z.object({
  /** Our field (e.g. `effective_at`) → the key your file uses for it; wins over the accepted names. */
  fields: fieldMappingSchema(MODEL_CHANGE_FIELDS).default({}),
}).strict();
export type ModelChangesOptions = z.infer<typeof modelChangesOptionsSchema>;
