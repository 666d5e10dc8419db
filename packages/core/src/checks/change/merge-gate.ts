import { citationOf, recordsOf } from '../../records/index.js';
import type { BranchProtectionRecord, ChangeRecord, Citation, PrPushRecord, RecordSet } from '../../records/index.js';
import type { ChangeReview } from './change-reviews.js';

const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const ms = (instant: string) => Date.parse(instant);

/** The review settings of the branch protection in force when a change merged, as far as evidence shows. */
export interface ProtectionAtMerge {
  /** "Dismiss stale pull request approvals when new commits are pushed". */
  dismissStaleReviews?: boolean;
  /** "Require approval of the most recent reviewable push". */
  requireLastPushApproval?: boolean;
  /** "Required number of approvals before merging". */
  requiredApprovals?: number;
  citations: Citation[];
}

/**
 * The protection of a change's target branch at its merge: for each mechanism (classic branch
 * protection, rulesets) its latest observation at or before the merge that leaves the branch
 * protected; a setting is on when any mechanism in force turns it on (GitHub applies the union
 * of classic protection and rulesets), and the required approvals are the largest asked for.
 * Undefined when no observation precedes the merge.
 */
export function protectionLookup(records: RecordSet): (c: ChangeRecord) => ProtectionAtMerge | undefined {
  const byBranch = new Map<string, BranchProtectionRecord[]>();
  for (const r of recordsOf(records, 'branch_protection')) {
    const k = `${lower(r.repo)}|${r.branch}`;
    byBranch.set(k, [...(byBranch.get(k) ?? []), r]);
  }
  for (const list of byBranch.values()) list.sort((a, b) => ms(a.at) - ms(b.at));
  return (c) => {
    const list = byBranch.get(`${lower(c.repo)}|${c.targetBranch}`);
    if (!list) return undefined;
    const latest = new Map<string, BranchProtectionRecord>();
    for (const r of list) if (ms(r.at) <= ms(c.mergedAt)) latest.set(r.mechanism ?? 'classic', r);
    if (latest.size === 0) return undefined;
    const on = [...latest.values()].filter((r) => r.enabled && !/^deleted?$/i.test(r.event));
    const flag = (get: (r: BranchProtectionRecord) => boolean | undefined) =>
      on.some((r) => get(r) === true) ? true : on.length > 0 && on.every((r) => get(r) === false) ? false : undefined;
    const counts = on.map((r) => r.requiredApprovals).filter((n): n is number => n !== undefined);
    const dismissStaleReviews = flag((r) => r.dismissStaleReviews);
    const requireLastPushApproval = flag((r) => r.requireLastPushApproval);
    return {
      ...(dismissStaleReviews !== undefined ? { dismissStaleReviews } : {}),
      ...(requireLastPushApproval !== undefined ? { requireLastPushApproval } : {}),
      ...(counts.length ? { requiredApprovals: Math.max(...counts) } : {}),
      citations: [...latest.values()].map(citationOf),
    };
  };
}

/** The most recent push to a pull request's branch at or before its merge, from `pr_push` records. */
export function lastPushLookup(records: RecordSet): (c: ChangeRecord) => (PrPushRecord & { citation: Citation }) | undefined {
  const byPr = new Map<string, PrPushRecord[]>();
  for (const p of recordsOf(records, 'pr_push')) {
    const k = `${lower(p.repo)}#${p.number}`;
    byPr.set(k, [...(byPr.get(k) ?? []), p]);
  }
  return (c) => {
    if (c.number === undefined) return undefined;
    const pushes = (byPr.get(`${lower(c.repo)}#${c.number}`) ?? []).filter((p) => ms(p.at) <= ms(c.mergedAt)).sort((a, b) => ms(a.at) - ms(b.at));
    // The push that produced the merged head is the last reviewable push, whatever its timestamp says.
    const last = (c.headCommit ? pushes.filter((p) => p.commit === c.headCommit).at(-1) : undefined) ?? pushes.at(-1);
    return last ? { ...last, citation: citationOf(last) } : undefined;
  };
}

/** What the reviews amounted to when the change merged, by GitHub's rules. */
export interface MergeGate {
  /** Approvals that count: latest decisive review per reviewer, by someone other than the author. */
  approvals: ChangeReview[];
  /** Approvals that were given but do not count, each with the reason. */
  discounted: { review: ChangeReview; why: 'stale' | 'last_pusher' }[];
  /** Requests for changes that still stood at merge (not dismissed, not followed by an approval by the same reviewer). */
  blocking: ChangeReview[];
}

/**
 * Replays a pull request's reviews up to its merge as GitHub's merge box does:
 * - each reviewer's latest APPROVED, CHANGES_REQUESTED or DISMISSED review before the merge is
 *   their standing decision (comments change nothing; a dismissed review withdraws it);
 * - a standing CHANGES_REQUESTED blocks the merge whatever others approved;
 * - an approval on an earlier commit than the merged head does not count when `staleApprovals`
 *   is `head` (the control's own rule), or when it is `protection` and the branch protection in
 *   force dismissed stale approvals or is not known;
 * - with "require approval of the most recent reviewable push", only approvals of the merged
 *   head count, and not that of whoever made the push.
 */
export function mergeGate(c: ChangeRecord, reviews: ChangeReview[], opts: { staleApprovals: 'head' | 'protection'; protection?: ProtectionAtMerge; lastPusher?: string }): MergeGate {
  const latest = new Map<string, ChangeReview>();
  for (const r of reviews) {
    if (lower(r.reviewer) === lower(c.author)) continue;
    if (r.at && ms(r.at) > ms(c.mergedAt)) continue;
    if (r.state !== 'APPROVED' && r.state !== 'CHANGES_REQUESTED' && r.state !== 'DISMISSED') continue;
    latest.set(lower(r.reviewer), r);
  }
  const standing = [...latest.values()];
  const discounted: MergeGate['discounted'] = [];
  const approvals: ChangeReview[] = [];
  // Only protection known to keep approvals across pushes lets a stale approval count; unknown protection counts as dismissing.
  // Approval of the most recent push is, by definition, an approval of the merged head.
  const staleDismissed = opts.staleApprovals === 'head' || opts.protection?.dismissStaleReviews !== false || opts.protection?.requireLastPushApproval === true;
  for (const r of standing.filter((x) => x.state === 'APPROVED')) {
    const stale = !!c.headCommit && !!r.commit && r.commit !== c.headCommit;
    if (stale && staleDismissed) discounted.push({ review: r, why: 'stale' });
    else if (opts.protection?.requireLastPushApproval && opts.lastPusher && lower(opts.lastPusher) === lower(r.reviewer)) discounted.push({ review: r, why: 'last_pusher' });
    else approvals.push(r);
  }
  return { approvals, discounted, blocking: standing.filter((r) => r.state === 'CHANGES_REQUESTED') };
}
