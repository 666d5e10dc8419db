import type { ChangeRecord } from '@fieldwork/core/records';
import { emergencyTrailer, pullRequestOfCommit, ticketRefs } from './change-refs.js';
import { instantAt, repoFromUrl, requireRepo } from './github-map-context.js';
import type { MapContext } from './github-map-context.js';
import type { GithubCommit, GithubPush } from './github-shapes.js';

/** A commit that reached the branch without a pull request, as a `direct_push` change. */
export function directPushChange(c: { repo: string; sha: string; message: string; author: string; at: string; mergedBy?: string; branch: string }, locator: string, mc: MapContext): ChangeRecord {
  const title = c.message.split('\n')[0].trim();
  return {
    kind: 'change',
    ...mc.cite(locator),
    repo: c.repo,
    commit: c.sha,
    ...(title ? { title } : {}),
    author: c.author,
    ...(c.mergedBy ? { mergedBy: c.mergedBy } : {}),
    mergedAt: c.at,
    targetBranch: c.branch,
    via: 'direct_push',
    reviews: [],
    ticketRefs: ticketRefs({ text: [c.message] }, { projects: mc.options.ticketProjects }),
    labels: [],
    emergency: emergencyTrailer(c.message),
  };
}

/**
 * Direct pushes in a commits list (`GET …/commits?sha=main`, newest first). The list holds
 * every commit reachable from the branch, including the commits of merged pull request
 * branches, so only the first-parent chain from the tip (or from the commit the previous page
 * ended at) counts; on it, commits GitHub wrote for a merged pull request are left to the
 * pull request records, and everything else is a direct push.
 */
export function directPushesFromCommits(commits: { value: GithubCommit; locator: string }[], mc: MapContext): ChangeRecord[] {
  if (commits.length === 0) return [];
  const bySha = new Map(commits.map((c) => [c.value.sha, c]));
  const start = mc.name.firstParentFrom
    ? [...bySha.keys()].find((sha) => sha.startsWith(mc.name.firstParentFrom as string))
    : commits[0].value.sha;
  const branch = mc.name.branch ?? mc.options.defaultBranch;
  const out: ChangeRecord[] = [];
  const seen = new Set<string>();
  for (let sha = start; sha && bySha.has(sha) && !seen.has(sha); sha = bySha.get(sha)!.value.parents[0]?.sha) {
    seen.add(sha);
    const { value: c, locator } = bySha.get(sha)!;
    if (pullRequestOfCommit(c.commit.message)) continue;
    const when = c.commit.committer?.date ?? c.commit.author?.date;
    if (!when) continue;
    out.push(directPushChange({
      repo: requireRepo(repoFromUrl(c.url) ?? repoFromUrl(c.html_url), locator, mc, 'commit'),
      sha: c.sha,
      message: c.commit.message,
      author: c.author?.login ?? c.commit.author?.email ?? c.commit.author?.name ?? 'unknown',
      at: instantAt(when, locator, mc, c.commit.committer?.date ? 'commit/committer/date' : 'commit/author/date'),
      ...(c.committer?.login || c.commit.committer?.name ? { mergedBy: (c.committer?.login ?? c.commit.committer?.name) as string } : {}),
      branch,
    }, locator, mc));
  }
  return out;
}

/**
 * Direct pushes in a `push` webhook (or PushEvent) to the default branch: the commits new to the
 * repository (`distinct`) that GitHub did not write for a merged pull request. A rebase-merged
 * pull request leaves no number in its commits and shows here as a direct push.
 */
export function directPushesFromPush(p: GithubPush, locator: string, mc: MapContext, known: { repo?: string; at?: string } = {}): ChangeRecord[] {
  const branch = p.repository?.default_branch ?? mc.options.defaultBranch;
  if (p.deleted || p.ref !== `refs/heads/${branch}`) return [];
  const repo = requireRepo(known.repo ?? p.repository?.full_name, locator, mc, 'push');
  const out: ChangeRecord[] = [];
  for (const [i, c] of (p.commits ?? []).entries()) {
    if (c.distinct === false || pullRequestOfCommit(c.message)) continue;
    const sha = c.id ?? c.sha;
    const when = c.timestamp ?? known.at;
    if (!sha || !when) continue;
    const at = `${locator.replace(/\/$/, '')}/commits/${i}`;
    out.push(directPushChange({
      repo, sha, message: c.message, branch,
      author: c.author?.username ?? c.author?.email ?? c.author?.name ?? p.pusher?.name ?? 'unknown',
      at: instantAt(when, at, mc, 'timestamp'),
      ...(p.pusher?.name ? { mergedBy: p.pusher.name } : {}),
    }, at, mc));
  }
  return out;
}
