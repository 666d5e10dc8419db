import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeRecord, FieldworkRecord } from '@fieldwork/core/records';
import { isFieldworkError } from '@fieldwork/core/errors';
import { openTestStore, parseFile, REAL_FIXTURES, TEST_DIALECTS } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';
import { githubRestCollector } from './github-rest-collector.js';

const real = (f: string) => join(REAL_FIXTURES, 'github', f);
const dir = mkdtempSync(join(tmpdir(), 'fieldwork-github-rest-'));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return p;
};
const parse = (path: string, options: unknown = {}) => parseFile(githubRestCollector, path, options);
const of = <K extends FieldworkRecord['kind']>(recs: FieldworkRecord[], kind: K) => recs.filter((r) => r.kind === kind) as Extract<FieldworkRecord, { kind: K }>[];
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; where?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isFieldworkError(e)) return { code: e.code, message: e.message, where: e.where };
    throw e;
  }
  throw new Error('expected the parse to fail');
}

const user = (login: string) => ({ login, id: 1, type: 'User' });
const api = 'https://api.github.com/repos/relaylabs/agent-api';
function pull(n: number, over: Record<string, unknown> = {}) {
  return {
    url: `${api}/pulls/${n}`, number: n, state: 'closed', title: `ENG-${n} Retry tool calls`, body: 'Adds retries.', user: user('ada'),
    merged_at: '2026-05-04T17:00:00Z', merge_commit_sha: `m${n}`.padEnd(40, '0'), labels: [],
    head: { ref: `eng-${n}-retries`, sha: `h${n}`.padEnd(40, '0') }, base: { ref: 'main', repo: { full_name: 'relaylabs/agent-api' } }, ...over,
  };
}
function review(n: number, login: string, state: string, commit: string, at = '2026-05-04T16:00:00Z') {
  return { id: n * 100 + login.length, user: user(login), state, submitted_at: at, commit_id: commit, pull_request_url: `${api}/pulls/${n}` };
}
function commit(sha: string, message: string, parents: string[], at = '2026-05-05T10:00:00Z') {
  return { sha, url: `${api}/commits/${sha}`, commit: { message, author: { name: 'Ada', email: 'ada@relaylabs.ai', date: at }, committer: { name: 'GitHub', email: 'noreply@github.com', date: at } }, author: user('ada'), committer: user('web-flow'), parents: parents.map((p) => ({ sha: p })) };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('github-rest on the real GitHub fixtures', () => {
  const files = readdirSync(join(REAL_FIXTURES, 'github')).filter((f) => f.endsWith('.json'));

  it('maps or knowingly skips every file, without error', async () => {
    for (const f of files) {
      const recs = await parse(real(f), { observedAt: '2026-09-30T00:00:00Z' });
      for (const r of recs) expect(r.locator, f).toMatch(/^\//);
    }
    expect(files.length).toBeGreaterThanOrEqual(24);
  });

  it('skips alerts, GraphQL and recorded sessions (other kinds read them)', async () => {
    for (const f of files.filter((f) => /alert|graphql|normalized-fixture/.test(f))) expect(await parse(real(f)), f).toEqual([]);
  });

  it('reads a REST review page: upper-case state, the commit reviewed, the PR from pull_request_url', async () => {
    const [r] = of(await parse(real('rest-pulls-reviews.approved.hub4j.json')), 'pr_review');
    expect(r).toMatchObject({ repo: 'hub4j-test-org/github-api', number: 6, reviewer: 'sahansera-test2', state: 'APPROVED', at: '2021-11-23T10:51:35.000Z', commit: '70b9fde43c4b762670022ceb64a2a234d86084ac', locator: '/0' });
  });

  it('normalizes webhook review states (lower case) and dismissals', async () => {
    expect(of(await parse(real('webhook-pull_request_review.submitted.payload.json')), 'pr_review')[0]).toMatchObject({ state: 'COMMENTED', number: 2, repo: 'Codertocat/Hello-World', locator: '/review' });
    expect(of(await parse(real('webhook-pull_request_review.dismissed.payload.json')), 'pr_review')[0]).toMatchObject({ state: 'DISMISSED', id: '237895671' });
    expect(of(await parse(real('webhook-pull_request_review.approved.hub4j.json')), 'pr_review')[0]).toMatchObject({ state: 'APPROVED', number: 8 });
  });

  it('keeps closed-but-unmerged and open pull requests out of the changes', async () => {
    expect(await parse(real('webhook-pull_request.closed.payload.json'))).toEqual([]);
    expect(await parse(real('webhook-pull_request.closed.with-organization.payload.json'))).toEqual([]);
    expect(await parse(real('rest-pulls-list.state-open.hub4j.json'))).toEqual([]);
  });

  it('reads merged pull requests from search results and from the Events API', async () => {
    expect(of(await parse(real('rest-search-issues.merged-prs.hub4j.json')), 'change')).toEqual([
      expect.objectContaining({ repo: 'kgromov/temp-testSearchPullRequests', number: 2, via: 'pull_request', mergedAt: '2023-11-11T00:45:25.000Z', labels: ['test'], locator: '/items/0' }),
    ]);
    const events = of(await parse(real('rest-events.incl-merged-pr.hub4j.json')), 'change');
    expect(events.find((c) => c.via === 'pull_request')).toMatchObject({ repo: 'daddyfatstacksBIG/lerna', number: 20, mergedBy: 'pull[bot]', locator: '/10/payload/pull_request' });
  });

  it('reads deployments and their status from webhooks', async () => {
    expect(await parse(real('webhook-deployment.payload.json'))).toEqual([expect.objectContaining({ kind: 'deployment', id: '145988746', environment: 'production', status: 'unknown' })]);
    const recs = await parse(real('webhook-deployment_status.payload.json'));
    expect(of(recs, 'deployment')[0]).toMatchObject({ status: 'success', commit: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' });
    expect(of(recs, 'deployment_status')[0]).toMatchObject({ deploymentId: '145988746', state: 'success', at: '2019-05-15T15:20:55.000Z', environment: 'production' });
  });

  it('reads branch protection, rulesets and protection-rule webhooks', async () => {
    expect(of(await parse(real('rest-branch-protection.get.hub4j.json'), { observedAt: '2026-09-30T12:00:00Z' }), 'branch_protection')[0]).toMatchObject({
      repo: 'hub4j-test-org/temp-testEnableBranchProtections', branch: 'main', at: '2026-09-30T12:00:00.000Z', event: 'snapshot', enabled: true,
      requiredApprovals: 2, enforceAdmins: true, dismissStaleReviews: true, mechanism: 'classic',
    });
    expect(of(await parse(real('rest-rules-branches.hub4j.json'), { observedAt: '2026-09-30T12:00:00Z' }), 'branch_protection')[0]).toMatchObject({
      repo: 'ihrigb/node-doorbird', branch: 'main', enabled: true, requiredApprovals: 1, mechanism: 'ruleset',
    });
    const edited = of(await parse(real('webhook-branch_protection_rule.edited.payload.json')), 'branch_protection')[0];
    // Reviews enforcement is "off" in that rule, so no approval is required whatever the count says.
    expect(edited).toMatchObject({ repo: 'octo-org/octo-repo', branch: 'production', event: 'edited', enabled: true, requiredApprovals: 0, at: '2021-08-19T16:16:32.000Z' });
  });

  it('refuses a protection snapshot that carries no time, saying how to give one', async () => {
    const f = await failure(parse(real('rest-branch-protection.get.hub4j.json')));
    expect(f.code).toBe('INPUT_INVALID_RECORD');
    expect(f.message).toMatch(/carries no time/);
    const named = write('branches-main-protection.2026-09-30T08-15-00Z.json', readFileSync(real('rest-branch-protection.get.hub4j.json'), 'utf8'));
    expect((await parse(named))[0]).toMatchObject({ at: '2026-09-30T08:15:00.000Z' });
  });
});

describe('github-rest edge cases', () => {
  it('joins nothing itself: a PR approved on an older commit keeps both commits for the check', async () => {
    const pulls = await parse(write('pulls.json', [pull(7, { head: { ref: 'eng-7-x', sha: 'b'.repeat(40) } })]));
    const reviews = await parse(write('pulls-7-reviews.json', [review(7, 'ben', 'APPROVED', 'a'.repeat(40))]));
    expect(of(pulls, 'change')[0]).toMatchObject({ number: 7, headCommit: 'b'.repeat(40), reviews: [] });
    expect(of(reviews, 'pr_review')[0]).toMatchObject({ number: 7, reviewer: 'ben', commit: 'a'.repeat(40) });
  });

  it('takes the PR number of a review page from the file name when the reviews do not carry it', async () => {
    const r = review(12, 'ben', 'changes_requested', 'c'.repeat(40));
    delete (r as Partial<typeof r>).pull_request_url;
    const recs = await parse(write('pulls-12-reviews.json', [r]), { repo: 'relaylabs/agent-api' });
    expect(recs[0]).toMatchObject({ kind: 'pr_review', number: 12, repo: 'relaylabs/agent-api', state: 'CHANGES_REQUESTED' });
    expect((await failure(parse(write('reviews.json', [r]), { repo: 'relaylabs/agent-api' }))).message).toMatch(/pull request number/);
  });

  it('keeps an unknown review state, upper-cased', async () => {
    expect((await parse(write('pulls-3-reviews.json', [review(3, 'ben', 'future_state', 'd'.repeat(40))])))[0]).toMatchObject({ state: 'FUTURE_STATE' });
  });

  it('finds ticket keys in the title, body and branch, but not CVE ids or model names', async () => {
    const [c] = of(await parse(write('pull-ticket.json', pull(9, { title: 'Bump GPT-4 client for CVE-2026-1234', body: 'Refs OPS-77', head: { ref: 'feature/eng-14-bump', sha: 'e'.repeat(40) } }))), 'change');
    expect(c.ticketRefs).toEqual(['OPS-77', 'ENG-14']);
    const [only] = of(await parse(write('pull-ticket.json', pull(9, { body: 'Refs OPS-77' })), { ticketProjects: ['ENG'] }), 'change');
    expect(only.ticketRefs).toEqual(['ENG-9']);
  });

  it('flags emergencies by label or trailer', async () => {
    const recs = of(await parse(write('pulls-emergency.json', [pull(1, { labels: [{ name: 'Emergency' }] }), pull(2, { body: 'Hotfix.\n\nEmergency: yes' }), pull(3)])), 'change');
    expect(recs.map((c) => c.emergency)).toEqual([true, true, false]);
  });

  it('reads gh api --paginate output (pages concatenated) and --slurp output (an array of pages)', async () => {
    const concatenated = write('pulls-paginated.json', `${JSON.stringify([pull(1), pull(2)])}\n${JSON.stringify([pull(3)])}`);
    expect(of(await parse(concatenated), 'change').map((c) => [c.number, c.locator])).toEqual([[1, '/0'], [2, '/1'], [3, 'doc 2#/0']]);
    const slurped = write('pulls-slurped.json', [[pull(1), pull(2)], [pull(3)]]);
    expect(of(await parse(slurped), 'change').map((c) => [c.number, c.locator])).toEqual([[1, '/0/0'], [2, '/0/1'], [3, '/1/0']]);
    const jsonl = write('pulls.jsonl', [pull(4), pull(5)].map((p) => JSON.stringify(p)).join('\n'));
    expect(of(await parse(jsonl), 'change').map((c) => c.number)).toEqual([4, 5]);
  });

  it('refuses a truncated file, naming where it broke', async () => {
    const text = JSON.stringify([pull(1), pull(2), pull(3)], null, 2);
    const f = await failure(parse(write('pulls-truncated.json', text.slice(0, Math.floor(text.length / 2)))));
    expect(f.code).toBe('INPUT_MALFORMED');
    expect(f.message).toMatch(/pulls-truncated\.json/);
    const half = readFileSync(real('webhook-deployment_status.payload.json'));
    expect((await failure(parse(write('deployment-status-half.json', half.subarray(0, half.length / 2).toString('utf8'))))).code).toBe('INPUT_MALFORMED');
  });

  it('refuses files that are not GitHub JSON as the wrong format', async () => {
    expect((await failure(parse(join(REAL_FIXTURES, 'identity', 'okta-system-log.get_logs_response.json'))))).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0' } });
    expect((await failure(parse(write('people.csv', 'name,email\nAda,ada@x.io\n')))).code).toBe('INPUT_WRONG_FORMAT');
    expect((await failure(parse(write('error.json', { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })))).message).toMatch(/API error \("Not Found"\)/);
    expect((await failure(parse(write('empty.json', '  \n')))).code).toBe('INPUT_MALFORMED');
  });

  it('accepts an empty page; an empty rules page means the branch has no rulesets', async () => {
    expect(await parse(write('pulls-empty.json', []))).toEqual([]);
    const [snap] = await parse(write('rules-branches-main.2026-09-30T00-00-00Z.json', []), { repo: 'relaylabs/agent-api' });
    expect(snap).toMatchObject({ kind: 'branch_protection', branch: 'main', enabled: false, mechanism: 'ruleset' });
  });

  it('reads a 404 "Branch not protected" body as an unprotected snapshot', async () => {
    const p = write('branches-main-protection.2026-09-30T00-00-00Z.json', { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection', status: '404' });
    expect((await parse(p, { repo: 'relaylabs/agent-api' }))[0]).toMatchObject({ repo: 'relaylabs/agent-api', branch: 'main', enabled: false, event: 'snapshot' });
  });

  it('finds direct pushes on the first-parent chain of the default branch only', async () => {
    // main: d4 (direct, emergency) ← m3 (merge of PR #8, second parent f2 ← f1) ← s1 (squash #5) ← d0 (direct)
    const sha = (s: string) => s.padEnd(40, '0');
    const commits = [
      commit(sha('d4'), 'Hotfix token refresh\n\nEmergency: yes', [sha('m3')], '2026-05-09T03:00:00Z'),
      commit(sha('m3'), 'Merge pull request #8 from relaylabs/eng-8-x\n\nENG-8 Add x', [sha('s1'), sha('f2')]),
      commit(sha('f2'), 'wip', [sha('f1')]),
      commit(sha('f1'), 'start x', [sha('s1')]),
      commit(sha('s1'), 'ENG-5 Cache prompts (#5)', [sha('d0')]),
      commit(sha('d0'), 'Bump version', []),
    ];
    const pushes = of(await parse(write('commits.json', commits)), 'change');
    expect(pushes.map((c) => [c.commit?.slice(0, 2), c.via, c.emergency, c.targetBranch])).toEqual([['d4', 'direct_push', true, 'main'], ['d0', 'direct_push', false, 'main']]);
    expect(pushes[0]).toMatchObject({ repo: 'relaylabs/agent-api', author: 'ada', mergedAt: '2026-05-09T03:00:00.000Z', title: 'Hotfix token refresh', locator: '/0' });
  });

  it('finds direct pushes in push webhooks to the default branch', async () => {
    const push = {
      ref: 'refs/heads/main', before: 'a'.repeat(40), after: 'b'.repeat(40), created: false, deleted: false, forced: false,
      commits: [
        { id: 'c'.repeat(40), distinct: false, message: 'feature work', timestamp: '2026-06-01T10:00:00-07:00', author: { name: 'Ada', email: 'ada@x', username: 'ada' } },
        { id: 'd'.repeat(40), distinct: true, message: 'Merge pull request #9 from relaylabs/eng-9', timestamp: '2026-06-01T10:05:00-07:00', author: { name: 'Ada', email: 'ada@x', username: 'ada' } },
        { id: 'e'.repeat(40), distinct: true, message: 'quick fix on main', timestamp: '2026-06-01T11:00:00-07:00', author: { name: 'Ben', email: 'ben@x', username: 'ben' } },
      ],
      repository: { full_name: 'relaylabs/agent-api', default_branch: 'main' }, pusher: { name: 'ben' }, sender: user('ben'),
    };
    const recs = of(await parse(write('push.json', push)), 'change');
    expect(recs).toEqual([expect.objectContaining({ commit: 'e'.repeat(40), author: 'ben', via: 'direct_push', mergedAt: '2026-06-01T18:00:00.000Z', locator: '/commits/2' })]);
    expect(await parse(write('push-branch.json', { ...push, ref: 'refs/heads/eng-9' }))).toEqual([]);
  });

  it('maps a merged pull_request webhook and lowercase review webhooks', async () => {
    const pr = pull(21, { merged_by: user('ben') });
    const recs = await parse(write('hook-pr.json', { action: 'closed', number: 21, pull_request: pr, repository: { full_name: 'relaylabs/agent-api' }, sender: user('ben') }));
    expect(recs[0]).toMatchObject({ kind: 'change', number: 21, mergedBy: 'ben', locator: '/pull_request' });
    const hook = { action: 'submitted', review: review(21, 'ben', 'approved', 'f'.repeat(40)), pull_request: { number: 21 }, repository: { full_name: 'relaylabs/agent-api' }, sender: user('ben') };
    expect((await parse(write('hook-review.json', hook)))[0]).toMatchObject({ kind: 'pr_review', state: 'APPROVED', number: 21 });
  });

  it('reads who pushed a pull request\'s head from opened and synchronize webhooks, and the last-push approval setting', async () => {
    // Shape of octokit/webhooks payload-examples pull_request/synchronize: the sender made the push that moved head.sha.
    const pr = { ...pull(23), state: 'open', merged_at: null, merge_commit_sha: null, updated_at: '2026-05-04T15:20:33Z' };
    const sync = { action: 'synchronize', number: 23, before: 'a'.repeat(40), after: pr.head.sha, pull_request: pr, repository: { full_name: 'relaylabs/agent-api' }, sender: user('ben') };
    expect(await parse(write('hook-sync.json', sync))).toEqual([expect.objectContaining({ kind: 'pr_push', repo: 'relaylabs/agent-api', number: 23, pusher: 'ben', commit: pr.head.sha, at: '2026-05-04T15:20:33.000Z', locator: '/pull_request' })]);
    const delivery = { id: 10, guid: 'c3d4', delivered_at: '2026-05-04T15:20:35Z', event: 'pull_request', action: 'synchronize', request: { headers: {}, payload: sync }, response: { headers: {}, payload: '' } };
    expect((await parse(write('delivery-sync.json', delivery)))[0]).toMatchObject({ kind: 'pr_push', at: '2026-05-04T15:20:35.000Z' });
    // Labelling or editing a pull request is not a push.
    expect(await parse(write('hook-labeled.json', { ...sync, action: 'labeled' }))).toEqual([]);
    const snapshot = JSON.parse(readFileSync(real('rest-branch-protection.get.hub4j.json'), 'utf8')) as { required_pull_request_reviews: Record<string, unknown> };
    snapshot.required_pull_request_reviews.require_last_push_approval = true;
    expect(of(await parse(write('branches-main-protection.2026-09-30T12-00-00Z.json', snapshot)), 'branch_protection')[0]).toMatchObject({ requireLastPushApproval: true, dismissStaleReviews: true });
    const rules = [{ type: 'pull_request', parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: false, require_last_push_approval: true }, ruleset_source_type: 'Repository', ruleset_source: 'relaylabs/agent-api', ruleset_id: 1 }];
    expect(of(await parse(write('rules-branches-main.2026-09-30T12-00-00Z.json', rules)), 'branch_protection')[0]).toMatchObject({ mechanism: 'ruleset', requireLastPushApproval: true, dismissStaleReviews: false });
  });

  it('reads a saved webhook delivery, taking a deletion\'s time from delivered_at', async () => {
    const payload = { ...JSON.parse(readFileSync(real('webhook-branch_protection_rule.created.payload.json'), 'utf8')), action: 'deleted' };
    const delivery = { id: 9, guid: 'a1b2', delivered_at: '2026-06-12T16:14:03Z', redelivery: false, duration: 0.2, status: 'OK', status_code: 200, event: 'branch_protection_rule', action: 'deleted', request: { headers: { 'X-GitHub-Event': 'branch_protection_rule' }, payload }, response: { headers: {}, payload: '' } };
    expect((await parse(write('delivery.json', delivery)))[0]).toMatchObject({ kind: 'branch_protection', event: 'deleted', enabled: false, at: '2026-06-12T16:14:03.000Z', locator: '/request/payload/rule' });
  });

  it('maps deployments and statuses pages', async () => {
    const dep = { url: `${api}/deployments/55`, id: 55, sha: 'a'.repeat(40), ref: 'main', task: 'deploy', environment: 'production', created_at: '2026-05-05T18:00:00Z', creator: user('deploy-bot'), statuses_url: `${api}/deployments/55/statuses`, repository_url: api };
    expect((await parse(write('deployments.json', [dep])))[0]).toMatchObject({ kind: 'deployment', id: '55', status: 'unknown', environment: 'production', repo: 'relaylabs/agent-api' });
    const st = { url: `${api}/deployments/55/statuses/1`, id: 1, state: 'success', environment: 'production', created_at: '2026-05-05T18:04:00Z', creator: user('deploy-bot'), deployment_url: `${api}/deployments/55`, repository_url: api };
    expect((await parse(write('deployments-55-statuses.json', [st])))[0]).toMatchObject({ kind: 'deployment_status', deploymentId: '55', state: 'success', at: '2026-05-05T18:04:00.000Z' });
  });
});

describe('github-rest through collect', () => {
  for (const dialect of TEST_DIALECTS) {
    it(`collects a folder once and nothing the second time (${dialect})`, async () => {
      const t = await openTestStore(dialect);
      try {
        const folder = join(t.dir, 'exports', 'github');
        const { mkdirSync } = await import('node:fs');
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'pulls.json'), JSON.stringify([pull(1), pull(2, { merged_at: null })]));
        writeFileSync(join(folder, 'pulls-1-reviews.json'), JSON.stringify([review(1, 'ben', 'APPROVED', 'h1'.padEnd(40, '0'))]));
        writeFileSync(join(folder, 'secret-alert.json'), readFileSync(real('webhook-secret_scanning_alert.reopened.payload.json')));
        const sources = [{ kind: 'github-rest', path: 'exports/github' }];
        const first = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
        expect(first[0]).toMatchObject({ status: 'collected', records: 2 });
        const again = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
        expect(again[0].status).toBe('unchanged');
        const set = await t.store.loadRecords(['change', 'pr_review']);
        expect((set.change as ChangeRecord[]).map((c) => c.number)).toEqual([1]);
        expect(set.pr_review).toHaveLength(1);
      } finally {
        await t.dispose();
      }
    });
  }
});
