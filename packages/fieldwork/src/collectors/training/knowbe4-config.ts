import { z } from 'zod';

/**
 * One training enrollment as KnowBe4's Reporting API returns it (`GET /v1/training/enrollments`):
 * the fields Fieldwork reads. Others (`start_date`, `time_spent`, the user's id and names) are
 * named in the collect warning.
 */
export const knowbe4EnrollmentSchema = z.object({
  enrollment_id: z.union([z.number(), z.string()]),
  content_type: z.string().nullish(),
  module_name: z.string().min(1),
  user: z.object({ email: z.string().min(1) }).loose(),
  campaign_name: z.string().nullish(),
  enrollment_date: z.string().nullish(),
  completion_date: z.string().nullish(),
  status: z.string().nullish(),
  policy_acknowledged: z.boolean().nullish(),
}).loose();
export type Knowbe4Enrollment = z.infer<typeof knowbe4EnrollmentSchema>;

/** The enrollment fields read; every other key of an enrollment is reported as not read. */
export const KNOWBE4_READ = new Set(['enrollment_id', 'content_type', 'module_name', 'user', 'campaign_name', 'enrollment_date', 'completion_date', 'status', 'policy_acknowledged']);

/**
 * Options of the `knowbe4-enrollments` source.
 *
 * @example
 * options:
 *   policies: { "Acceptable Use Policy": { policy: acceptable-use, version: "2.1" } }
 */
export const knowbe4OptionsSchema = z.object({
  /** Status values (case-insensitive) that mean the module was finished. */
  completedStatuses: z.array(z.string()).default(['passed', 'completed']),
  /**
   * Policy modules (content type `Policy` / `Uploaded Policy`) whose acknowledgement is a policy
   * acknowledgement: module name → our policy id and the version the module holds.
   */
  policies: z.record(z.string(), z.object({ policy: z.string().min(1), version: z.string().min(1) }).strict()).default({}),
}).strict();
export type Knowbe4Options = z.infer<typeof knowbe4OptionsSchema>;
