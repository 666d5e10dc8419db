/**
 * GitHub REST and webhook JSON for the code demo part, in the shapes the API returns (the
 * fields Fieldwork reads plus the usual neighbours, so the files look like real exports).
 */

const API = 'https://api.github.com';

/** A GitHub account as the API embeds it. */
export function ghUser(login: string, id: number): Record<string, unknown> {
  return { login, id, node_id: `U_${id.toString(36)}`, avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`, url: `${API}/users/${login}`, html_url: `https://github.com/${login}`, type: login.endsWith('[bot]') ? 'Bot' : 'User', site_admin: false };
}

export interface DemoPull {
  repo: string;
  number: number;
  id: number;
  title: string;
  body: string;
  author: string;
  branch: string;
  createdAt: string;
  mergedAt: string | null;
  closedAt: string;
  headSha: string;
  baseSha: string;
  mergeSha: string | null;
  labels: string[];
}

function repoObject(repo: string, id: number): Record<string, unknown> {
  const [owner, name] = repo.split('/');
  return { id, node_id: `R_${id.toString(36)}`, name, full_name: repo, private: true, owner: ghUser(owner, 90_000_001), html_url: `https://github.com/${repo}`, url: `${API}/repos/${repo}`, default_branch: 'main', visibility: 'private' };
}

/** A `GET /repos/{o}/{r}/pulls?state=closed` item. */
export function pullJson(p: DemoPull, userId: (login: string) => number, repoId: number): Record<string, unknown> {
  const url = `${API}/repos/${p.repo}/pulls/${p.number}`;
  const [owner] = p.repo.split('/');
  return {
    url, id: p.id, node_id: `PR_${p.id.toString(36)}`, html_url: `https://github.com/${p.repo}/pull/${p.number}`,
    diff_url: `https://github.com/${p.repo}/pull/${p.number}.diff`, issue_url: `${API}/repos/${p.repo}/issues/${p.number}`,
    number: p.number, state: 'closed', locked: false, title: p.title, user: ghUser(p.author, userId(p.author)), body: p.body,
    created_at: p.createdAt, updated_at: p.closedAt, closed_at: p.closedAt, merged_at: p.mergedAt, merge_commit_sha: p.mergeSha,
    assignee: null, assignees: [], requested_reviewers: [], requested_teams: [],
    labels: p.labels.map((name, i) => ({ id: 7_000_000 + i, node_id: `LA_${i}`, url: `${API}/repos/${p.repo}/labels/${name}`, name, color: name === 'emergency' ? 'b60205' : 'ededed', default: false, description: null })),
    milestone: null, draft: false, commits_url: `${url}/commits`, review_comments_url: `${url}/comments`, statuses_url: `${API}/repos/${p.repo}/statuses/${p.headSha}`,
    head: { label: `${owner}:${p.branch}`, ref: p.branch, sha: p.headSha, user: ghUser(owner, 90_000_001), repo: repoObject(p.repo, repoId) },
    base: { label: `${owner}:main`, ref: 'main', sha: p.baseSha, user: ghUser(owner, 90_000_001), repo: repoObject(p.repo, repoId) },
    author_association: 'MEMBER', auto_merge: null, active_lock_reason: null,
  };
}

export interface DemoReview {
  id: number;
  reviewer: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  at: string;
  commit: string;
  body: string;
}

/** A `GET /repos/{o}/{r}/pulls/{n}/reviews` item. */
export function reviewJson(repo: string, number: number, r: DemoReview, userId: (login: string) => number): Record<string, unknown> {
  const html = `https://github.com/${repo}/pull/${number}#pullrequestreview-${r.id}`;
  return {
    id: r.id, node_id: `PRR_${r.id.toString(36)}`, user: ghUser(r.reviewer, userId(r.reviewer)), body: r.body, state: r.state, html_url: html,
    pull_request_url: `${API}/repos/${repo}/pulls/${number}`, author_association: 'MEMBER',
    _links: { html: { href: html }, pull_request: { href: `${API}/repos/${repo}/pulls/${number}` } }, submitted_at: r.at, commit_id: r.commit,
  };
}

/** A `GET /repos/{o}/{r}/commits?sha=main` item. */
export function commitJson(repo: string, c: { sha: string; parent?: string; message: string; author: string; authorName: string; at: string; committer: string }, userId: (login: string) => number): Record<string, unknown> {
  const byGithub = c.committer === 'web-flow';
  return {
    sha: c.sha, node_id: `C_${c.sha.slice(0, 12)}`,
    commit: {
      author: { name: c.authorName, email: `${userId(c.author)}+${c.author}@users.noreply.github.com`, date: c.at },
      committer: byGithub ? { name: 'GitHub', email: 'noreply@github.com', date: c.at } : { name: c.authorName, email: `${userId(c.author)}+${c.author}@users.noreply.github.com`, date: c.at },
      message: c.message, tree: { sha: c.sha.split('').reverse().join(''), url: `${API}/repos/${repo}/git/trees/${c.sha}` }, url: `${API}/repos/${repo}/git/commits/${c.sha}`, comment_count: 0,
      verification: { verified: byGithub, reason: byGithub ? 'valid' : 'unsigned', signature: null, payload: null },
    },
    url: `${API}/repos/${repo}/commits/${c.sha}`, html_url: `https://github.com/${repo}/commit/${c.sha}`,
    author: ghUser(c.author, userId(c.author)), committer: byGithub ? ghUser('web-flow', 19_864_447) : ghUser(c.author, userId(c.author)),
    parents: c.parent ? [{ sha: c.parent, url: `${API}/repos/${repo}/commits/${c.parent}`, html_url: `https://github.com/${repo}/commit/${c.parent}` }] : [],
  };
}

/** A `GET /repos/{o}/{r}/deployments` item. */
export function deploymentJson(repo: string, d: { id: number; sha: string; environment: string; at: string }): Record<string, unknown> {
  const url = `${API}/repos/${repo}/deployments/${d.id}`;
  return {
    url, id: d.id, node_id: `DE_${d.id.toString(36)}`, task: 'deploy', original_environment: d.environment, environment: d.environment, description: 'Deploy from CI',
    created_at: d.at, updated_at: d.at, statuses_url: `${url}/statuses`, repository_url: `${API}/repos/${repo}`, creator: ghUser('github-actions[bot]', 41_898_282),
    sha: d.sha, ref: 'main', payload: {}, transient_environment: false, production_environment: d.environment === 'production', performed_via_github_app: null,
  };
}

/** A `GET /repos/{o}/{r}/deployments/{id}/statuses` item. */
export function deploymentStatusJson(repo: string, deploymentId: number, s: { id: number; state: string; environment: string; at: string }): Record<string, unknown> {
  const url = `${API}/repos/${repo}/deployments/${deploymentId}`;
  return {
    url: `${url}/statuses/${s.id}`, id: s.id, node_id: `DES_${s.id.toString(36)}`, state: s.state, creator: ghUser('github-actions[bot]', 41_898_282), description: '',
    environment: s.environment, target_url: `https://github.com/${repo}/actions/runs/${s.id}`, created_at: s.at, updated_at: s.at, deployment_url: url,
    repository_url: `${API}/repos/${repo}`, environment_url: s.environment === 'production' ? 'https://api.relaylabs.ai' : 'https://staging.relaylabs.ai', log_url: `https://github.com/${repo}/actions/runs/${s.id}`,
  };
}

/** `GET /repos/{o}/{r}/branches/main/protection` (200). */
export function protectionJson(repo: string, approvals: number): Record<string, unknown> {
  const url = `${API}/repos/${repo}/branches/main/protection`;
  return {
    url,
    required_status_checks: { url: `${url}/required_status_checks`, strict: true, contexts: ['ci/test', 'ci/typecheck'], contexts_url: `${url}/required_status_checks/contexts`, checks: [{ context: 'ci/test', app_id: 15368 }, { context: 'ci/typecheck', app_id: 15368 }] },
    required_pull_request_reviews: { url: `${url}/required_pull_request_reviews`, dismiss_stale_reviews: false, require_code_owner_reviews: false, require_last_push_approval: false, required_approving_review_count: approvals },
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: true },
    required_linear_history: { enabled: true }, allow_force_pushes: { enabled: false }, allow_deletions: { enabled: false }, block_creations: { enabled: false },
    required_conversation_resolution: { enabled: true }, lock_branch: { enabled: false }, allow_fork_syncing: { enabled: false },
  };
}

/** A `branch_protection_rule` webhook delivery. */
export function protectionRuleHook(repo: string, repoId: number, action: 'created' | 'deleted' | 'edited', rule: { id: number; createdAt: string; updatedAt: string; approvals: number }, sender: string, senderId: number): Record<string, unknown> {
  return {
    action,
    rule: {
      id: rule.id, repository_id: repoId, name: 'main', created_at: rule.createdAt, updated_at: rule.updatedAt,
      pull_request_reviews_enforcement_level: 'everyone', required_approving_review_count: rule.approvals, dismiss_stale_reviews_on_push: false, require_code_owner_review: false,
      authorized_dismissal_actors_only: false, ignore_approvals_from_contributors: false, required_status_checks: ['ci/test', 'ci/typecheck'], required_status_checks_enforcement_level: 'everyone',
      strict_required_status_checks_policy: true, signature_requirement_enforcement_level: 'off', linear_history_requirement_enforcement_level: 'everyone', admin_enforced: true,
      allow_force_pushes_enforcement_level: 'off', allow_deletions_enforcement_level: 'off', merge_queue_enforcement_level: 'off', required_deployments_enforcement_level: 'off',
      required_conversation_resolution_level: 'everyone', authorized_actors_only: false, authorized_actor_names: [],
    },
    repository: repoObject(repo, repoId),
    organization: { login: repo.split('/')[0], id: 90_000_001, node_id: 'O_relaylabs', url: `${API}/orgs/${repo.split('/')[0]}` },
    sender: ghUser(sender, senderId),
  };
}
