import type { ChangeRecord, DeploymentRecord, DeploymentStatusRecord, PrReviewRecord } from '@fieldwork/core/records';
import { emergencyTrailer, ticketRefs } from './change-refs.js';
import { instantAt, missingFact, repoFromUrl, requireRepo } from './github-map-context.js';
import type { MapContext } from './github-map-context.js';
import type { GithubDeployment, GithubDeploymentStatus, GithubPull, GithubReview, GithubSearchItem } from './github-shapes.js';

const loginOf = (u: { login: string } | null | undefined): string | undefined => u?.login || undefined;

function isEmergency(labels: string[], body: string | null | undefined, mc: MapContext): boolean {
  const wanted = mc.options.emergencyLabels.map((l) => l.toLowerCase());
  return labels.some((l) => wanted.includes(l.toLowerCase())) || emergencyTrailer(body);
}

/**
 * A merged pull request (REST list item, single pull, or a webhook's `pull_request`) as a
 * `change`. Unmerged pull requests are not changes and give undefined. Reviews come separately
 * as `pr_review` records.
 */
export function changeFromPull(pr: GithubPull, locator: string, mc: MapContext, repoHint?: string): ChangeRecord | undefined {
  if (!pr.merged_at) return undefined;
  const labels = (pr.labels ?? []).map((l) => l.name);
  const repo = requireRepo(pr.base.repo?.full_name ?? repoHint ?? repoFromUrl(pr.url), locator, mc, 'pull request');
  const mergedBy = loginOf(pr.merged_by);
  return {
    kind: 'change',
    ...mc.cite(locator),
    repo,
    number: pr.number,
    ...(pr.merge_commit_sha ? { commit: pr.merge_commit_sha } : {}),
    ...(pr.head.sha ? { headCommit: pr.head.sha } : {}),
    ...(pr.title ? { title: pr.title } : {}),
    author: loginOf(pr.user) ?? 'ghost',
    ...(mergedBy ? { mergedBy } : {}),
    mergedAt: instantAt(pr.merged_at, locator, mc, 'merged_at'),
    targetBranch: pr.base.ref,
    via: 'pull_request',
    reviews: [],
    ticketRefs: ticketRefs({ text: [pr.title, pr.body], branch: pr.head.ref }, { projects: mc.options.ticketProjects }),
    labels,
    emergency: isEmergency(labels, pr.body, mc),
  };
}

/** A merged pull request found by `GET /search/issues?q=is:pr is:merged` (no branch data: the default branch is assumed). */
export function changeFromSearchItem(it: GithubSearchItem, locator: string, mc: MapContext): ChangeRecord | undefined {
  if (!it.pull_request.merged_at) return undefined;
  const labels = (it.labels ?? []).map((l) => l.name);
  return {
    kind: 'change',
    ...mc.cite(locator),
    repo: requireRepo(repoFromUrl(it.repository_url) ?? repoFromUrl(it.pull_request.url), locator, mc, 'search result'),
    number: it.number,
    ...(it.title ? { title: it.title } : {}),
    author: loginOf(it.user) ?? 'ghost',
    mergedAt: instantAt(it.pull_request.merged_at, locator, mc, 'pull_request/merged_at'),
    targetBranch: mc.name.branch ?? mc.options.defaultBranch,
    via: 'pull_request',
    reviews: [],
    ticketRefs: ticketRefs({ text: [it.title, it.body] }, { projects: mc.options.ticketProjects }),
    labels,
    emergency: isEmergency(labels, it.body, mc),
  };
}

/**
 * A review as a `pr_review`. The state is upper case whatever the source (REST says
 * `APPROVED`, webhooks `approved`); a dismissal webhook makes it `DISMISSED`.
 */
export function reviewRecord(r: GithubReview, locator: string, mc: MapContext, known: { repo?: string; number?: number; dismissed?: boolean } = {}): PrReviewRecord {
  const fromUrl = r.pull_request_url ? /\/pulls\/(\d+)/.exec(r.pull_request_url) : null;
  const number = known.number ?? (fromUrl ? Number(fromUrl[1]) : mc.name.number);
  const repo = requireRepo(known.repo ?? repoFromUrl(r.pull_request_url), locator, mc, 'review');
  if (number === undefined) missingFact('pull request number', locator, mc, 'Name the file pulls-{number}-reviews.json, as GET /repos/{owner}/{repo}/pulls/{number}/reviews returns no number.');
  return {
    kind: 'pr_review',
    ...mc.cite(locator),
    repo,
    number,
    id: String(r.id),
    reviewer: loginOf(r.user) ?? 'ghost',
    state: known.dismissed ? 'DISMISSED' : r.state.toUpperCase(),
    ...(r.submitted_at ? { at: instantAt(r.submitted_at, locator, mc, 'submitted_at') } : {}),
    ...(r.commit_id ? { commit: r.commit_id } : {}),
  };
}

/** A deployment. `status` is what this artifact knows (`unknown` for a plain list); statuses come as `deployment_status`. */
export function deploymentRecord(d: GithubDeployment, locator: string, mc: MapContext, known: { repo?: string; status?: string } = {}): DeploymentRecord {
  const creator = loginOf(d.creator);
  return {
    kind: 'deployment',
    ...mc.cite(locator),
    repo: requireRepo(known.repo ?? repoFromUrl(d.repository_url) ?? repoFromUrl(d.url), locator, mc, 'deployment'),
    id: String(d.id),
    environment: d.environment,
    commit: d.sha,
    ...(d.ref ? { ref: d.ref } : {}),
    at: instantAt(d.created_at, locator, mc, 'created_at'),
    status: known.status ?? 'unknown',
    ...(creator ? { creator } : {}),
  };
}

/** One status of a deployment. */
export function deploymentStatusRecord(s: GithubDeploymentStatus, locator: string, mc: MapContext, known: { repo?: string; deploymentId?: string } = {}): DeploymentStatusRecord {
  const fromUrl = s.deployment_url ? /\/deployments\/(\d+)/.exec(s.deployment_url) : null;
  const deploymentId = known.deploymentId ?? (fromUrl ? fromUrl[1] : mc.name.deploymentId);
  const repo = requireRepo(known.repo ?? repoFromUrl(s.deployment_url) ?? repoFromUrl(s.repository_url), locator, mc, 'deployment status');
  const creator = loginOf(s.creator);
  return {
    kind: 'deployment_status',
    ...mc.cite(locator),
    repo,
    deploymentId: deploymentId ?? missingFact('deployment id', locator, mc, 'Name the file deployments-{id}-statuses.json, or keep deployment_url in each status.'),
    state: s.state.toLowerCase(),
    at: instantAt(s.created_at, locator, mc, 'created_at'),
    ...(s.environment ? { environment: s.environment } : {}),
    ...(creator ? { creator } : {}),
  };
}
