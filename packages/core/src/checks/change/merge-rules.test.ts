import { describe, expect, it } from 'vitest';
import type { BranchProtectionRecord, ChangeRecord, DeploymentRecord, PrPushRecord, PrReviewRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { reviewApprovalCheck } from './review-approval-check.js';

/** GitHub's merge and deployment rules (docs/change-rules.md), each beside its compliant look-alike. */
const A = 'b'.repeat(64);
let n = 100;
const change = (c: Partial<ChangeRecord> = {}): ChangeRecord => ({
  kind: 'change', source: 'github', artifact: A, locator: `/pulls/${++n}`, repo: 'acme/api', number: n, commit: `m${n}`.padEnd(40, '0'), headCommit: 'h2',
  title: `ENG-${n} change`, author: 'dev', mergedAt: '2026-05-10T18:00:00Z', targetBranch: 'main', via: 'pull_request',
  reviews: [], ticketRefs: [`ENG-${n}`], labels: [], emergency: false, ...c,
});
const review = (number: number, reviewer: string, state: string, at: string, commit = 'h2', id?: string): PrReviewRecord => ({
  kind: 'pr_review', source: 'github', artifact: A, locator: `/reviews/${++n}`, repo: 'acme/api', number, reviewer, state, at, commit, ...(id ? { id } : {}),
});
const protection = (p: Partial<BranchProtectionRecord>): BranchProtectionRecord => ({
  kind: 'branch_protection', source: 'github', artifact: A, locator: `/protection/${++n}`, repo: 'acme/api', branch: 'main', at: '2026-04-01T00:00:00Z', event: 'snapshot', enabled: true, requiredApprovals: 1, mechanism: 'classic', ...p,
});
const push = (number: number, pusher: string, commit: string, at: string): PrPushRecord => ({ kind: 'pr_push', source: 'github', artifact: A, locator: `/push/${++n}`, repo: 'acme/api', number, pusher, commit, at });
const deploy = (d: Partial<DeploymentRecord>): DeploymentRecord => ({ kind: 'deployment', source: 'github', artifact: A, locator: `/deployments/${++n}`, repo: 'acme/api', id: String(n), environment: 'production', commit: 'c'.repeat(40), at: '2026-09-20T00:00:00Z', status: 'success', ...d });
const run = (records: RecordSet, params: Record<string, unknown> = {}) => reviewApprovalCheck.run({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'UTC', params: { emergencyApprovalDays: 2, productionEnvironments: ['production'], ...params }, records, asOf: '2026-09-30', workspace: {},
} satisfies CheckContext);
const rules = (records: RecordSet, params: Record<string, unknown> = {}) => run({ deployment: [deploy({})], ...records }, params).exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('change rules as GitHub applies them', () => {
  it('blocks a merge while another reviewer\'s request for changes stands, whatever others approved', () => {
    const c = change({ number: 1 });
    const approve = review(1, 'ana', 'APPROVED', '2026-05-10T16:00:00Z');
    const block = review(1, 'bo', 'CHANGES_REQUESTED', '2026-05-10T15:00:00Z', 'h1');
    expect(rules({ change: [c], pr_review: [approve, block] })).toEqual(['change.changes_requested acme/api#1']);
    // A comment by the same reviewer afterwards does not lift the request.
    expect(rules({ change: [c], pr_review: [approve, block, review(1, 'bo', 'COMMENTED', '2026-05-10T17:00:00Z')] })).toEqual(['change.changes_requested acme/api#1']);
    const out = run({ change: [c], pr_review: [approve, block] });
    expect(out.items[0].trace.map((s) => s.label)).toEqual(['merge', 'approval', 'changes requested', 'ticket']);
  });

  it('lets the merge stand when the request for changes was dismissed, or the reviewer approved afterwards', () => {
    const c = change({ number: 2 });
    const approve = review(2, 'ana', 'APPROVED', '2026-05-10T16:00:00Z');
    const block = review(2, 'bo', 'CHANGES_REQUESTED', '2026-05-10T15:00:00Z', 'h1', '77');
    expect(rules({ change: [c], pr_review: [approve, block, { ...block, locator: '/hook', state: 'DISMISSED' }] })).toEqual([]);
    expect(rules({ change: [c], pr_review: [approve, block, review(2, 'bo', 'APPROVED', '2026-05-10T17:00:00Z')] })).toEqual([]);
    // A request for changes made after the merge did not stand at merge time.
    expect(rules({ change: [c], pr_review: [approve, review(2, 'bo', 'CHANGES_REQUESTED', '2026-05-11T09:00:00Z')] })).toEqual([]);
  });

  it('follows the protection in force at merge for stale approvals when staleApprovals is "protection"', () => {
    const c = change({ number: 3, reviews: [{ reviewer: 'ana', state: 'APPROVED', at: '2026-05-10T15:00:00Z', commit: 'h1' }] });
    const params = { staleApprovals: 'protection' };
    expect(rules({ change: [c], branch_protection: [protection({ dismissStaleReviews: true })] }, params)).toEqual(['change.approval_stale acme/api#3']);
    // Protection that keeps approvals across pushes: GitHub counts the approval, and so do we, saying so in the trace.
    const kept = run({ change: [c], branch_protection: [protection({ dismissStaleReviews: false })], deployment: [deploy({})] }, params);
    expect(kept.exceptions).toEqual([]);
    expect(kept.items[0].trace[1].detail).toContain('branch protection does not dismiss stale approvals');
    // The setting switched on only after the merge does not apply to it.
    expect(rules({ change: [c], branch_protection: [protection({ dismissStaleReviews: false }), protection({ dismissStaleReviews: true, at: '2026-06-01T00:00:00Z' })] }, params)).toEqual([]);
    // Requiring approval of the most recent push asks for an approval of the merged head too.
    expect(rules({ change: [c], branch_protection: [protection({ dismissStaleReviews: false, requireLastPushApproval: true })] }, params)).toEqual(['change.approval_stale acme/api#3']);
    // Protection not known at the merge (only a later snapshot): the approval of the merged head is asked for.
    expect(rules({ change: [c], branch_protection: [protection({ dismissStaleReviews: false, at: '2026-06-01T00:00:00Z' })] }, params)).toEqual(['change.approval_stale acme/api#3']);
    // By default the control asks for approval of the merged head whatever the protection says.
    expect(rules({ change: [c], branch_protection: [protection({ dismissStaleReviews: false })] })).toEqual(['change.approval_stale acme/api#3']);
  });

  it('does not count the approval of the person who made the most recent push when protection requires it', () => {
    const c = change({ number: 4 });
    const approve = review(4, 'ana', 'APPROVED', '2026-05-10T17:00:00Z');
    const strict = protection({ requireLastPushApproval: true });
    const anaPushed = [push(4, 'dev', 'h1', '2026-05-10T10:00:00Z'), push(4, 'ana', 'h2', '2026-05-10T16:30:00Z')];
    expect(rules({ change: [c], pr_review: [approve], pr_push: anaPushed, branch_protection: [strict] })).toEqual(['change.last_push_unapproved acme/api#4']);
    // Look-alikes: the author pushed last; or the protection does not ask for it.
    expect(rules({ change: [c], pr_review: [approve], pr_push: [push(4, 'dev', 'h2', '2026-05-10T16:30:00Z')], branch_protection: [strict] })).toEqual([]);
    expect(rules({ change: [c], pr_review: [approve], pr_push: anaPushed, branch_protection: [protection({ requireLastPushApproval: false })] })).toEqual([]);
    // A second approver who did not push makes it count.
    expect(rules({ change: [c], pr_review: [approve, review(4, 'bo', 'APPROVED', '2026-05-10T17:10:00Z')], pr_push: anaPushed, branch_protection: [strict] })).toEqual([]);
    // Without push events the rule cannot be tested: a note names the missing evidence, not an exception.
    const out = run({ change: [c], pr_review: [approve], branch_protection: [strict], deployment: [deploy({})] });
    expect(out.exceptions).toEqual([]);
    expect(out.notes?.join(' ')).toContain('no pull_request push events');
  });

  it('reports fewer approvals than the protection in force required', () => {
    const c = change({ number: 5 });
    const one = [review(5, 'ana', 'APPROVED', '2026-05-10T17:00:00Z')];
    expect(rules({ change: [c], pr_review: one, branch_protection: [protection({ requiredApprovals: 2 })] })).toEqual(['change.approvals_below_required acme/api#5']);
    expect(rules({ change: [c], pr_review: [...one, review(5, 'bo', 'APPROVED', '2026-05-10T17:05:00Z')], branch_protection: [protection({ requiredApprovals: 2 })] })).toEqual([]);
    // A ruleset asking for two wins over classic protection asking for one (GitHub applies both).
    expect(rules({ change: [c], pr_review: one, branch_protection: [protection({ requiredApprovals: 1 }), protection({ mechanism: 'ruleset', requiredApprovals: 2 })] })).toEqual(['change.approvals_below_required acme/api#5']);
  });
});

describe('production deployments of commits not on the default branch', () => {
  const merged = change({ number: 20, commit: 'f'.repeat(40), headCommit: 'e'.repeat(40), mergedAt: '2026-09-18T12:00:00Z', reviews: [{ reviewer: 'ana', state: 'APPROVED', at: '2026-09-18T11:00:00Z', commit: 'e'.repeat(40) }] });
  const ok = deploy({ commit: 'f'.repeat(40), at: '2026-09-18T13:00:00Z' });

  it('reports a pull request\'s head deployed to production before the merge', () => {
    const early = deploy({ commit: 'e'.repeat(40), ref: 'feature/login', at: '2026-09-17T09:00:00Z' });
    const out = run({ change: [merged], deployment: [early, ok] });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['deploy.unmerged_commit acme/api#20']);
    expect(out.exceptions[0].itemId).toBe(out.items[0].id);
    expect(out.items[0].trace.map((s) => s.label)).toContain('deployed before merge');
  });

  it('accepts the same head deployed after the merge, a rollback to an older default-branch commit, and a deployment of the branch head', () => {
    const older = change({ number: 21, commit: 'a'.repeat(40), headCommit: 'a1'.padEnd(40, '0'), mergedAt: '2026-08-01T12:00:00Z', reviews: [{ reviewer: 'ana', state: 'APPROVED', at: '2026-08-01T11:00:00Z', commit: 'a1'.padEnd(40, '0') }] });
    const afterMerge = deploy({ commit: 'e'.repeat(40), at: '2026-09-18T12:30:00Z' });
    const rollback = deploy({ commit: 'a'.repeat(40), at: '2026-09-19T08:00:00Z' });
    const byBranch = deploy({ commit: '9'.repeat(40), ref: 'main', at: '2026-09-19T09:00:00Z' });
    expect(run({ change: [merged, older], deployment: [ok, afterMerge, rollback, byBranch] }).exceptions).toEqual([]);
  });

  it('ignores staging deployments of unmerged code, and failed production attempts', () => {
    const staging = deploy({ commit: 'e'.repeat(40), ref: 'feature/login', environment: 'staging', at: '2026-09-17T09:00:00Z' });
    const failed = deploy({ commit: 'd'.repeat(40), ref: 'feature/x', status: 'failure', at: '2026-09-17T10:00:00Z' });
    expect(run({ change: [merged], deployment: [staging, failed, ok] }).exceptions).toEqual([]);
  });

  it('accepts an emergency hotfix deployed from its branch and merged within the emergency window, but not one merged later', () => {
    const hotfix = change({ number: 22, commit: '1'.repeat(40), headCommit: '2'.repeat(40), mergedAt: '2026-09-19T12:00:00Z', labels: ['emergency'], reviews: [{ reviewer: 'ana', state: 'APPROVED', at: '2026-09-19T11:00:00Z', commit: '2'.repeat(40) }] });
    const shipped = deploy({ commit: '2'.repeat(40), ref: 'hotfix/tls', at: '2026-09-18T23:00:00Z' });
    const out = run({ change: [hotfix], deployment: [shipped, deploy({ commit: '1'.repeat(40), at: '2026-09-19T13:00:00Z' })] });
    expect(out.exceptions).toEqual([]);
    expect(out.items[0].trace.find((s) => s.label === 'deployed before merge')?.detail).toContain('emergency hotfix');
    const late = { ...hotfix, mergedAt: '2026-09-25T12:00:00Z', reviews: [{ reviewer: 'ana', state: 'APPROVED', at: '2026-09-25T11:00:00Z', commit: '2'.repeat(40) }] };
    expect(run({ change: [late], deployment: [shipped, deploy({ commit: '1'.repeat(40), at: '2026-09-25T13:00:00Z' })] }).exceptions.map((e) => e.rule)).toEqual(['deploy.unmerged_commit']);
  });

  it('reports a deployment from another branch whose commit never reached the default branch, and notes one the evidence cannot place', () => {
    const stray = deploy({ commit: '3'.repeat(40), ref: 'spike/cache', at: '2026-09-19T09:00:00Z' });
    const tagged = deploy({ commit: '4'.repeat(40), ref: 'v2.4.1', at: '2026-09-19T10:00:00Z' });
    const out = run({ change: [merged], deployment: [ok, stray, tagged] });
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['deploy.unmerged_commit acme/api@3333333']);
    expect(out.items.map((i) => i.subject)).toEqual(['acme/api#20', 'acme/api@3333333']);
    expect(out.notes?.join(' ')).toContain('acme/api');
    expect(out.notes?.join(' ')).toContain('4444444, ref v2.4.1');
  });
});
