import type { BranchProtectionRecord } from '@fieldwork/core/records';
import type { z } from 'zod';
import { instantAt, repoFromUrl, requireObservedAt, requireRepo } from './github-map-context.js';
import type { MapContext } from './github-map-context.js';
import type { GithubProtection, GithubRule, protectionRuleSchema } from './github-shapes.js';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** `GET /repos/{o}/{r}/branches/{b}/protection` (200): the branch is protected as shown, at the time it was fetched. */
export function protectionSnapshot(p: GithubProtection, locator: string, mc: MapContext): BranchProtectionRecord {
  const fromUrl = p.url ? /\/branches\/(.+)\/protection$/.exec(p.url) : null;
  const reviews = p.required_pull_request_reviews;
  return {
    kind: 'branch_protection',
    ...mc.cite(locator),
    repo: requireRepo(repoFromUrl(p.url), locator, mc, 'branch protection'),
    branch: fromUrl ? decodeURIComponent(fromUrl[1]) : mc.name.branch ?? mc.options.defaultBranch,
    at: requireObservedAt(locator, mc, 'branch protection'),
    event: 'snapshot',
    enabled: true,
    // No required_pull_request_reviews means a pull request (and approval) is not required.
    requiredApprovals: reviews ? reviews.required_approving_review_count ?? 0 : 0,
    ...(reviews?.dismiss_stale_reviews != null ? { dismissStaleReviews: reviews.dismiss_stale_reviews } : {}),
    ...(reviews?.require_code_owner_reviews != null ? { requireCodeOwnerReviews: reviews.require_code_owner_reviews } : {}),
    ...(reviews?.require_last_push_approval != null ? { requireLastPushApproval: reviews.require_last_push_approval } : {}),
    ...(p.enforce_admins ? { enforceAdmins: p.enforce_admins.enabled } : {}),
    mechanism: 'classic',
  };
}

/** The 404 body `{"message":"Branch not protected"}`: a snapshot of an unprotected branch. */
export function notProtectedSnapshot(locator: string, mc: MapContext): BranchProtectionRecord {
  return {
    kind: 'branch_protection',
    ...mc.cite(locator),
    repo: requireRepo(undefined, locator, mc, '"Branch not protected" response'),
    branch: mc.name.branch ?? mc.options.defaultBranch,
    at: requireObservedAt(locator, mc, 'branch protection'),
    event: 'snapshot',
    enabled: false,
    requiredApprovals: 0,
    mechanism: 'classic',
  };
}

/**
 * `GET /repos/{o}/{r}/rules/branches/{b}`: the ruleset rules in force on a branch, as one
 * snapshot. No rules at all means the rulesets do not protect the branch.
 */
export function rulesSnapshot(rules: GithubRule[], locator: string, mc: MapContext): BranchProtectionRecord {
  const pr = rules.filter((r) => r.type === 'pull_request').map((r) => r.parameters ?? {});
  const repoRule = rules.find((r) => r.ruleset_source_type === 'Repository' && r.ruleset_source?.includes('/'));
  const approvals = pr.map((p) => num(p.required_approving_review_count) ?? 0);
  return {
    kind: 'branch_protection',
    ...mc.cite(locator),
    repo: requireRepo(repoRule?.ruleset_source ?? undefined, locator, mc, 'rules response'),
    branch: mc.name.branch ?? mc.options.defaultBranch,
    at: requireObservedAt(locator, mc, 'rules'),
    event: 'snapshot',
    enabled: rules.length > 0,
    requiredApprovals: approvals.length ? Math.max(...approvals) : 0,
    ...(pr.length ? { dismissStaleReviews: pr.some((p) => p.dismiss_stale_reviews_on_push === true) } : {}),
    ...(pr.length ? { requireCodeOwnerReviews: pr.some((p) => p.require_code_owner_review === true) } : {}),
    ...(pr.length ? { requireLastPushApproval: pr.some((p) => p.require_last_push_approval === true) } : {}),
    mechanism: 'ruleset',
  };
}

/**
 * A `branch_protection_rule` webhook: the rule (named by its branch pattern) created, edited or
 * deleted. The payload carries no delivery time, so a saved delivery's `delivered_at` wins, then a
 * time in the file name; else `updated_at` (for a deletion that is the rule's last edit).
 */
export function protectionRuleEvent(action: string, rule: z.infer<typeof protectionRuleSchema>, repo: string, locator: string, mc: MapContext, deliveredAt?: string): BranchProtectionRecord {
  const stamp = action === 'created' ? rule.created_at ?? rule.updated_at : rule.updated_at ?? rule.created_at;
  const at = deliveredAt ?? mc.name.observedAt ?? (stamp ? instantAt(stamp, locator, mc, action === 'created' ? 'rule/created_at' : 'rule/updated_at') : requireObservedAt(locator, mc, 'branch_protection_rule'));
  const reviewsOff = rule.pull_request_reviews_enforcement_level === 'off';
  return {
    kind: 'branch_protection',
    ...mc.cite(locator),
    repo,
    branch: rule.name,
    at,
    event: action,
    enabled: action !== 'deleted',
    requiredApprovals: action === 'deleted' || reviewsOff ? 0 : rule.required_approving_review_count ?? 0,
    ...(rule.dismiss_stale_reviews_on_push != null ? { dismissStaleReviews: rule.dismiss_stale_reviews_on_push } : {}),
    ...(rule.require_code_owner_review != null ? { requireCodeOwnerReviews: rule.require_code_owner_review } : {}),
    ...(rule.require_last_push_approval != null ? { requireLastPushApproval: rule.require_last_push_approval } : {}),
    ...(rule.admin_enforced != null ? { enforceAdmins: rule.admin_enforced } : {}),
    mechanism: 'classic',
  };
}
