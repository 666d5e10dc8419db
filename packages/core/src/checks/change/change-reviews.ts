import { z } from 'zod';
import { citationOf, recordsOf } from '../../records/index.js';
import type { ChangeRecord, Citation, RecordSet } from '../../records/index.js';

/** A review of a pull request, from the change record itself or from a separate `pr_review` record. */
export interface ChangeReview {
  reviewer: string;
  /** Upper case: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING. */
  state: string;
  at?: string;
  commit?: string;
  citation: Citation;
}

// `pr_review` records may come from a collector that is newer than this check, so they are read defensively.
const prReviewSchema = z.object({
  repo: z.string(),
  number: z.number(),
  reviewer: z.string(),
  state: z.string(),
  at: z.string().optional(),
  commit: z.string().optional(),
  source: z.string(),
  artifact: z.string(),
  locator: z.string(),
}).loose();

const key = (repo: string, n: number) => `${repo.toLowerCase()}#${n}`;

/**
 * Indexes reviews by `owner/repo#number`: those embedded in `change.reviews` and those in
 * `pr_review` records joined by repo and number; duplicates (the same review from both) count once.
 */
export function reviewsByChange(records: RecordSet): (c: ChangeRecord) => ChangeReview[] {
  const extra = new Map<string, ChangeReview[]>();
  for (const raw of (records as Record<string, unknown[] | undefined>).pr_review ?? []) {
    const r = prReviewSchema.safeParse(raw);
    if (!r.success) continue;
    const k = key(r.data.repo, r.data.number);
    extra.set(k, [...(extra.get(k) ?? []), { reviewer: r.data.reviewer, state: r.data.state.toUpperCase(), at: r.data.at, commit: r.data.commit, citation: citationOf(r.data) }]);
  }
  return (c) => {
    const own = c.reviews.map((r) => ({ reviewer: r.reviewer, state: r.state.toUpperCase(), at: r.at, commit: r.commit, citation: citationOf(c) }));
    const all = c.number === undefined ? own : [...own, ...(extra.get(key(c.repo, c.number)) ?? [])];
    const seen = new Set<string>();
    return all.filter((r) => {
      const k = `${r.reviewer.toLowerCase()}|${r.state}|${r.at ?? ''}|${r.commit ?? ''}`;
      return !seen.has(k) && !!seen.add(k);
    }).sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0));
  };
}

/** Every change record, for callers that only need the list. */
export const changesOf = (records: RecordSet): ChangeRecord[] => recordsOf(records, 'change');
