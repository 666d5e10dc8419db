import { z } from 'zod';
import { calendarDate, identityKey, instant, recordBase } from './base.js';

/** A policy document from the workspace (`policies/*.md` front matter). */
export const policySchema = z.object({
  kind: z.literal('policy'),
  ...recordBase,
  id: z.string().min(1),
  title: z.string().min(1),
  version: z.string().min(1),
  owner: z.string().optional(),
  approvedBy: z.string().optional(),
  approvedAt: calendarDate.optional(),
  nextReview: calendarDate.optional(),
  /** Which required policy this document is, when its own id differs (front matter `type:`). */
  type: z.string().optional(),
  /** SHA-256 of the policy body, so an approval is tied to exact text. */
  bodySha256: z.string().optional(),
});
export type PolicyRecord = z.infer<typeof policySchema>;
/** Identity of a policy: its id and version. */
export const policyIdentity = (r: PolicyRecord): string => identityKey(r.id, r.version);

/** An approval of a policy version, recorded as evidence. */
export const policyApprovalSchema = z.object({
  kind: z.literal('policy_approval'),
  ...recordBase,
  policy: z.string().min(1),
  version: z.string().min(1),
  approver: z.string().min(1),
  at: instant,
  bodySha256: z.string().optional(),
});
export type PolicyApprovalRecord = z.infer<typeof policyApprovalSchema>;
/** Identity of a policy approval: policy, version, approver and time. */
export const policyApprovalIdentity = (r: PolicyApprovalRecord): string => identityKey(r.policy, r.version, r.approver, r.at);

/** An incident in the register (Jira or a file). */
export const incidentSchema = z.object({
  kind: z.literal('incident'),
  ...recordBase,
  key: z.string().min(1),
  title: z.string().optional(),
  category: z.string().optional(),
  severity: z.string().optional(),
  opened: instant,
  respondedAt: instant.optional(),
  closedAt: instant.optional(),
  postmortem: z.string().optional(),
  /** Ids of the spans, tool calls or records this incident is about. */
  relatedRefs: z.array(z.string()).default([]),
});
export type IncidentRecord = z.infer<typeof incidentSchema>;
/** Identity of an incident: its key in the register. */
export const incidentIdentity = (r: IncidentRecord): string => identityKey(r.key);

/** A completed access review for a system (a user access review campaign). */
export const accessReviewSchema = z.object({
  kind: z.literal('access_review'),
  ...recordBase,
  system: z.string().min(1),
  completedAt: instant,
  reviewer: z.string().min(1),
  accountsReviewed: z.number().int().nonnegative().optional(),
  changesRequested: z.number().int().nonnegative().optional(),
});
export type AccessReviewRecord = z.infer<typeof accessReviewSchema>;
/** Identity of an access review: the system, when it was completed and by whom. */
export const accessReviewIdentity = (r: AccessReviewRecord): string => identityKey(r.system, r.completedAt, r.reviewer);
