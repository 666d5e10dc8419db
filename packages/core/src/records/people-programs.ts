import { z } from 'zod';
import { calendarDate, identityKey, instant, recordBase, sha256Hex } from './base.js';

/**
 * A person's acknowledgement of one policy version: from the dashboard's one-time link, an
 * HR or e-signature export, or a training platform's policy campaign. The version is named by
 * its number, by the SHA-256 of its text, or both.
 */
export const policyAckSchema = z.object({
  kind: z.literal('policy_ack'),
  ...recordBase,
  /** The person's email, lower-cased (the join to `person`). */
  email: z.string().min(1),
  /** The policy id (`policies/<id>.md`, or the organization's own id mapped in `policies.map`). */
  policy: z.string().min(1),
  version: z.string().min(1).optional(),
  /** SHA-256 of the policy body acknowledged, when the source states it. */
  bodySha256: sha256Hex.optional(),
  at: instant,
  /** How it was given: `link` (the dashboard), `import` (an export), or the platform's name. */
  method: z.string().optional(),
});
export type PolicyAckRecord = z.infer<typeof policyAckSchema>;
/** Identity of an acknowledgement: who, which policy version (number or text hash), and when. */
export const policyAckIdentity = (r: PolicyAckRecord): string => identityKey(r.email, r.policy, r.version, r.bodySha256, r.at);

/** One person's enrollment in a security-awareness course, and whether and when they completed it. */
export const trainingSchema = z.object({
  kind: z.literal('training'),
  ...recordBase,
  email: z.string().min(1),
  /** The course or module name as the platform shows it. */
  course: z.string().min(1),
  campaign: z.string().optional(),
  /** The platform's own enrollment id, when it has one. */
  enrollmentId: z.string().optional(),
  enrolledAt: instant.optional(),
  /** Present only when the person finished (passed) the course. */
  completedAt: instant.optional(),
  /** The platform's status word as written (`Passed`, `Past Due`, `completed`). */
  status: z.string().optional(),
  dueDate: calendarDate.optional(),
});
export type TrainingRecord = z.infer<typeof trainingSchema>;
/** Identity of a training enrollment: the platform's id, or the person, course, campaign and enrollment time. */
export const trainingIdentity = (r: TrainingRecord): string =>
  r.enrollmentId ? identityKey('enrollment', r.enrollmentId) : identityKey(r.email, r.course, r.campaign, r.enrolledAt ?? r.completedAt);

/** A background check on a candidate or worker, as the screening provider reports it. */
export const backgroundCheckSchema = z.object({
  kind: z.literal('background_check'),
  ...recordBase,
  email: z.string().min(1),
  /** The provider's report id, when it has one (Checkr `id`). */
  reportId: z.string().optional(),
  /** The provider's status word as written (`clear`, `consider`, `pending`, `suspended`). */
  status: z.string().min(1),
  /** True when the provider finished the check (whatever its result). */
  completed: z.boolean(),
  completedAt: instant.optional(),
  /** The screening package (`tasker_standard`, `pro criminal`). */
  package: z.string().optional(),
});
export type BackgroundCheckRecord = z.infer<typeof backgroundCheckSchema>;
/** Identity of a background check: the provider's report id, or the person and package. */
export const backgroundCheckIdentity = (r: BackgroundCheckRecord): string =>
  r.reportId ? identityKey('report', r.reportId) : identityKey(r.email, r.package, r.completedAt);
