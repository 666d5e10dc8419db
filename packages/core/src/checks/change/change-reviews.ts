import { citationOf, recordsOf } from '../../records/index.js';
import type { ChangeRecord, Citation, DeploymentRecord, RecordSet } from '../../records/index.js';

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

/**
 * Indexes reviews by `owner/repo#number`: those embedded in `change.reviews` and those in
 * `pr_review` records joined by repo and number. The same review seen twice (a REST page and a
 * webhook) counts once; when one of its sightings is a dismissal, the review is dismissed.
 */
export function reviewsByChange(records: RecordSet): (c: ChangeRecord) => ChangeReview[] {
  const byId = new Map<string, ChangeReview & { group: string }>();
  const extra = new Map<string, ChangeReview[]>();
  for (const r of recordsOf(records, 'pr_review')) {
    const group = key(r.repo, r.number);
    const review = { reviewer: r.reviewer, state: r.state.toUpperCase(), at: r.at, commit: r.commit, citation: citationOf(r) };
    if (r.id) {
      const seen = byId.get(`${group}|${r.id}`);
      if (seen) {
        if (review.state === 'DISMISSED') seen.state = 'DISMISSED';
        seen.at ??= review.at;
        seen.commit ??= review.commit;
        continue;
      }
      byId.set(`${group}|${r.id}`, { ...review, group });
    } else extra.set(group, [...(extra.get(group) ?? []), review]);
  }
  for (const { group, ...review } of byId.values()) extra.set(group, [...(extra.get(group) ?? []), review]);
  return (c) => {
    const own = c.reviews.map((r) => ({ reviewer: r.reviewer, state: r.state.toUpperCase(), at: r.at, commit: r.commit, citation: citationOf(c) }));
    const all = c.number === undefined ? own : [...own, ...(extra.get(key(c.repo, c.number)) ?? [])];
    const seen = new Set<string>();
    return all.filter((r) => {
      const k = `${r.reviewer.toLowerCase()}|${r.state}|${r.at ?? ''}|${r.commit ?? ''}`;
      return !seen.has(k) && !!seen.add(k);
    }).sort(byAt);
  };
}

/**
 * Deployments with their effective status: the state of the latest `deployment_status` joined by
 * repo and deployment id, else the deployment's own status.
 */
export function deploymentsWithStatus(records: RecordSet): (DeploymentRecord & { statusCitation?: Citation; statusAt?: string })[] {
  const latest = new Map<string, { state: string; at: string; citation: Citation }>();
  for (const s of recordsOf(records, 'deployment_status')) {
    const k = `${s.repo.toLowerCase()}|${s.deploymentId}`;
    const cur = latest.get(k);
    if (!cur || s.at >= cur.at) latest.set(k, { state: s.state, at: s.at, citation: citationOf(s) });
  }
  return recordsOf(records, 'deployment').map((d) => {
    const s = latest.get(`${d.repo.toLowerCase()}|${d.id}`);
    return s ? { ...d, status: s.state, statusCitation: s.citation, statusAt: s.at } : d;
  });
}
