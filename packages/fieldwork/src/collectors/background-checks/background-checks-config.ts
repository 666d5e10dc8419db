import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a background check export and the column titles accepted for each. Our names
 * follow Checkr's Report object (`id`, `status`, `result`, `package`, `completed_at`) with the
 * candidate's email beside it, so a Checkr export reads without a mapping.
 */
export const BACKGROUND_CHECK_FIELDS: FieldAliases = {
  email: ['candidate email', 'candidate_email', 'work email', 'employee email', 'email address'],
  id: ['report id', 'report_id', 'check id', 'order id'],
  status: ['report status', 'check status', 'order status'],
  result: ['report result', 'adjudication'],
  completedAt: ['completed_at', 'completed at', 'completed on', 'completion date', 'date completed', 'completed'],
  package: ['package name', 'screening package', 'screening'],
};

export const BACKGROUND_CHECK_REQUIRED = ['email', 'status'] as const;

/**
 * Options of the `background-checks-csv` source.
 *
 * @example
 * options:
 *   columns: { email: Applicant Email, status: Order Status, completedAt: Closed Date }
 */
export const backgroundChecksCsvOptionsSchema = z.object({
  columns: fieldMappingSchema(BACKGROUND_CHECK_FIELDS).default({}),
  /**
   * Status values (case-insensitive) meaning the provider finished the check. Checkr: `complete`
   * (its older reports say `clear` or `consider`); `pending`, `suspended`, `paused`, `dispute` and
   * `canceled` are not finished.
   */
  completedStatuses: z.array(z.string()).default(['complete', 'completed', 'clear', 'consider', 'eligible']),
}).strict();
export type BackgroundChecksCsvOptions = z.infer<typeof backgroundChecksCsvOptionsSchema>;
