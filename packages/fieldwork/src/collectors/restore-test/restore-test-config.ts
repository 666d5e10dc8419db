import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a restore-test file and the other names accepted for each (compared without
 * case, spaces, underscores or hyphens).
 */
export const RESTORE_TEST_FIELDS: FieldAliases = {
  resource: ['resource name', 'restored resource', 'system', 'database', 'backup resource'],
  performed_at: ['performed', 'tested at', 'restored at', 'test date', 'date'],
  performed_by: ['tester', 'operator', 'engineer', 'restored by', 'tested by'],
  backup_id: ['recovery point', 'recovery point id', 'snapshot', 'snapshot id', 'backup'],
  result: ['outcome', 'status'],
  evidence: ['evidence file', 'artifact', 'log', 'log file', 'screenshot'],
  notes: ['comments', 'description'],
};

/** Options of the `restore-test-yaml` source. */
export const restoreTestOptionsSchema = z.object({
  /** Our field (e.g. `performed_at`) → the key your files use for it; wins over the accepted names. */
  fields: fieldMappingSchema(RESTORE_TEST_FIELDS).default({}),
}).strict();
export type RestoreTestOptions = z.infer<typeof restoreTestOptionsSchema>;

/**
 * A restore test done by hand, one YAML file per test:
 * `{ resource, performed_at, performed_by, backup_id?, result: success | failure, evidence, notes? }`.
 * `evidence` is a file (log, screenshot) relative to the YAML file.
 */
export const restoreTestFileSchema = z.object({
  resource: z.string().min(1),
  performed_at: z.union([z.string().min(1), z.date()]),
  performed_by: z.string().min(1),
  backup_id: z.string().min(1).optional(),
  result: z.enum(['success', 'failure']),
  evidence: z.string().min(1).optional(),
  notes: z.string().optional(),
}).strict();
export type RestoreTestFile = z.infer<typeof restoreTestFileSchema>;

/** Files read as restore-test records; every other file in the source is kept as evidence only. */
export const RESTORE_TEST_RECORD_FILE = /\.ya?ml$/i;
