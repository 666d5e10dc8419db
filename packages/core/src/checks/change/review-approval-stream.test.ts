import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BranchProtectionRecord, ChangeRecord, DeploymentRecord, DeploymentStatusRecord, PrPushRecord, PrReviewRecord, RecordKind, RecordOf, RecordSet, TicketRecord } from '../../records/index.js';
import type { CheckContext, CheckOutcome, PopulationItem } from '../check.js';
import { legacyReviewApprovalCheck } from './review-approval-legacy-test-support.js';
import { reviewApprovalCheck } from './review-approval-check.js';

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const hex = (n: number) => n.toString(16).padStart(40, '0');
const at = (r: ReturnType<typeof random>) => new Date(Date.UTC(2026, 2 + r.int(9), 1 + r.int(28), r.int(24), r.int(4) * 15)).toISOString();

/**
 * A messy organisation: pull requests and direct pushes on several branches and repositories
 * (upper and lower case), reviews embedded and separate (duplicated, dismissed, without ids),
 * emergency and admin-bypass merges, deployments to production and staging of merge commits,
 * heads before their merge, unknown and abbreviated shas, statuses out of order, branch
 * protection, pushes and tickets.
 */
function messyOrg(seed: number): RecordSet {
  const r = random(seed);
  const repos = ['acme/api', 'acme/web', 'Acme/API', 'acme/ops'];
  const people = ['dev', 'rev', 'Rev', 'ops', 'lead'];
  const branches = ['main', 'master', 'develop', 'release', 'feature/x'];
  let n = 0;
  const loc = () => `/r/${++n}`;
  const change: ChangeRecord[] = [];
  const pr_review: PrReviewRecord[] = [];
  const deployment: DeploymentRecord[] = [];
  const deployment_status: DeploymentStatusRecord[] = [];
  const pr_push: PrPushRecord[] = [];
  const ticket: TicketRecord[] = [];
  const branch_protection: BranchProtectionRecord[] = [];
  const shas: { repo: string; sha: string }[] = [];
  const changes = 5 + r.int(30);
  for (let i = 0; i < changes; i++) {
    const repo = r.pick(repos);
    const direct = r.chance(0.15);
    const number = direct ? undefined : 1 + r.int(12);
    const commit = r.chance(0.05) ? undefined : hex(1000 + r.int(60));
    const head = hex(2000 + r.int(60));
    const author = r.pick(people);
    const reviews = r.chance(0.5) ? Array.from({ length: r.int(3) }, () => ({ reviewer: r.pick(people), state: r.pick(['APPROVED', 'approved', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED']), ...(r.chance(0.9) ? { at: at(r) } : {}), ...(r.chance(0.7) ? { commit: r.chance(0.7) ? head : hex(2000 + r.int(60)) } : {}) })) : [];
    const c: ChangeRecord = {
      kind: 'change', source: 'github', artifact: r.chance(0.5) ? A : B, locator: loc(), repo, ...(number !== undefined ? { number } : {}), ...(commit ? { commit } : {}), ...(r.chance(0.9) ? { headCommit: head } : {}),
      ...(r.chance(0.8) ? { title: r.chance(0.5) ? `ENG-${r.int(9)} change` : 'tidy up' } : {}), author, ...(r.chance(0.5) ? { mergedBy: r.pick(people) } : {}), mergedAt: at(r),
      targetBranch: r.pick(branches), via: direct ? 'direct_push' : 'pull_request', reviews, ticketRefs: r.chance(0.5) ? [`ENG-${r.int(9)}`] : [],
      labels: r.chance(0.1) ? ['Emergency '] : [], emergency: r.chance(0.1), ...(r.chance(0.1) ? { adminBypass: true } : {}),
    };
    change.push(c);
    if (commit) shas.push({ repo, sha: commit });
    shas.push({ repo, sha: head });
  }
  for (let i = r.int(40); i > 0; i--) {
    pr_review.push({ kind: 'pr_review', source: 'github', artifact: A, locator: loc(), repo: r.pick(repos), number: 1 + r.int(12), ...(r.chance(0.6) ? { id: String(r.int(3)) } : {}), reviewer: r.pick(people), state: r.pick(['approved', 'CHANGES_REQUESTED', 'dismissed', 'commented']), ...(r.chance(0.9) ? { at: at(r) } : {}), ...(r.chance(0.7) ? { commit: hex(2000 + r.int(60)) } : {}) });
  }
  for (let i = r.int(40); i > 0; i--) {
    const known = shas.length > 0 && r.chance(0.7) ? r.pick(shas) : { repo: r.pick(repos), sha: hex(5000 + r.int(10)) };
    const commit = r.chance(0.15) ? known.sha.slice(0, 7 + r.int(10)) : r.chance(0.1) ? known.sha.toUpperCase() : known.sha;
    const id = String(r.int(40));
    const ref = r.pick([undefined, 'main', 'refs/heads/main', 'refs/heads/feature/x', 'develop', 'v1.2.3', 'refs/tags/v2', known.sha]);
    deployment.push({ kind: 'deployment', source: 'github', artifact: A, locator: loc(), repo: r.chance(0.8) ? known.repo : r.pick(repos), id, environment: r.pick(['production', 'Production', 'prod', 'staging', 'live']), commit, ...(ref ? { ref } : {}), at: at(r), status: r.pick(['success', 'Successful', 'failure', 'pending']) });
    for (let j = r.int(3); j > 0; j--) {
      deployment_status.push({ kind: 'deployment_status', source: 'github', artifact: B, locator: loc(), repo: r.chance(0.9) ? known.repo : r.pick(repos), deploymentId: r.chance(0.8) ? id : String(r.int(40)), state: r.pick(['success', 'failure', 'in_progress', 'inactive']), at: at(r) });
    }
  }
  for (let i = r.int(8); i > 0; i--) {
    branch_protection.push({ kind: 'branch_protection', source: 'github', artifact: A, locator: loc(), repo: r.pick(repos), branch: r.pick(branches), at: at(r), event: r.pick(['snapshot', 'edited', 'deleted']), enabled: r.chance(0.8), ...(r.chance(0.6) ? { requiredApprovals: 1 + r.int(2) } : {}), ...(r.chance(0.6) ? { dismissStaleReviews: r.chance(0.5) } : {}), ...(r.chance(0.5) ? { requireLastPushApproval: r.chance(0.5) } : {}), ...(r.chance(0.3) ? { mechanism: r.pick(['classic', 'ruleset'] as const) } : {}) });
  }
  for (let i = r.int(10); i > 0; i--) pr_push.push({ kind: 'pr_push', source: 'github', artifact: A, locator: loc(), repo: r.pick(repos), number: 1 + r.int(12), commit: hex(2000 + r.int(60)), pusher: r.pick(people), at: at(r) });
  for (let i = r.int(6); i > 0; i--) ticket.push({ kind: 'ticket', source: 'jira', artifact: A, locator: loc(), system: 'jira', key: `ENG-${r.int(9)}`, created: '2026-03-01T00:00:00.000Z', ...(r.chance(0.7) ? { approvedBy: r.pick(people), approvedAt: at(r) } : {}), labels: [], links: [] });
  return { change, pr_review, deployment, deployment_status, pr_push, ticket, branch_protection };
}

const ctxOf = (records: RecordSet, seed: number): CheckContext => {
  const r = random(seed ^ 0x5bd1e995);
  return {
    period: { from: '2026-04-01', to: '2026-09-30' }, timezone: r.pick(['UTC', 'America/Los_Angeles', 'Asia/Tokyo']), records, asOf: '2026-09-30', workspace: {},
    params: { emergencyApprovalDays: r.pick([1, 2, 5]), ...(r.chance(0.3) ? { productionEnvironments: ['production', 'live'] } : {}), ...(r.chance(0.2) ? { branches: ['main', 'Release'] } : {}), ...(r.chance(0.3) ? { staleApprovals: 'protection' } : {}), ...(r.chance(0.3) ? { deployWithinDays: 30 } : {}) },
  };
};

/** The streaming form fed as a store feeds it: each pass's kind in batches cut at random points, items to a sink. */
function streamed(ctx: CheckContext, seed: number): CheckOutcome {
  const r = random(seed ^ 0x1234567);
  const sunk: PopulationItem[] = [];
  const stream = reviewApprovalCheck.stream!;
  const fold = stream.start({ ...ctx, items: { add: (item) => void sunk.push(item) } });
  stream.kinds.forEach((kind, pass) => {
    const all = (ctx.records[kind] ?? []) as RecordOf<RecordKind>[];
    for (let i = 0; i < all.length;) {
      const size = 1 + r.int(5);
      fold.add(kind, all.slice(i, i + size), pass);
      i += size;
    }
  });
  const out = fold.finish();
  return { ...out, items: [...sunk, ...out.items] };
}

const shuffled = (records: RecordSet, seed: number): RecordSet => {
  const r = random(seed ^ 0x7f4a7c15);
  const out: RecordSet = {};
  for (const [kind, list] of Object.entries(records)) {
    const copy = [...(list as unknown[])];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    (out as Record<string, unknown[]>)[kind] = copy;
  }
  return out;
};

describe('change.review-approval streaming form', () => {
  it('gives the outcome of the whole-records implementation on messy organisations, in any record order and batching', () => {
    let deployRules = 0;
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, shuffle) => {
      const base = messyOrg(seed);
      const records = shuffle ? shuffled(base, seed) : base;
      const ctx = ctxOf(records, seed);
      const expected = JSON.stringify(legacyReviewApprovalCheck.run(ctx));
      expect(JSON.stringify(reviewApprovalCheck.run(ctx))).toBe(expected);
      expect(JSON.stringify(streamed(ctx, seed))).toBe(expected);
      deployRules += legacyReviewApprovalCheck.run(ctx).exceptions.filter((e) => e.rule === 'deploy.unmerged_commit').length;
    }), { numRuns: 300 });
    // The generated organisations reach the deployment rules, not only the review rules.
    expect(deployRules).toBeGreaterThan(50);
  });

  it('hands a change its "deployed before merge" step before the item leaves, and adds deployment-only items after the changes', () => {
    const change: ChangeRecord = { kind: 'change', source: 'github', artifact: A, locator: '/pulls/1', repo: 'acme/api', number: 1, commit: hex(1), headCommit: hex(2), title: 'ENG-1', author: 'dev', mergedAt: '2026-05-10T18:00:00.000Z', targetBranch: 'main', via: 'pull_request', reviews: [{ reviewer: 'rev', state: 'APPROVED', at: '2026-05-10T17:00:00.000Z', commit: hex(2) }], ticketRefs: ['ENG-1'], labels: [], emergency: false };
    const early: DeploymentRecord = { kind: 'deployment', source: 'github', artifact: A, locator: '/d/1', repo: 'acme/api', id: '1', environment: 'production', commit: hex(2), ref: 'feature/x', at: '2026-05-09T00:00:00.000Z', status: 'success' };
    const branch: DeploymentRecord = { ...early, locator: '/d/2', id: '2', commit: hex(9), at: '2026-05-11T00:00:00.000Z' };
    const ctx = ctxOf({ change: [change], deployment: [early, branch] }, 1);
    const out = streamed({ ...ctx, params: { emergencyApprovalDays: 2 } }, 1);
    expect(out.items.map((i) => [i.id, i.trace.map((s) => s.label).join(',')])).toEqual([
      ['acme/api#1|2026-05-10T18:00:00.000Z', 'merge,approval,ticket,deployment,deployed before merge'],
      ['deployment|acme/api|2', 'deployment'],
    ]);
    expect(out.exceptions.map((e) => `${e.rule} ${e.itemId}`)).toEqual(['deploy.unmerged_commit acme/api#1|2026-05-10T18:00:00.000Z', 'deploy.unmerged_commit deployment|acme/api|2']);
  });
});
