import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, openTestStore } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';

/** The issues of the GraphQL fixture, served two per page behind opaque cursors, as Linear pages a connection. */
const NODES = [
  ...(JSON.parse(readFileSync(new URL('./fixtures/graphql-issues.json', import.meta.url), 'utf8')) as { data: { issues: { nodes: unknown[] } } }).data.issues.nodes,
  ...(JSON.parse(readFileSync(new URL('./fixtures/graphql-reviews-incidents.json', import.meta.url), 'utf8')) as { data: { issues: { nodes: unknown[] } } }).data.issues.nodes,
];
const CURSORS = [null, 'cursor-2', 'cursor-3'];

let server: Server;
let url: string;
const seen: { auth?: string; body: { query: string; variables: { first: number; after: string | null; filter?: unknown } } }[] = [];
let rateLimitOnce = false;

function handle(req: IncomingMessage, res: ServerResponse): void {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
  req.on('end', () => {
    const body = JSON.parse(raw) as (typeof seen)[number]['body'];
    seen.push({ auth: req.headers.authorization, body });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
    if (req.method !== 'POST' || req.url !== '/graphql') return json(404, { errors: [{ message: 'Not found' }] });
    // Linear answers an unknown key with a GraphQL error and 400.
    if (req.headers.authorization !== 'lin_api_test') return json(400, { errors: [{ message: 'Authentication required, not authenticated', extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR' } }] });
    const index = CURSORS.indexOf(body.variables.after);
    if (index === 1 && rateLimitOnce) {
      rateLimitOnce = false;
      // Reset is "now" in epoch milliseconds, so the client waits at most a moment.
      return json(400, { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] }, { 'x-ratelimit-requests-reset': String(Date.now()) });
    }
    const nodes = NODES.slice(index * body.variables.first, (index + 1) * body.variables.first);
    const next = CURSORS[index + 1];
    return json(200, { data: { issues: { nodes, pageInfo: { hasNextPage: !!next && index * body.variables.first + nodes.length < NODES.length, endCursor: next ?? null } } } });
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const source = (apiKeyEnv = 'LINEAR_TEST_KEY', extra: object = {}) => ({
  name: 'linear-live', kind: 'linear-issues',
  options: { apiUrl: url, apiKeyEnv, pageSize: 2, updatedSince: '2026-04-01T00:00:00Z', teams: ['OPS', 'SEC', 'INC', 'IT'], incidentTeams: ['INC'], ...extra },
});

for (const dialect of TEST_DIALECTS) {
  describe(`linear-issues live API (${dialect})`, () => {
    it('pages by cursor, waits out rate limiting, stores each page once, and adds nothing on a re-run', async () => {
      const t = await openTestStore(dialect);
      try {
        seen.length = 0;
        rateLimitOnce = true;
        const env = { LINEAR_TEST_KEY: 'lin_api_test' };
        const [first] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [source()], store: t.store, env });
        expect(first.error).toBeUndefined();
        expect(first.status).toBe('collected');
        // Five issues two per page (page 2: a review and an incident add a record each); page 2 was asked for twice (rate limited once).
        expect(first.artifacts.map((a) => a.records)).toEqual([2, 4, 1]);
        expect(seen.map((s) => s.body.variables.after)).toEqual([null, 'cursor-2', 'cursor-2', 'cursor-3']);
        expect(seen[0].auth).toBe('lin_api_test');
        expect(seen[0].body.variables).toMatchObject({ first: 2, filter: { updatedAt: { gte: '2026-04-01T00:00:00Z' }, team: { key: { in: ['OPS', 'SEC', 'INC', 'IT'] } } } });
        expect(seen[0].body.query).toContain('history(first: 100)');

        const records = await t.store.loadRecords(['ticket', 'access_review', 'incident']);
        expect((records.ticket ?? []).map((r) => r.key).sort()).toEqual(['INC-3', 'IT-120', 'OPS-41', 'OPS-42', 'SEC-7']);
        expect(records.ticket?.find((r) => r.key === 'OPS-41')).toMatchObject({ approvedBy: 'maya.chen@relaylabs.ai', approvedAt: '2026-04-02T22:40:00.000Z' });
        expect(records.access_review).toHaveLength(1);
        expect(records.incident?.map((r) => r.key)).toEqual(['INC-3']);

        rateLimitOnce = false;
        const [again] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [source()], store: t.store, env });
        expect(again.status).toBe('unchanged');
        expect(again.records).toBe(0);
        expect(await t.store.ledger()).toHaveLength(3);
      } finally {
        await t.dispose();
      }
    });

    it('reports a rejected key as API_FAILED with the API\'s message, and stores nothing', async () => {
      const t = await openTestStore(dialect);
      try {
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [source()], store: t.store, env: { LINEAR_TEST_KEY: 'wrong' } });
        expect(out.status).toBe('failed');
        expect(out.error).toMatchObject({ code: 'API_FAILED' });
        expect(out.error?.message).toContain('Authentication required');
        expect(out.error?.hint).toMatch(/LINEAR_TEST_KEY/);
        expect(await t.store.ledger()).toHaveLength(0);
      } finally {
        await t.dispose();
      }
    });

    it('names the missing environment variable, and asks for a path or apiUrl', async () => {
      const t = await openTestStore(dialect);
      try {
        const [unset] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [source('LINEAR_UNSET_KEY')], store: t.store, env: {} });
        expect(unset.error).toMatchObject({ code: 'SOURCE_BAD_OPTIONS' });
        expect(unset.error?.message).toMatch(/LINEAR_UNSET_KEY/);
        const [neither] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [{ name: 'linear', kind: 'linear-issues', options: {} }], store: t.store, env: {} });
        expect(neither.error).toMatchObject({ code: 'SOURCE_BAD_OPTIONS' });
        expect(neither.error?.message).toMatch(/apiUrl/);
      } finally {
        await t.dispose();
      }
    });
  });
}
