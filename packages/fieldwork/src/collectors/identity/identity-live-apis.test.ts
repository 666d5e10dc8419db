import { cpSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInChecks } from '@fieldwork/core/checks';
import { TEST_DIALECTS, openTestStore } from '../../testing/index.js';
import type { SourceConfig } from '../../workspace/index.js';
import { collectSources } from '../collect-sources.js';

/**
 * The identity APIs served from a real HTTP server on loopback, from the same Acme organization
 * the file fixtures hold, split into several pages with each provider's own cursor (Okta `Link`,
 * Graph `@odata.nextLink`, Google `nextPageToken`), and one 429 with Retry-After per provider.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/acme/', import.meta.url));
const json = (path: string): any => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
const oktaUsers: { id: string }[] = json('okta/okta-users-2026-06-30.json');
const entraUsers = [...json('entra/entra-users-2026-06-30-page-1.json').value, ...json('entra/entra-users-2026-06-30-page-2.json').value];
const signIns = json('entra/entra-sign-ins-2026-q2.json').value;

let server: Server;
let base: string;
const seen: { path: string; auth?: string }[] = [];
const throttled = new Set<string>();

function send(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
/** Answers 429 the first time a route's second page is asked for. */
function throttleOnce(key: string, res: ServerResponse): boolean {
  if (throttled.has(key)) return false;
  throttled.add(key);
  res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"error":{"code":"TooManyRequests"}}');
  return true;
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', base);
  seen.push({ path: `${url.pathname}${url.search}`, auth: req.headers.authorization });
  const okta = url.pathname.startsWith('/api/v1/');
  const expected = okta ? 'SSWS okta-token' : url.pathname.startsWith('/admin/') ? 'Bearer google-token' : 'Bearer graph-token';
  if (req.headers.authorization !== expected) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid token"}');
    return;
  }
  if (url.pathname === '/api/v1/users') {
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    if (after > 0 && throttleOnce('okta', res)) return;
    const next = new URL(url);
    next.searchParams.set('after', String(after + limit));
    const links = [`<${url}>; rel="self"`, ...(after + limit < oktaUsers.length ? [`<${next}>; rel="next"`] : [])];
    return send(res, oktaUsers.slice(after, after + limit), { link: links.join(', ') });
  }
  const factors = /^\/api\/v1\/users\/([^/]+)\/factors$/.exec(url.pathname);
  if (factors) return send(res, json(`okta/okta-factors-${factors[1]}-2026-06-30.json`));
  if (url.pathname === '/v1.0/users') {
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    if (skip > 0 && throttleOnce('graph-users', res)) return;
    const top = 4;
    const page = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value: entraUsers.slice(skip, skip + top) } as Record<string, unknown>;
    if (skip + top < entraUsers.length) page['@odata.nextLink'] = `${base}/v1.0/users?$skiptoken=${skip + top}`;
    return send(res, page);
  }
  if (url.pathname === '/v1.0/reports/authenticationMethods/userRegistrationDetails') return send(res, json('entra/entra-registration-details-2026-06-30.json'));
  if (url.pathname === '/beta/auditLogs/signIns') {
    const second = url.searchParams.get('$skiptoken') === 'p2';
    const page = { value: second ? signIns.slice(5) : signIns.slice(0, 5) } as Record<string, unknown>;
    if (!second) page['@odata.nextLink'] = `${base}/beta/auditLogs/signIns?$skiptoken=p2`;
    return send(res, page);
  }
  if (url.pathname === '/admin/directory/v1/users') {
    const second = url.searchParams.get('pageToken') === 'Q0FFU0pBMUZqWVdSbFF';
    if (second && throttleOnce('google', res)) return;
    return send(res, json(`google/google-directory-users-2026-06-30-page-${second ? 2 : 1}.json`));
  }
  res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const HR: SourceConfig = {
  name: 'hr', kind: 'hr-csv', path: 'hr/people.csv',
  options: { columns: { id: 'Employee ID', firstName: 'First Name', lastName: 'Last Name', email: 'Work Email', startDate: 'Start Date', endDate: 'Termination Date', workerType: 'Worker Type', department: 'Department', rehire: 'Rehire' } },
};
const ENV = { OKTA_TOKEN: 'okta-token', GRAPH_TOKEN: 'graph-token', GOOGLE_TOKEN: 'google-token' };
const live = (): Record<string, SourceConfig> => ({
  okta: { name: 'okta-users', kind: 'okta-users', options: { orgUrl: base, tokenEnv: 'OKTA_TOKEN', limit: 4 } },
  entra: { name: 'entra-users', kind: 'entra-users', options: { graphUrl: base, tokenEnv: 'GRAPH_TOKEN' } },
  google: { name: 'google-users', kind: 'google-directory-users', options: { live: true, baseUrl: base, tokenEnv: 'GOOGLE_TOKEN', maxResults: 5 } },
});
const TAKEN = new Date('2026-06-30T18:00:00.000Z');

for (const dialect of TEST_DIALECTS) {
  describe(`identity rosters from the live APIs (${dialect})`, () => {
    for (const provider of ['okta', 'entra', 'google'] as const) {
      it(`${provider}: pages through the roster, waits out a 429, dates the roster by the fetch, and keeps each fetch as its own roster`, async () => {
        const t = await openTestStore(dialect);
        try {
          seen.length = 0;
          throttled.clear();
          cpSync(join(FIXTURES, 'hr'), join(t.dir, 'hr'), { recursive: true });
          const source = live()[provider];
          const [hr, out] = await collectSources({ workspaceDir: t.dir, timezone: 'America/New_York', sources: [HR, source], store: t.store, env: ENV, now: () => TAKEN });
          expect(hr.error).toBeUndefined();
          expect(out.error, out.error?.message).toBeUndefined();
          expect(out.status).toBe('collected');
          // Several pages: the roster pages, and for Okta one factors response per user.
          const pages = { okta: 3 + 10, entra: 3 + 1, google: 2 }[provider];
          expect(out.artifacts).toHaveLength(pages);
          expect(out.artifacts[0].name).toContain('(snapshot 2026-06-30T18:00:00.000Z, page 1)');
          expect(seen.filter((s) => s.auth === undefined)).toEqual([]);
          // The throttled page was asked for twice.
          expect(seen.length).toBe(pages + 1);

          let records = await t.store.loadRecords();
          expect(records.account).toHaveLength(10);
          expect(new Set(records.account?.map((a) => a.snapshotAt))).toEqual(new Set(['2026-06-30T18:00:00.000Z']));
          expect(records.account_mfa?.filter((m) => !m.enrolled).length).toBe(3);
          const ctx = { period: { from: '2026-04-01', to: '2026-06-30' }, timezone: 'America/New_York', params: {}, records, asOf: '2026-06-30', workspace: { identity: { breakGlassAccounts: ['breakglass@acme.example'], serviceAccounts: ['svc-deploy@acme.example'] } } };
          const recon = builtInChecks['access.reconciliation'].run(ctx);
          expect(recon.exceptions.map((e) => `${e.rule} ${e.subject}`).sort()).toEqual(['reconcile.leaver_active dave@acme.example', 'reconcile.no_account harry@acme.example']);
          const mfa = builtInChecks['access.mfa-sso'].run(ctx);
          expect(mfa.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['mfa.not_enrolled erin@acme.example']);

          // A week later the same answers are a new roster (history), not "unchanged".
          const [again] = await collectSources({ workspaceDir: t.dir, timezone: 'America/New_York', sources: [source], store: t.store, env: ENV, now: () => new Date('2026-07-07T18:00:00.000Z') });
          expect(again.status).toBe('collected');
          records = await t.store.loadRecords();
          expect(records.account).toHaveLength(20);
          // The check on 30 June still reads the 30 June roster.
          expect(builtInChecks['access.reconciliation'].run({ ...ctx, records }).notes?.join(' ')).toContain('taken 2026-06-30T18:00:00.000Z');
        } finally {
          await t.dispose();
        }
      });
    }

    it('entra-sign-ins: follows @odata.nextLink through the beta sign-in log with the window as a filter', async () => {
      const t = await openTestStore(dialect);
      try {
        seen.length = 0;
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, env: ENV, sources: [{ name: 'entra-sign-ins', kind: 'entra-sign-ins', options: { graphUrl: base, since: '2026-04-01T00:00:00Z', until: '2026-07-01T00:00:00Z' } }] });
        expect(out.error, out.error?.message).toBeUndefined();
        expect(out.artifacts.map((a) => a.records)).toEqual([5, 3]);
        expect(new URL(seen[0].path, base).searchParams.get('$filter')).toBe('createdDateTime ge 2026-04-01T00:00:00Z and createdDateTime lt 2026-07-01T00:00:00Z');
        const records = await t.store.loadRecords(['sign_in']);
        expect(records.sign_in?.filter((s) => s.accountType === 'service').map((s) => s.account)).toEqual(['acme-ci-deployer']);
      } finally {
        await t.dispose();
      }
    });

    it('a rejected token is API_FAILED naming the variable and the permission; a missing one is SOURCE_BAD_OPTIONS', async () => {
      const t = await openTestStore(dialect);
      try {
        const [bad] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, env: { GRAPH_TOKEN: 'wrong' }, sources: [live().entra] });
        expect(bad.error).toMatchObject({ code: 'API_FAILED' });
        expect(bad.error?.hint).toMatch(/GRAPH_TOKEN.*User\.Read\.All/);
        const [missing] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, env: {}, sources: [live().google] });
        expect(missing.error).toMatchObject({ code: 'SOURCE_BAD_OPTIONS' });
        expect(missing.error?.message).toContain('GOOGLE_TOKEN');
        expect(await t.store.ledger()).toHaveLength(0);
      } finally {
        await t.dispose();
      }
    });
  });
}
