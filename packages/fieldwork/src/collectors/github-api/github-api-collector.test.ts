import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '@fieldwork/core/records';
import { openTestStore, TEST_DIALECTS } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';

const REPO = '/repos/relaylabs/agent-api';
const user = (login: string) => ({ login, id: 1, type: 'User' });
const sha = (s: string) => s.padEnd(40, '0');
const pull = (n: number, merged: string | null) => ({
  url: `https://api.github.com${REPO}/pulls/${n}`, number: n, state: 'closed', title: `ENG-${n} Change ${n}`, body: '', user: user('ada'),
  updated_at: '2026-06-02T00:00:00Z', merged_at: merged, merge_commit_sha: sha(`m${n}`), labels: [],
  head: { ref: `eng-${n}`, sha: sha(`h${n}`) }, base: { ref: 'main', repo: { full_name: 'relaylabs/agent-api' } },
});
const commit = (s: string, message: string, parents: string[]) => ({
  sha: sha(s), url: `https://api.github.com${REPO}/commits/${sha(s)}`,
  commit: { message, author: { name: 'Ada', email: 'ada@relaylabs.ai', date: '2026-06-01T10:00:00Z' }, committer: { name: 'GitHub', email: 'noreply@github.com', date: '2026-06-01T10:00:00Z' } },
  author: user('ada'), committer: user('web-flow'), parents: parents.map((p) => ({ sha: sha(p) })),
});

/** Recorded pages by path + query; a page may answer with a rate limit first. */
function routes(base: string): Record<string, { body: unknown; status?: number; link?: string; limitFirst?: Record<string, string> & { status?: string } }> {
  return {
    [REPO]: { body: { full_name: 'relaylabs/agent-api', default_branch: 'main', owner: user('relaylabs') } },
    [`${REPO}/pulls?state=closed&sort=updated&direction=desc&per_page=100`]: { body: [pull(1, '2026-06-01T17:00:00Z'), pull(2, null)], link: `<${base}${REPO}/pulls?state=closed&sort=updated&direction=desc&per_page=100&page=2>; rel="next"` },
    [`${REPO}/pulls?state=closed&sort=updated&direction=desc&per_page=100&page=2`]: { body: [pull(3, '2026-05-20T17:00:00Z')], limitFirst: { status: '429', 'retry-after': '1' } },
    [`${REPO}/pulls/1/reviews?per_page=100`]: { body: [{ id: 11, user: user('ben'), state: 'APPROVED', submitted_at: '2026-06-01T16:00:00Z', commit_id: sha('h1'), pull_request_url: `https://api.github.com${REPO}/pulls/1` }] },
    [`${REPO}/pulls/3/reviews?per_page=100`]: { body: [] },
    [`${REPO}/deployments?per_page=100`]: { body: [{ id: 55, sha: sha('m1'), ref: 'main', task: 'deploy', environment: 'production', created_at: '2026-06-01T18:00:00Z', creator: user('deploy-bot'), url: `https://api.github.com${REPO}/deployments/55`, statuses_url: `https://api.github.com${REPO}/deployments/55/statuses` }] },
    [`${REPO}/deployments/55/statuses?per_page=100`]: {
      body: [{ id: 1, state: 'success', environment: 'production', created_at: '2026-06-01T18:05:00Z', creator: user('deploy-bot'), deployment_url: `https://api.github.com${REPO}/deployments/55` }],
      limitFirst: { status: '403', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
    },
    // main: d4 ← a3 (merge of #3, second parent f2) ← c1 (squash of #1) ← d0, split over two pages.
    [`${REPO}/commits?sha=main&per_page=100`]: { body: [commit('d4', 'Rotate signing key\n\nEmergency: yes', ['a3']), commit('a3', 'Merge pull request #3 from relaylabs/eng-3', ['c1', 'f2'])], link: `<${base}${REPO}/commits?sha=main&per_page=100&page=2>; rel="next"` },
    [`${REPO}/commits?sha=main&per_page=100&page=2`]: { body: [commit('f2', 'wip on eng-3', ['c1']), commit('c1', 'ENG-1 Change 1 (#1)', ['d0']), commit('d0', 'Initial import', [])] },
    [`${REPO}/branches/main/protection`]: { status: 404, body: { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection', status: '404' } },
    [`${REPO}/rules/branches/main?per_page=100`]: { body: [{ type: 'pull_request', parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true }, ruleset_source_type: 'Repository', ruleset_source: 'relaylabs/agent-api', ruleset_id: 7 }] },
  };
}

let server: Server;
let base: string;
const served = new Map<string, string>();
const limited = new Set<string>();
const authHeaders: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    authHeaders.push(String(req.headers.authorization));
    const route = routes(base)[req.url ?? ''];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
      return;
    }
    if (route.limitFirst && !limited.has(req.url!)) {
      limited.add(req.url!);
      const { status, ...headers } = route.limitFirst;
      res.writeHead(Number(status), { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest/rate-limit' }));
      return;
    }
    const text = JSON.stringify(route.body, null, 2);
    served.set(req.url!, text);
    res.writeHead(route.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...(route.link ? { link: route.link } : {}) }).end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sources = () => [{ name: 'github', kind: 'github-api', options: { owner: 'relaylabs', repos: ['agent-api'], baseUrl: base, maxWaitSeconds: 5 } }];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('github-api against a local server', () => {
  for (const dialect of TEST_DIALECTS) {
    it(`pages, waits out rate limits, stores each page as received and maps it (${dialect})`, async () => {
      limited.clear();
      const t = await openTestStore(dialect);
      try {
        const env = { GITHUB_TOKEN: 'test-token' };
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: sources(), store: t.store, env });
        expect(out.error).toBeUndefined();
        expect(out.status).toBe('collected');
        expect(authHeaders.at(-1)).toBe('token test-token');
        // Every page is an artifact whose hash is that of the bytes the server sent.
        const pulls2 = out.artifacts.find((a) => a.name.includes('pulls?state=closed') && a.name.includes('page=2'))!;
        expect(pulls2.sha256).toBe(sha256(served.get(`${REPO}/pulls?state=closed&sort=updated&direction=desc&per_page=100&page=2`)!));
        expect(out.artifacts.find((a) => a.name.includes('page=2') && a.name.includes('commits'))?.name).toMatch(/first-parent from c1/);

        const set = await t.store.loadRecords(['change', 'pr_review', 'deployment', 'deployment_status', 'branch_protection']);
        const changes = set.change as ChangeRecord[];
        expect(changes.filter((c) => c.via === 'pull_request').map((c) => c.number).sort()).toEqual([1, 3]);
        expect(changes.filter((c) => c.via === 'direct_push').map((c) => [c.commit?.slice(0, 2), c.emergency]).sort()).toEqual([['d0', false], ['d4', true]]);
        expect(set.pr_review).toEqual([expect.objectContaining({ repo: 'relaylabs/agent-api', number: 1, reviewer: 'ben', state: 'APPROVED' })]);
        expect(set.deployment).toEqual([expect.objectContaining({ id: '55', environment: 'production' })]);
        expect(set.deployment_status).toEqual([expect.objectContaining({ deploymentId: '55', state: 'success' })]);
        const protection = set.branch_protection ?? [];
        expect(protection.map((p) => [p.mechanism, p.enabled, p.branch, p.repo])).toEqual(expect.arrayContaining([['classic', false, 'main', 'relaylabs/agent-api'], ['ruleset', true, 'main', 'relaylabs/agent-api']]));
        expect(limited.size).toBe(2);

        const [again] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: sources(), store: t.store, env });
        expect(again.status).toBe('unchanged');
        expect(again.artifacts.every((a) => a.status === 'unchanged')).toBe(true);
        expect(((await t.store.loadRecords(['change'])).change ?? []).length).toBe(changes.length);
      } finally {
        await t.dispose();
      }
    });
  }

  it('names the missing token variable', async () => {
    const t = await openTestStore('sqlite');
    try {
      const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: sources(), store: t.store, env: {} });
      expect(out.status).toBe('failed');
      expect(out.error).toMatchObject({ code: 'SOURCE_BAD_OPTIONS' });
      expect(out.error?.message).toMatch(/GITHUB_TOKEN/);
    } finally {
      await t.dispose();
    }
  });

  it('reports an unknown repository as an API failure with a hint', async () => {
    const t = await openTestStore('sqlite');
    try {
      const src = [{ kind: 'github-api', options: { owner: 'relaylabs', repos: ['nope'], baseUrl: base } }];
      const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: src, store: t.store, env: { GITHUB_TOKEN: 'x' } });
      expect(out.error).toMatchObject({ code: 'API_FAILED' });
      expect(out.error?.hint).toMatch(/token may read it/);
    } finally {
      await t.dispose();
    }
  });
});
