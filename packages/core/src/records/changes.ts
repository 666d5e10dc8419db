import { z } from 'zod';
import { identityKey, instant, recordBase } from './base.js';

export const reviewSchema = z.object({
  reviewer: z.string().min(1),
  /** Normalized upper case: APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING */
  state: z.string().min(1),
  at: instant.optional(),
  /** The commit the review was made on (to detect approve-then-repush). */
  commit: z.string().optional(),
});

/** A change to code: a merged pull request or a commit that reached the default branch. */
export const changeSchema = z.object({
  kind: z.literal('change'),
  ...recordBase,
  repo: z.string().min(1),
  /** PR number; absent for a direct commit. */
  number: z.number().int().optional(),
  /** Merge commit or the commit itself. */
  commit: z.string().optional(),
  /** The PR's head commit at merge time. */
  headCommit: z.string().optional(),
  title: z.string().optional(),
  author: z.string().min(1),
  mergedBy: z.string().optional(),
  mergedAt: instant,
  targetBranch: z.string().min(1),
  /** pull_request | direct_push */
  via: z.enum(['pull_request', 'direct_push']),
  reviews: z.array(reviewSchema).default([]),
  ticketRefs: z.array(z.string()).default([]),
  labels: z.array(z.string()).default([]),
  emergency: z.boolean().default(false),
  /** True when merged by an admin bypassing protection, when the source shows it. */
  adminBypass: z.boolean().optional(),
});
export type ChangeRecord = z.infer<typeof changeSchema>;
/**
 * Identity of a change: repository + PR number for a pull request, repository + commit sha for
 * a direct commit (the same PR exported again, with new labels or reviews, is the same change).
 */
export const changeIdentity = (r: ChangeRecord): string =>
  r.number !== undefined ? identityKey(r.repo, 'pr', r.number) : identityKey(r.repo, 'commit', r.commit ?? `${r.mergedAt} ${r.author} ${r.title ?? ''}`);

/** A deployment of a commit to an environment. */
export const deploymentSchema = z.object({
  kind: z.literal('deployment'),
  ...recordBase,
  repo: z.string().min(1),
  id: z.string().min(1),
  environment: z.string().min(1),
  commit: z.string().min(1),
  ref: z.string().optional(),
  at: instant,
  /** success | failure | error | pending | in_progress | inactive | unknown */
  status: z.string().min(1),
  creator: z.string().optional(),
});
export type DeploymentRecord = z.infer<typeof deploymentSchema>;
/** Identity of a deployment: repository + the deployment's id. */
export const deploymentIdentity = (r: DeploymentRecord): string => identityKey(r.repo, r.id);

/** The protection of a branch as observed at a time (REST snapshot or webhook event). */
export const branchProtectionSchema = z.object({
  kind: z.literal('branch_protection'),
  ...recordBase,
  repo: z.string().min(1),
  branch: z.string().min(1),
  at: instant,
  /** created | edited | deleted | snapshot */
  event: z.string().min(1),
  enabled: z.boolean(),
  requiredApprovals: z.number().int().optional(),
  dismissStaleReviews: z.boolean().optional(),
  enforceAdmins: z.boolean().optional(),
  requireCodeOwnerReviews: z.boolean().optional(),
  /** GitHub "Require approval of the most recent reviewable push": the last pusher's own approval does not count. */
  requireLastPushApproval: z.boolean().optional(),
  /** Which GitHub mechanism this describes: classic branch protection or a repository ruleset. */
  mechanism: z.enum(['classic', 'ruleset']).optional(),
});
export type BranchProtectionRecord = z.infer<typeof branchProtectionSchema>;
/**
 * Identity of a branch protection observation: repository, branch, mechanism, and the event and
 * time it was observed (each observation is its own fact; a snapshot file re-exported under the
 * same name replaces the one before).
 */
export const branchProtectionIdentity = (r: BranchProtectionRecord): string => identityKey(r.repo, r.branch, r.mechanism ?? 'classic', r.event, r.at);

/**
 * One review of a pull request, when the review and its pull request come from different
 * artifacts (REST `pulls/{n}/reviews` pages, `pull_request_review` webhooks). Checks join it to
 * the `change` with the same `repo` + `number`, together with that change's own `reviews`.
 */
export const prReviewSchema = z.object({
  kind: z.literal('pr_review'),
  ...recordBase,
  repo: z.string().min(1),
  number: z.number().int(),
  /** GitHub review id, when known (the same review seen twice has the same id). */
  id: z.string().optional(),
  ...reviewSchema.shape,
});
export type PrReviewRecord = z.infer<typeof prReviewSchema>;
/** Identity of a review: repository + PR number + GitHub review id; without an id, who said what, when, on which commit. */
export const prReviewIdentity = (r: PrReviewRecord): string =>
  r.id ? identityKey(r.repo, r.number, 'id', r.id) : identityKey(r.repo, r.number, r.reviewer, r.state, r.at, r.commit);

/**
 * One status of a deployment (REST `deployments/{id}/statuses`, `deployment_status` webhooks).
 * The effective status of a `deployment` is the state of its latest status by `at`
 * (joined by `repo` + `deploymentId` = the deployment's `id`); without any, `deployment.status`.
 */
export const deploymentStatusSchema = z.object({
  kind: z.literal('deployment_status'),
  ...recordBase,
  repo: z.string().min(1),
  deploymentId: z.string().min(1),
  /** success | failure | error | pending | queued | in_progress | inactive */
  state: z.string().min(1),
  at: instant,
  environment: z.string().optional(),
  creator: z.string().optional(),
});
export type DeploymentStatusRecord = z.infer<typeof deploymentStatusSchema>;
/** Identity of a deployment status: repository + deployment id + state + time. */
export const deploymentStatusIdentity = (r: DeploymentStatusRecord): string => identityKey(r.repo, r.deploymentId, r.state, r.at);

/**
 * A push to a pull request's branch (`pull_request` webhook `opened` / `synchronize`): who pushed
 * which head, when. Checks join it to the `change` with the same `repo` + `number` to know who
 * made the most recent push before the merge (GitHub's "require approval of the most recent
 * reviewable push").
 */
export const prPushSchema = z.object({
  kind: z.literal('pr_push'),
  ...recordBase,
  repo: z.string().min(1),
  number: z.number().int(),
  /** The pull request's head after the push. */
  commit: z.string().min(1),
  /** The GitHub login that pushed (the webhook's `sender`). */
  pusher: z.string().min(1),
  at: instant,
});
export type PrPushRecord = z.infer<typeof prPushSchema>;
/** Identity of a push: repository + PR number + the head it produced. */
export const prPushIdentity = (r: PrPushRecord): string => identityKey(r.repo, r.number, r.commit);
