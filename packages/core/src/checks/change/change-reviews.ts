import type { ChangeRecord, Citation, DeploymentRecord, DeploymentStatusRecord, PrReviewRecord } from '../../records/index.js';
import { stringPool } from './string-pool.js';

/** A review of a pull request, from the change record itself or from a separate `pr_review` record. */
export interface ChangeReview {
  reviewer: string;
  /** Upper case: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING. */
  state: string;
  at?: string;
  commit?: string;
  citation: Citation;
}

const key = (repo: string, n: number) => `${repo.toLowerCase()}#${n}`;
const byAt = (a: { at?: string }, b: { at?: string }) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0);

/** The reviews of pull requests, indexed as `pr_review` records arrive (see {@link reviewIndex}). */
export interface ReviewIndex {
  add(r: PrReviewRecord): void;
  /** A change's reviews: its own and the `pr_review` records of its pull request, each once, by time. Call once every record was added. */
  reviewsOf(c: ChangeRecord): ChangeReview[];
}

/**
 * Indexes reviews by `owner/repo#number`: those embedded in `change.reviews` and those in
 * `pr_review` records joined by repo and number. The same review seen twice (a REST page and a
 * webhook) counts once; when one of its sightings is a dismissal, the review is dismissed.
 * Keeps of each record only the review's fields, with repeated strings held once.
 */
export function reviewIndex(): ReviewIndex {
  const pool = stringPool();
  const byId = new Map<string, ChangeReview & { group: string }>();
  let extra: Map<string, ChangeReview[]> | undefined = new Map();
  let joined: Map<string, ChangeReview[]> | undefined;
  const push = (map: Map<string, ChangeReview[]>, group: string, review: ChangeReview) => {
    const list = map.get(group);
    if (list) list.push(review);
    else map.set(group, [review]);
  };
  // Reviews without an id in the order they came, then those with one in the order first seen.
  const grouped = () => {
    if (joined) return joined;
    joined = extra as Map<string, ChangeReview[]>;
    for (const { group, ...review } of byId.values()) push(joined, group, review);
    byId.clear();
    extra = undefined;
    return joined;
  };
  return {
    add(r) {
      const group = key(r.repo, r.number);
      const review: ChangeReview = { reviewer: pool(r.reviewer), state: pool(r.state.toUpperCase()), at: r.at, commit: r.commit, citation: { artifact: pool(r.artifact), source: pool(r.source), locator: r.locator } };
      if (r.id) {
        const seen = byId.get(`${group}|${r.id}`);
        if (seen) {
          if (review.state === 'DISMISSED') seen.state = 'DISMISSED';
          seen.at ??= review.at;
          seen.commit ??= review.commit;
          return;
        }
        byId.set(`${group}|${r.id}`, { ...review, group });
      } else push(extra as Map<string, ChangeReview[]>, group, review);
    },
    reviewsOf(c) {
      const citation = { artifact: c.artifact, source: c.source, locator: c.locator };
      const own = c.reviews.map((r) => ({ reviewer: r.reviewer, state: r.state.toUpperCase(), at: r.at, commit: r.commit, citation }));
      const all = c.number === undefined ? own : [...own, ...(grouped().get(key(c.repo, c.number)) ?? [])];
      const seen = new Set<string>();
      return all.filter((r) => {
        const k = `${r.reviewer.toLowerCase()}|${r.state}|${r.at ?? ''}|${r.commit ?? ''}`;
        return !seen.has(k) && !!seen.add(k);
      }).sort(byAt);
    },
  };
}

/** What a deployment check keeps of a deployment: its fields but `kind` and `creator`, with its effective status. */
export interface DeploymentFacts extends Omit<DeploymentRecord, 'kind' | 'creator'> {
  statusCitation?: Citation;
  statusAt?: string;
}

/** The latest status of each deployment, as `deployment_status` records arrive (see {@link deploymentStatuses}). */
export interface DeploymentStatuses {
  add(s: DeploymentStatusRecord): void;
  /** The deployment with its effective status, with repeated strings held once. Call once every status was added. */
  withStatus(d: DeploymentRecord): DeploymentFacts;
}

/**
 * Deployments with their effective status: the state of the latest `deployment_status` joined by
 * repo and deployment id, else the deployment's own status.
 */
export function deploymentStatuses(): DeploymentStatuses {
  const pool = stringPool();
  const latest = new Map<string, { state: string; at: string; citation: Citation }>();
  return {
    add(s) {
      const k = `${s.repo.toLowerCase()}|${s.deploymentId}`;
      const cur = latest.get(k);
      if (!cur || s.at >= cur.at) latest.set(k, { state: pool(s.state), at: s.at, citation: { artifact: pool(s.artifact), source: pool(s.source), locator: s.locator } });
    },
    withStatus(d) {
      const s = latest.get(`${d.repo.toLowerCase()}|${d.id}`);
      const facts: DeploymentFacts = { source: pool(d.source), artifact: pool(d.artifact), locator: d.locator, repo: pool(d.repo), id: d.id, environment: pool(d.environment), commit: d.commit, at: d.at, status: pool(d.status) };
      if (d.ref !== undefined) facts.ref = pool(d.ref);
      return s ? { ...facts, status: s.state, statusCitation: s.citation, statusAt: s.at } : facts;
    },
  };
}
