import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, openTestStore } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';
import { nextLink } from './okta-fetch.js';

function event(uuid: string, eventType: string, published: string, email: string): object {
  return {
    uuid, published, eventType, displayMessage: eventType, severity: 'INFO',
    actor: { id: '00uadmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    target: [{ id: `00u${uuid}`, type: 'User', alternateId: email, displayName: email }],
    outcome: { result: 'SUCCESS', reason: null },
  };
}

/** Recorded System Log pages, served in order by `after` cursor. */
const PAGES: Record<string, object[]> = {
  first: [event('p1-1', 'user.lifecycle.create', '2026-04-01T16:00:00.000Z', 'ada@example.com'), event('p1-2', 'user.lifecycle.activate', '2026-04-01T16:01:00.000Z', 'ada@example.com')],
  c2: [event('p2-1', 'application.user_membership.add', '2026-04-02T16:00:00.000Z', 'ada@example.com'), event('p2-2', 'user.session.start', '2026-04-02T17:00:00.000Z', 'ben@example.com')],
  c3: [event('p3-1', 'user.lifecycle.deactivate', '2026-05-09T16:00:00.000Z', 'ben@example.com')],
  c4: [],
};
const NEXT: Record<string, string> = { first: 'c2', c2: 'c3', c3: 'c4', c4: 'c4' };

let server: Server;
let base: string;
const seen: { url: URL; auth?: string }[] = [];
let rateLimitOnce = true;

function handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  const url = new URL(req.url ?? '/', base);
  seen.push({ url, auth: req.headers.authorization });
  if (req.headers.authorization !== 'SSWS test-token') {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"errorCode":"E0000011","errorSummary":"Invalid token provided"}');
    return;
  }
  const cursor = url.searchParams.get('after') ?? 'first';
  if (cursor === 'c2' && rateLimitOnce) {
    rateLimitOnce = false;
    // The reset is "now" (epoch seconds), so the client waits at most a second.
    res.writeHead(429, { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000)), 'content-type': 'application/json' }).end('{"errorCode":"E0000047"}');
    return;
  }
  const next = new URL(url);
  next.searchParams.set('after', NEXT[cursor]);
  res.writeHead(200, {
    'content-type': 'application/json',
    link: `<${url.toString()}>; rel="self", <${next.toString()}>; rel="next"`,
  }).end(JSON.stringify(PAGES[cursor]));
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const source = (tokenEnv = 'OKTA_TEST_TOKEN') => ({
  name: 'okta-live', kind: 'okta-system-log',
  options: { orgUrl: base, tokenEnv, since: '2026-04-01T00:00:00Z', until: '2026-10-01T00:00:00Z', limit: 2 },
});

describe('nextLink', () => {
  it('finds rel="next" among several links', () => {
    expect(nextLink('<https://o.okta.com/api/v1/logs?a=1>; rel="self", <https://o.okta.com/api/v1/logs?after=x>; rel="next"')).toBe('https://o.okta.com/api/v1/logs?after=x');
    expect(nextLink('<https://o.okta.com/api/v1/logs?a=1>; rel="self"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`okta-system-log live API (${dialect})`, () => {
    it('follows Link pages, waits out a 429, stores each page once, and adds nothing on a re-run', async () => {
      const t = await openTestStore(dialect);
      try {
        seen.length = 0;
        rateLimitOnce = true;
        const env = { OKTA_TEST_TOKEN: 'test-token' };
        const [first] = await collectSources({ workspaceDir: t.dir, timezone: 'America/Los_Angeles', sources: [source()], store: t.store, env });
        expect(first.error).toBeUndefined();
        expect(first.status).toBe('collected');
        // Three pages with events plus the empty page that says "caught up".
        expect(first.artifacts.map((a) => a.records)).toEqual([2, 2, 1, 0]);
        expect(first.records).toBe(5);
        expect(seen[0].auth).toBe('SSWS test-token');
        expect(seen[0].url.searchParams.get('since')).toBe('2026-04-01T00:00:00Z');
        expect(seen[0].url.searchParams.get('until')).toBe('2026-10-01T00:00:00Z');
        expect(seen[0].url.searchParams.get('limit')).toBe('2');
        // The 429 was retried: the c2 page was asked for twice.
        expect(seen.filter((s) => s.url.searchParams.get('after') === 'c2')).toHaveLength(2);

        const records = await t.store.loadRecords(['access_event']);
        expect((records.access_event ?? []).map((r) => r.eventId).sort()).toEqual(['p1-1', 'p1-2', 'p2-1', 'p2-2', 'p3-1']);
        expect(records.access_event?.[0].artifact).toMatch(/^[0-9a-f]{64}$/);

        const [again] = await collectSources({ workspaceDir: t.dir, timezone: 'America/Los_Angeles', sources: [source()], store: t.store, env });
        expect(again.status).toBe('unchanged');
        expect(again.records).toBe(0);
        expect((await t.store.loadRecords(['access_event'])).access_event).toHaveLength(5);
        expect(await t.store.ledger()).toHaveLength(4);
      } finally {
        await t.dispose();
      }
    });

    it('reports a rejected token as API_FAILED and stores nothing', async () => {
      const t = await openTestStore(dialect);
      try {
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [source()], store: t.store, env: { OKTA_TEST_TOKEN: 'wrong' } });
        expect(out.status).toBe('failed');
        expect(out.error?.code).toBe('API_FAILED');
        expect(out.error?.hint).toMatch(/OKTA_TEST_TOKEN/);
        expect(await t.store.ledger()).toHaveLength(0);
      } finally {
        await t.dispose();
      }
    });

    it('names the missing environment variable', async () => {
      const t = await openTestStore(dialect);
      try {
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [source('OKTA_UNSET_TOKEN')], store: t.store, env: {} });
        expect(out.error).toMatchObject({ code: 'SOURCE_BAD_OPTIONS' });
        expect(out.error?.message).toMatch(/OKTA_UNSET_TOKEN/);
      } finally {
        await t.dispose();
      }
    });
  });
}
