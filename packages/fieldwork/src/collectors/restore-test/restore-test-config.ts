import { z } from 'zod';

/** Options of the `restore-test-yaml` source (none yet; reserved so typos are caught). */
export const restoreTestOptionsSchema = z.object({}).strict();
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
