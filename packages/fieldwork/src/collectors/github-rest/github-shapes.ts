import { z } from 'zod';

/**
 * The parts of GitHub REST objects and webhook payloads Fieldwork reads. Schemas are loose:
 * everything else stays in the artifact.
 */
const user = z.object({ login: z.string() }).loose().nullish();
const id = z.union([z.number(), z.string()]);

export const pullSchema = z.object({
  number: z.number().int(),
  title: z.string().nullish(),
  body: z.string().nullish(),
  user,
  url: z.string().nullish(),
  merged_at: z.string().nullish(),
  merge_commit_sha: z.string().nullish(),
  merged_by: user,
  head: z.object({ ref: z.string().nullish(), sha: z.string().nullish() }).loose(),
  base: z.object({ ref: z.string(), repo: z.object({ full_name: z.string() }).loose().nullish() }).loose(),
  labels: z.array(z.object({ name: z.string() }).loose()).nullish(),
}).loose();
export type GithubPull = z.infer<typeof pullSchema>;

export const reviewSchema = z.object({
  id,
  user,
  state: z.string().min(1),
  submitted_at: z.string().nullish(),
  commit_id: z.string().nullish(),
  pull_request_url: z.string().nullish(),
}).loose();
export type GithubReview = z.infer<typeof reviewSchema>;

const gitPerson = z.object({ name: z.string().nullish(), email: z.string().nullish(), date: z.string().nullish() }).loose().nullish();
export const commitSchema = z.object({
  sha: z.string().min(7),
  url: z.string().nullish(),
  html_url: z.string().nullish(),
  commit: z.object({ message: z.string(), author: gitPerson, committer: gitPerson }).loose(),
  author: user,
  committer: user,
  parents: z.array(z.object({ sha: z.string() }).loose()),
}).loose();
export type GithubCommit = z.infer<typeof commitSchema>;

export const deploymentSchema = z.object({
  id,
  sha: z.string().min(1),
  ref: z.string().nullish(),
  environment: z.string().min(1),
  created_at: z.string(),
  creator: user,
  url: z.string().nullish(),
  repository_url: z.string().nullish(),
}).loose();
export type GithubDeployment = z.infer<typeof deploymentSchema>;

export const deploymentStatusSchema = z.object({
  id,
  state: z.string().min(1),
  created_at: z.string(),
  environment: z.string().nullish(),
  creator: user,
  deployment_url: z.string().nullish(),
  repository_url: z.string().nullish(),
}).loose();
export type GithubDeploymentStatus = z.infer<typeof deploymentStatusSchema>;

const enabled = z.object({ enabled: z.boolean() }).loose().nullish();
export const protectionSchema = z.object({
  url: z.string().nullish(),
  required_pull_request_reviews: z.object({
    required_approving_review_count: z.number().int().nullish(),
    dismiss_stale_reviews: z.boolean().nullish(),
    require_code_owner_reviews: z.boolean().nullish(),
    require_last_push_approval: z.boolean().nullish(),
  }).loose().nullish(),
  enforce_admins: enabled,
}).loose();
export type GithubProtection = z.infer<typeof protectionSchema>;

export const ruleSchema = z.object({
  type: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  ruleset_source_type: z.string().nullish(),
  ruleset_source: z.string().nullish(),
}).loose();
export type GithubRule = z.infer<typeof ruleSchema>;

export const searchItemSchema = z.object({
  number: z.number().int(),
  title: z.string().nullish(),
  body: z.string().nullish(),
  user,
  labels: z.array(z.object({ name: z.string() }).loose()).nullish(),
  repository_url: z.string().nullish(),
  pull_request: z.object({ merged_at: z.string().nullish(), url: z.string().nullish() }).loose(),
}).loose();
export type GithubSearchItem = z.infer<typeof searchItemSchema>;

export const protectionRuleSchema = z.object({
  name: z.string().min(1),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  pull_request_reviews_enforcement_level: z.string().nullish(),
  required_approving_review_count: z.number().int().nullish(),
  dismiss_stale_reviews_on_push: z.boolean().nullish(),
  require_code_owner_review: z.boolean().nullish(),
  require_last_push_approval: z.boolean().nullish(),
  admin_enforced: z.boolean().nullish(),
}).loose();

const repository = z.object({ full_name: z.string(), default_branch: z.string().nullish() }).loose();

export const pushSchema = z.object({
  ref: z.string(),
  deleted: z.boolean().nullish(),
  repository: repository.nullish(),
  pusher: z.object({ name: z.string().nullish() }).loose().nullish(),
  commits: z.array(z.object({
    id: z.string().nullish(),
    sha: z.string().nullish(),
    message: z.string(),
    timestamp: z.string().nullish(),
    distinct: z.boolean().nullish(),
    author: z.object({ name: z.string().nullish(), email: z.string().nullish(), username: z.string().nullish() }).loose().nullish(),
  }).loose()).nullish(),
}).loose();
export type GithubPush = z.infer<typeof pushSchema>;

export const webhookSchemas = {
  pull_request: z.object({ action: z.string(), pull_request: pullSchema.extend({ updated_at: z.string().nullish() }), repository: repository.nullish(), sender: user }).loose(),
  pull_request_review: z.object({ action: z.string(), review: reviewSchema, pull_request: z.object({ number: z.number().int() }).loose(), repository: repository.nullish() }).loose(),
  deployment: z.object({ deployment: deploymentSchema, repository: repository.nullish() }).loose(),
  deployment_status: z.object({ deployment_status: deploymentStatusSchema, deployment: deploymentSchema, repository: repository.nullish() }).loose(),
  branch_protection_rule: z.object({ action: z.string(), rule: protectionRuleSchema, repository: repository }).loose(),
  push: pushSchema,
};
export type WebhookName = keyof typeof webhookSchemas;

export const deliverySchema = z.object({
  delivered_at: z.string(),
  event: z.string(),
  request: z.object({ payload: z.record(z.string(), z.unknown()) }).loose(),
}).loose();

export const eventSchema = z.object({
  type: z.string(),
  repo: z.object({ name: z.string() }).loose(),
  payload: z.record(z.string(), z.unknown()),
  created_at: z.string(),
}).loose();

/** What an object in a GitHub file is. */
export type GithubShape =
  | { shape: 'pull' | 'review' | 'commit' | 'deployment' | 'deployment_status' | 'protection' | 'not_protected' | 'rule' | 'search' | 'search_item' | 'event' | 'delivery' }
  | { shape: 'webhook'; event: WebhookName }
  | { shape: 'skip'; why: string }
  | { shape: 'api_error'; message: string };

const has = (o: Record<string, unknown>, ...keys: string[]) => keys.every((k) => k in o);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Recognizes a GitHub object by its keys, so a user can drop any saved response or webhook
 * delivery into the folder. Returns undefined for anything that is not GitHub JSON.
 */
export function classify(v: unknown): GithubShape | undefined {
  if (!isObj(v)) return undefined;
  // A webhook delivery from GET …/hooks/{id}/deliveries/{delivery_id}: the payload plus when it was sent.
  if (typeof v.delivered_at === 'string' && typeof v.event === 'string' && isObj(v.request) && isObj(v.request.payload)) return { shape: 'delivery' };
  // Webhook payloads (and Events API payloads) first: they embed the REST objects.
  if (isObj(v.review) && isObj(v.pull_request)) return { shape: 'webhook', event: 'pull_request_review' };
  if (isObj(v.pull_request) && typeof v.action === 'string' && 'number' in v) return { shape: 'webhook', event: 'pull_request' };
  if (isObj(v.deployment_status) && isObj(v.deployment)) return { shape: 'webhook', event: 'deployment_status' };
  if (isObj(v.deployment) && (isObj(v.repository) || typeof v.action === 'string')) return { shape: 'webhook', event: 'deployment' };
  if (isObj(v.rule) && typeof v.action === 'string' && isObj(v.repository)) return { shape: 'webhook', event: 'branch_protection_rule' };
  if (typeof v.ref === 'string' && has(v, 'before', 'after') && (Array.isArray(v.commits) || isObj(v.repository))) return { shape: 'webhook', event: 'push' };
  if (isObj(v.alert)) return { shape: 'skip', why: 'a code scanning, secret scanning or Dependabot alert (read those with dependabot-alerts or sarif)' };
  if (isObj(v.repository) && isObj(v.sender)) return { shape: 'skip', why: `a ${typeof v.action === 'string' ? `"${v.action}" ` : ''}webhook that is not about merges, reviews, deployments or protection` };
  if (typeof v.type === 'string' && v.type.endsWith('Event') && isObj(v.payload) && isObj(v.repo)) return { shape: 'event' };
  if (typeof v.total_count === 'number' && Array.isArray(v.items)) return { shape: 'search' };
  if (typeof v.message === 'string' && /branch not protected/i.test(v.message)) return { shape: 'not_protected' };
  if (typeof v.message === 'string' && typeof v.documentation_url === 'string') return { shape: 'api_error', message: v.message };
  if ((typeof v.url === 'string' && /\/branches\/.+\/protection$/.test(v.url)) || (has(v, 'enforce_admins') && (has(v, 'required_pull_request_reviews') || has(v, 'required_status_checks')))) return { shape: 'protection' };
  if (typeof v.type === 'string' && ('ruleset_id' in v || 'ruleset_source_type' in v)) return { shape: 'rule' };
  if (typeof v.state === 'string' && (typeof v.pull_request_url === 'string' || (has(v, 'user', 'submitted_at') && !('number' in v)))) return { shape: 'review' };
  if (typeof v.number === 'number' && isObj(v.head) && isObj(v.base)) return { shape: 'pull' };
  if (typeof v.sha === 'string' && isObj(v.commit) && Array.isArray(v.parents)) return { shape: 'commit' };
  if (typeof v.deployment_url === 'string' && typeof v.state === 'string') return { shape: 'deployment_status' };
  if (typeof v.sha === 'string' && typeof v.environment === 'string' && ('task' in v || 'statuses_url' in v)) return { shape: 'deployment' };
  if (typeof v.number === 'number' && isObj(v.pull_request) && typeof v.state === 'string') return { shape: 'search_item' };
  if (has(v, 'scope', 'method', 'path', 'status')) return { shape: 'skip', why: 'a recorded HTTP session (a test fixture), not a saved response' };
  if (isObj(v.data) && Object.keys(v).every((k) => k === 'data' || k === 'errors' || k === 'extensions')) return { shape: 'skip', why: 'a GraphQL response (Dependabot alerts over GraphQL belong to dependabot-alerts)' };
  if (typeof v.full_name === 'string' && 'default_branch' in v && isObj(v.owner)) return { shape: 'skip', why: 'a repository object' };
  return undefined;
}
