import { citationOf } from '../../records/index.js';
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
  // Reviews with an id, by group and id, each with its group (objects of one shape: no spread copies, whose shapes V8 does not share).
  const byId = new Map<string, { group: string; review: ChangeReview }>();
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
    for (const { group, review } of byId.values()) push(joined, group, review);
    byId.clear();
    extra = undefined;
    return joined;
  };
  return {
    add(r) {
      const group = key(r.repo, r.number);
      const review: ChangeReview = { reviewer: pool(r.reviewer), state: pool(r.state.toUpperCase()), at: r.at, commit: r.commit, citation: { artifact: pool(r.artifact), source: pool(r.source), locator: r.locator } };
      if (r.id) {
        const seen = byId.get(`${group}|${r.id}`)?.review;
        if (seen) {
          if (review.state === 'DISMISSED') seen.state = 'DISMISSED';
          seen.at ??= review.at;
          seen.commit ??= review.commit;
          return;
        }
        byId.set(`${group}|${r.id}`, { group, review });
      } else push(extra as Map<string, ChangeReview[]>, group, review);
    },
    reviewsOf(c) {
      const citation = citationOf(c);
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

/** Deployments joined to their latest status, as the records arrive: the deployments first, then the statuses (see {@link deploymentStatuses}). */
export interface DeploymentStatuses {
  /** A deployment whose effective status is wanted (the others' statuses are not kept). */
  addDeployment(d: DeploymentRecord): void;
  addStatus(s: DeploymentStatusRecord): void;
  /** The deployments added, in order, each with its effective status. Call once every status was added. */
  joined(): DeploymentFacts[];
}

interface LatestStatus {
  state: string;
  at: string;
  artifact: string;
  source: string;
  locator: string;
}

/**
 * Deployments with their effective status: the state of the latest `deployment_status` joined by
 * repo and deployment id, else the deployment's own status. Keeps the deployments' fields and,
 * per deployment, only its latest status so far, with repeated strings held once.
 */
export function deploymentStatuses(): DeploymentStatuses {
  const pool = stringPool();
  const kept: DeploymentFacts[] = [];
  // repo (lower case) → deployment id → its latest status so far (null: none yet).
  const latest = new Map<string, Map<string, LatestStatus | null>>();
  return {
    addDeployment(d) {
      // Every entry has the same fields (undefined when absent), so they share one shape.
      const facts: DeploymentFacts = { source: pool(d.source), artifact: pool(d.artifact), locator: d.locator, repo: pool(d.repo), id: d.id, environment: pool(d.environment), commit: d.commit, ref: d.ref === undefined ? undefined : pool(d.ref), at: d.at, status: pool(d.status), statusCitation: undefined, statusAt: undefined };
      kept.push(facts);
      const repo = pool(d.repo.toLowerCase());
      let ids = latest.get(repo);
      if (!ids) latest.set(repo, (ids = new Map()));
      if (!ids.has(d.id)) ids.set(d.id, null);
    },
    addStatus(s) {
      const ids = latest.get(s.repo.toLowerCase());
      if (!ids) return;
      const cur = ids.get(s.deploymentId);
      if (cur === undefined) return;
      if (!cur || s.at >= cur.at) ids.set(s.deploymentId, { state: pool(s.state), at: s.at, artifact: pool(s.artifact), source: pool(s.source), locator: s.locator });
    },
    joined() {
      for (const d of kept) {
        const s = latest.get(d.repo.toLowerCase())?.get(d.id);
        if (!s) continue;
        d.status = s.state;
        d.statusCitation = citationOf(s);
        d.statusAt = s.at;
      }
      latest.clear();
      return kept.splice(0);
    },
  };
}
