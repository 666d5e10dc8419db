import type { ChangeRecord } from '@fieldwork/core/records';
import { emergencyTrailer, pullRequestOfCommit, ticketRefs, trailers } from '../github-rest/change-refs.js';

/** One commit as `git log --format=GIT_LOG_FORMAT` wrote it. */
export interface GitCommit {
  sha: string;
  parents: string[];
  author: { name: string; email: string; at: string };
  committer: { name: string; email: string; at: string };
  message: string;
}

const PERSON = /^(author|committer) (.*) <([^>]*)> (\S+)$/;

/**
 * Reads the header lines of one record (`commit`, `parents`, `author`, `committer`); returns
 * the field that is missing or malformed instead of a commit.
 */
export function readGitCommit(lines: string[]): GitCommit | { missing: string } {
  const commit = /^commit ([0-9a-f]{7,64})$/.exec(lines[0] ?? '');
  if (!commit) return { missing: 'commit <sha>' };
  const parents = /^parents ?(.*)$/.exec(lines[1] ?? '');
  if (!parents) return { missing: 'parents' };
  const a = PERSON.exec(lines[2] ?? '');
  const c = PERSON.exec(lines[3] ?? '');
  if (!a || a[1] !== 'author' || Number.isNaN(Date.parse(a[4]))) return { missing: 'author <name> <email> <date>' };
  if (!c || c[1] !== 'committer' || Number.isNaN(Date.parse(c[4]))) return { missing: 'committer <name> <email> <date>' };
  return {
    sha: commit[1],
    parents: parents[1].trim() ? parents[1].trim().split(/\s+/) : [],
    author: { name: a[2], email: a[3], at: new Date(a[4]).toISOString() },
    committer: { name: c[2], email: c[3], at: new Date(c[4]).toISOString() },
    message: lines.slice(5).join('\n').replace(/\n+$/, ''),
  };
}

/** A GitHub login from a noreply address (`123+ada@users.noreply.github.com`), else the email. */
export function personId(p: { name: string; email: string }): string {
  const m = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(p.email);
  if (m) return m[1];
  return p.email ? p.email.toLowerCase() : p.name;
}

/** `Ben Osei <ben@relaylabs.ai>` (a trailer value) → the same identifier as authors get. */
function trailerPerson(value: string): string {
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(value);
  return m ? personId({ name: m[1], email: m[2] }) : value.trim();
}

/**
 * A first-parent commit of the branch as a `change`: a GitHub merge commit (`Merge pull request
 * #N from …`, whose second parent is the PR's head) or squash merge (`Title (#N)`) is a pull
 * request; anything else reached the branch directly. `Reviewed-by:` and `Approved-by:` trailers
 * are approvals (they carry no time; they were written before the commit landed).
 */
export function mapGitCommit(c: GitCommit, known: { repo: string; branch: string; ticketProjects: string[] }, cite: { source: string; artifact: string; locator: string }): ChangeRecord {
  const pr = pullRequestOfCommit(c.message);
  const reviews = [...trailers(c.message, 'Reviewed-by'), ...trailers(c.message, 'Approved-by')].map((v) => ({ reviewer: trailerPerson(v), state: 'APPROVED' }));
  const committer = personId(c.committer);
  const headCommit = pr?.style === 'merge' ? c.parents[1] : undefined;
  return {
    kind: 'change',
    ...cite,
    repo: known.repo,
    ...(pr ? { number: pr.number } : {}),
    commit: c.sha,
    ...(headCommit ? { headCommit } : {}),
    title: pr?.title ?? c.message.split('\n')[0],
    author: personId(c.author),
    ...(committer && committer !== 'noreply@github.com' ? { mergedBy: committer } : {}),
    mergedAt: c.committer.at,
    targetBranch: known.branch.replace(/^origin\//, ''),
    via: pr ? 'pull_request' : 'direct_push',
    reviews,
    ticketRefs: ticketRefs({ text: [c.message] }, { projects: known.ticketProjects }),
    labels: [],
    emergency: emergencyTrailer(c.message),
  };
}
