import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a training completion export and the column titles accepted for each (LMS and
 * awareness platforms: KnowBe4, Proofpoint, Hoxhunt, Curricula, a spreadsheet).
 */
export const TRAINING_FIELDS: FieldAliases = {
  email: ['user email', 'learner email', 'employee email', 'work email', 'email address'],
  course: ['course name', 'module', 'module name', 'training', 'training name', 'content', 'content name', 'assignment', 'assignment name'],
  campaign: ['campaign name', 'program', 'training campaign'],
  status: ['completion status', 'training status', 'enrollment status'],
  enrolledAt: ['enrolled', 'enrolled at', 'enrollment date', 'enrolled on', 'assigned', 'assigned at', 'assigned date', 'assigned on'],
  completedAt: ['completed', 'completed at', 'completed on', 'completion date', 'date completed'],
  dueDate: ['due', 'due date', 'due on'],
  id: ['enrollment id', 'enrollment', 'record id'],
};

export const TRAINING_REQUIRED = ['email', 'course'] as const;

/**
 * Options of the `training-csv` source.
 *
 * @example
 * options:
 *   columns: { email: Learner, course: Assignment, completedAt: Finished }
 */
export const trainingCsvOptionsSchema = z.object({
  columns: fieldMappingSchema(TRAINING_FIELDS).default({}),
  /**
   * Status values (case-insensitive) that mean the course was NOT finished, even when a date is
   * filled in (a reset or failed attempt); a row without a completion date is never finished.
   */
  incompleteStatuses: z.array(z.string()).default(['not started', 'in progress', 'past due', 'overdue', 'failed', 'incomplete', 'assigned', 'expired']),
}).strict();
export type TrainingCsvOptions = z.infer<typeof trainingCsvOptionsSchema>;
