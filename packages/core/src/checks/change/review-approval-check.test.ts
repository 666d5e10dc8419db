import { describe, expect, it } from 'vitest';
import type { ChangeRecord, DeploymentRecord, RecordSet, TicketRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { reviewApprovalCheck } from './review-approval-check.js';

const A = 'a'.repeat(64);
let n = 0;
const change = (c: Partial<ChangeRecord> = {}): ChangeRecord => ({
  kind: 'change', source: 'github', artifact: A, locator: `/pulls/${++n}`, repo: 'acme/api', number: n, commit: `m${n}`.padEnd(40, '0'), headCommit: 'h1',
  title: `ENG-${n} change`, author: 'dev', mergedAt: '2026-05-10T18:00:00Z', targetBranch: 'main', via: 'pull_request',
  reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-10T17:00:00Z', commit: 'h1' }], ticketRefs: [`ENG-${n}`], labels: [], emergency: false, ...c,
});
const deploy = (at: string, repo = 'acme/api', environment = 'production'): DeploymentRecord => ({ kind: 'deployment', source: 'github', artifact: A, locator: `/deployments/${++n}`, repo, id: String(n), environment, commit: 'c'.repeat(40), at, status: 'success' });
const ticket = (key: string, approvedBy: string, approvedAt: string): TicketRecord => ({ kind: 'ticket', source: 'jira', artifact: A, locator: `/${++n}`, system: 'jira', key, created: '2026-05-01T00:00:00Z', approvedBy, approvedAt, labels: [], links: [] });
const ctx = (records: RecordSet): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { emergencyApprovalDays: 2, productionEnvironments: ['production'] }, records, asOf: '2026-09-30', workspace: {},
});
const run = (changes: ChangeRecord[], extra: RecordSet = {}) => reviewApprovalCheck.run(ctx({ change: changes, deployment: [deploy('2026-09-20T00:00:00Z')], ...extra }));
const rules = (changes: ChangeRecord[], extra: RecordSet = {}) => run(changes, extra).exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('change.review-approval', () => {
  it('passes an approved, ticketed, deployed pull request and traces merge → approval → ticket → deploy', () => {
    const out = run([change()]);
    expect(out.exceptions).toEqual([]);
    expect(out.items[0].trace.map((s) => s.label)).toEqual(['merge', 'approval', 'ticket', 'deployment']);
  });

  it('reports no approval, a self-approval, and an approval given only after the merge', () => {
    const c = change({ number: 7, reviews: [] });
    const self = change({ number: 8, reviews: [{ reviewer: 'DEV', state: 'APPROVED', at: '2026-05-10T17:00:00Z', commit: 'h1' }] });
    const late = change({ number: 9, reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-11T17:00:00Z', commit: 'h1' }] });
    expect(rules([c, self, late])).toEqual(['change.no_approval acme/api#7', 'change.no_approval acme/api#8', 'change.no_approval acme/api#9']);
  });

  it('reports an approval withdrawn by a later request for changes', () => {
    const c = change({ number: 5, reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-10T15:00:00Z', commit: 'h1' }, { reviewer: 'rev', state: 'CHANGES_REQUESTED', at: '2026-05-10T16:00:00Z', commit: 'h1' }, { reviewer: 'other', state: 'COMMENTED', at: '2026-05-10T16:30:00Z' }] });
    expect(rules([c])).toEqual(['change.changes_requested acme/api#5']);
  });

  it('reports an approval on an earlier commit when new commits were pushed, unless re-approved after a re-request', () => {
    const stale = change({ number: 11, headCommit: 'h2', reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-10T15:00:00Z', commit: 'h1' }] });
    expect(rules([stale])).toEqual(['change.approval_stale acme/api#11']);
    const renewed = change({ number: 12, headCommit: 'h2', reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-10T15:00:00Z', commit: 'h1' }, { reviewer: 'rev', state: 'APPROVED', at: '2026-05-10T17:30:00Z', commit: 'h2' }] });
    expect(rules([renewed])).toEqual([]);
  });

  it('joins separate pr_review records by repo and number', () => {
    const c = change({ number: 21, reviews: [] });
    const prReview = { kind: 'pr_review', source: 'github', artifact: A, locator: '/reviews/0', repo: 'acme/api', number: 21, reviewer: 'rev', state: 'approved', at: '2026-05-10T17:00:00Z', commit: 'h1' };
    expect(rules([c], { pr_review: [prReview] } as unknown as RecordSet)).toEqual([]);
    const other = { ...prReview, number: 22 };
    expect(rules([c], { pr_review: [other] } as unknown as RecordSet)).toEqual(['change.no_approval acme/api#21']);
  });

  it('reports a missing ticket reference, but accepts a key in the title', () => {
    expect(rules([change({ number: 31, ticketRefs: [], title: 'Tidy up' })])).toEqual(['change.no_ticket acme/api#31']);
    expect(rules([change({ number: 32, ticketRefs: [], title: 'OPS-4 rotate keys' })])).toEqual([]);
  });

  it('reports a direct push, and an admin-bypassed merge, unless they are approved emergencies', () => {
    const direct = change({ number: undefined, commit: 'abcdef1234', via: 'direct_push', reviews: [], ticketRefs: [] });
    const admin = change({ number: 41, adminBypass: true, mergedBy: 'boss' });
    expect(rules([direct, admin])).toEqual(['change.direct_push acme/api@abcdef1', 'change.admin_bypass acme/api#41']);
  });

  it('accepts an emergency change approved within the allowed days after, and reports one that is not', () => {
    const ok = change({ number: 51, labels: ['emergency'], reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-12T10:00:00Z' }] });
    const viaTicket = change({ number: undefined, commit: 'fedcba9876', via: 'direct_push', emergency: true, reviews: [], ticketRefs: ['INC-1'] });
    const tooLate = change({ number: 52, labels: ['Emergency'], reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-13T19:00:00Z' }] });
    const never = change({ number: undefined, commit: '0123456789', via: 'direct_push', emergency: true, reviews: [], ticketRefs: [] });
    expect(rules([ok, viaTicket, tooLate, never], { ticket: [ticket('INC-1', 'lead', '2026-05-11T09:00:00Z')] }))
      .toEqual(['change.emergency_unapproved acme/api#52', 'change.emergency_unapproved acme/api@0123456']);
  });

  it('reports a change with no later production deployment once the grace days have passed', () => {
    const old = change({ number: 61, mergedAt: '2026-09-21T18:00:00Z' });
    const recent = change({ number: 62, mergedAt: '2026-09-27T18:00:00Z' });
    const out = reviewApprovalCheck.run(ctx({ change: [old, recent], deployment: [deploy('2026-09-20T00:00:00Z'), deploy('2026-09-25T00:00:00Z', 'acme/api', 'staging')] }));
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['change.no_deploy_record acme/api#61']);
  });

  it('notes repositories without any deployment records instead of failing every change', () => {
    const out = reviewApprovalCheck.run(ctx({ change: [change({ repo: 'acme/lib' })] }));
    expect(out.exceptions).toEqual([]);
    expect(out.notes).toEqual(['acme/lib has no production deployment records; its changes were not linked to deployments.']);
  });

  it('judges the period in the workspace timezone', () => {
    // 2026-04-01T06:00Z is still March 31 in Los Angeles.
    expect(run([change({ reviews: [], mergedAt: '2026-04-01T06:00:00Z' })]).items).toEqual([]);
  });
  it('counts a review seen twice once, and a dismissal of it withdraws the approval', () => {
    const c = change({ number: 71, reviews: [] });
    const base = { kind: 'pr_review' as const, source: 'github', artifact: A, repo: 'acme/api', number: 71, id: '9001', reviewer: 'rev', at: '2026-05-10T17:00:00Z', commit: 'h1' };
    const rest = { ...base, locator: '/reviews/0', state: 'APPROVED' };
    const hook = { ...base, locator: '/review', state: 'APPROVED' };
    expect(rules([c], { pr_review: [rest, hook] })).toEqual([]);
    expect(rules([c], { pr_review: [rest, { ...hook, state: 'DISMISSED' }] })).toEqual(['change.no_approval acme/api#71']);
  });

  it('takes a deployment\'s status from its latest deployment_status', () => {
    const d = { ...deploy('2026-09-20T00:00:00Z'), status: 'unknown', id: 'd1' };
    const st = (state: string, at: string) => ({ kind: 'deployment_status' as const, source: 'github', artifact: A, locator: `/statuses/${++n}`, repo: 'acme/api', deploymentId: 'd1', state, at });
    const old = change({ number: 81, mergedAt: '2026-09-01T18:00:00Z' });
    const run2 = (statuses: ReturnType<typeof st>[]) => reviewApprovalCheck.run(ctx({ change: [old], deployment: [d], deployment_status: statuses })).exceptions.map((e) => e.rule);
    expect(run2([st('in_progress', '2026-09-20T00:01:00Z'), st('success', '2026-09-20T00:05:00Z')])).toEqual([]);
    expect(run2([st('success', '2026-09-20T00:01:00Z'), st('failure', '2026-09-20T00:05:00Z')])).toEqual(['change.no_deploy_record']);
  });
});
