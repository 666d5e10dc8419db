import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRun, Control } from '@fieldwork/core';
import { generateDemo } from '../demo/index.js';
import { sha256 } from '../evidence/index.js';
import { auditTypeTwo } from '../pipeline/audit-workspace.js';
import { checkRunJson, checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import type { FieldworkStore } from '../store/index.js';
import { openWorkspaceStore, TEST_DIALECTS } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';
import { createServerApp } from './server-app.js';
import { createToken } from './server-tokens.js';
import { startServer } from './start-server.js';

const EVIL = 'Relay <script>alert(1)</script> Labs';
const NOW = () => new Date('2026-10-15T17:00:00Z');
const STATUSES = ['pass', 'exception', 'not_tested', 'insufficient_evidence'];

for (const dialect of TEST_DIALECTS) {
  describe(`fieldwork serve on the demo workspace (${dialect})`, () => {
    const tokens = { admin: createToken(), owner: createToken(), auditor: createToken() };
    let root: string;
    let dir: string;
    let store: FieldworkStore;
    let dropSchema: (() => Promise<void>) | undefined;
    let app: ReturnType<typeof createServerApp>;

    const as = (role: keyof typeof tokens, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${tokens[role].token}`, ...(init.headers as Record<string, string> | undefined) } });
    const json = async (path: string, role: keyof typeof tokens, init: RequestInit = {}) => {
      const res = await app.request(path, as(role, init));
      return { status: res.status, body: (await res.json()) as any };
    };

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'fw-serve-'));
      dir = join(root, 'demo');
      generateDemo(dir, 1);
      // An organization name carrying markup, and the three tokens by hash, as a user would write them.
      const file = join(dir, 'fieldwork.yaml');
      const yaml = readFileSync(file, 'utf8').replace(/^organization: .*$/m, `organization: ${JSON.stringify(EVIL)}`);
      const lines = Object.entries(tokens).map(([role, t]) => `    - { name: ${role}-user, role: ${role}, sha256: ${t.sha256} }`);
      writeFileSync(file, `${yaml}\nserver:\n  tokens:\n${lines.join('\n')}\n`);
      const ws = loadWorkspace(dir);
      ({ store, drop: dropSchema } = await openWorkspaceStore(dir, dialect));
      await collectWorkspace(ws, store);
      await checkWorkspace(ws, store, {}, NOW());
      await auditTypeTwo(ws, store, {});
      app = createServerApp({ workspaceDir: dir, store, auth: { mode: 'tokens', tokens: [] }, now: NOW });
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await dropSchema?.();
      rmSync(root, { recursive: true, force: true });
    });

    it('answers health without a token, and 401 with the JSON error shape without one elsewhere', async () => {
      const health = await app.request('/api/health');
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const res = await app.request('/api/check/latest');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'UNAUTHORIZED', message: expect.any(String) }) });
      const wrong = await app.request('/api/ledger', { headers: { authorization: `Bearer ${createToken().token}` } });
      expect(wrong.status).toBe(401);
      const hashAsToken = await app.request('/api/ledger', { headers: { authorization: `Bearer ${tokens.owner.sha256}` } });
      expect(hashAsToken.status).toBe(401);
    });

    it('sends a browser without a session to the login form', async () => {
      const res = await app.request('/controls/HR-05');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?next=%2Fcontrols%2FHR-05');
    });

    it('lets an auditor read every route and download evidence, but not run anything', async () => {
      for (const path of ['/api/controls', '/api/check/latest', '/api/audit/latest', '/api/ledger', '/api/verify', '/api/evidence-map', '/api/plan', '/', '/controls/HR-05', '/ledger', '/ledger/verify', '/plan', '/trends', '/api/trends']) {
        const res = await app.request(path, as('auditor'));
        expect(res.status, path).toBe(200);
      }
      for (const path of ['/api/check', '/api/collect']) {
        const denied = await json(path, 'auditor', { method: 'POST' });
        expect(denied.status, path).toBe(403);
        expect(denied.body.error).toEqual(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('auditor') }));
      }
      expect((await app.request('/actions/check', as('auditor', { method: 'POST' }))).status).toBe(403);
      const page = await (await app.request('/', as('auditor'))).text();
      expect(page).toContain('<b>auditor</b> (read-only)');
      expect(page).not.toContain('/actions/');
      expect((await json('/api/tokens', 'auditor')).status).toBe(403);
    });

    it('serves the latest stored check run in the check --json contract, without re-running it', async () => {
      const stored = await store.latestRun<CheckRun & { controls: Control[] }>('check');
      const { status, body } = await json('/api/check/latest', 'auditor');
      expect(status).toBe(200);
      expect(body).toEqual({ runId: stored!.id, createdAt: stored!.createdAt, ...JSON.parse(JSON.stringify(checkRunJson(stored!.data, stored!.data.controls))) });
      expect(body.period).toEqual({ from: '2026-04-01', to: '2026-09-30' });
      expect(body.results.length).toBeGreaterThan(20);
      for (const r of body.results) {
        expect(r).toEqual(expect.objectContaining({ control: expect.any(String), title: expect.any(String), population: expect.any(Number), exceptions: expect.any(Array) }));
        expect(STATUSES).toContain(r.status);
        for (const e of r.exceptions) {
          expect(e).toEqual(expect.objectContaining({ rule: expect.any(String), subject: expect.any(String), detail: expect.any(String) }));
          for (const c of e.citations) expect(c).toEqual({ artifact: expect.stringMatching(/^[0-9a-f]{64}$/), source: expect.any(String), locator: expect.any(String) });
        }
      }
      expect(body.results.some((r: any) => r.status === 'exception')).toBe(true);
      expect((await store.latestRun('check'))!.id).toBe(stored!.id);
    });

    it('returns the exact bytes of a cited artifact, with its recorded media type', async () => {
      const { body } = await json('/api/check/latest', 'auditor');
      const cited = body.results.flatMap((r: any) => r.exceptions).flatMap((e: any) => e.citations)[0];
      const res = await app.request(`/api/artifacts/${cited.artifact}`, as('auditor'));
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(sha256(bytes)).toBe(cited.artifact);
      const row = await store.db.selectFrom('artifacts').selectAll().where('sha256', '=', cited.artifact).executeTakeFirstOrThrow();
      expect(res.headers.get('content-type')).toBe(row.media_type ?? 'application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
      expect((await json('/api/artifacts/not-a-hash', 'auditor')).status).toBe(422);
      expect((await json(`/api/artifacts/${'0'.repeat(64)}`, 'auditor')).body.error.code).toBe('NOT_FOUND');
    });

    it('never serves prompt or trace content: those artifacts are kept by hash only (410)', async () => {
      const row = await store.db.selectFrom('artifacts').selectAll().where('retained', '=', 0).executeTakeFirstOrThrow();
      const res = await json(`/api/artifacts/${row.sha256}`, 'auditor');
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('NOT_RETAINED');
    });

    it('lets an owner run a check (a new run is stored) and re-collect (identical bytes add nothing)', async () => {
      const before = await store.latestRun('check');
      const ledgerBefore = (await store.ledger()).length;
      const ran = await json('/api/check', 'owner', { method: 'POST' });
      expect(ran.status).toBe(200);
      expect(ran.body.runId).toBeGreaterThan(before!.id);
      expect(ran.body.period).toEqual({ from: '2026-04-01', to: '2026-09-30' });
      expect((await store.latestRun('check'))!.id).toBe(ran.body.runId);
      const latest = (await json('/api/check/latest', 'auditor')).body;
      expect(latest).toEqual(ran.body);
      const collected = await json('/api/collect', 'owner', { method: 'POST' });
      expect(collected.status).toBe(200);
      expect(collected.body.ok).toBe(true);
      expect(collected.body.sources.every((s: any) => s.status === 'unchanged')).toBe(true);
      expect((await store.ledger()).length).toBe(ledgerBefore);
    });

    it('maps bad requests to 400/422 and unknown routes to 404, all in one JSON shape', async () => {
      const badDate = await json('/api/check', 'owner', { method: 'POST', body: JSON.stringify({ from: 'yesterday' }), headers: { 'content-type': 'application/json' } });
      expect(badDate.status).toBe(400);
      expect(badDate.body.error.code).toBe('USAGE');
      expect((await json('/api/check', 'owner', { method: 'POST', body: '{"from":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
      expect((await json('/api/collect', 'owner', { method: 'POST', body: JSON.stringify({ sources: ['no-such-source'] }) })).status).toBe(400);
      const missing = await json('/api/nothing-here', 'auditor');
      expect(missing).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 'NOT_FOUND' }) } });
      expect((await app.request('/controls/XYZ-99', as('auditor'))).status).toBe(404);
    });

    it('escapes markup from the workspace on every page', async () => {
      for (const path of ['/', '/controls/HR-05', '/ledger', '/plan']) {
        const html = await (await app.request(path, as('owner'))).text();
        expect(html, path).not.toContain('<script>alert(1)</script>');
        expect(html, path).toContain('Relay &lt;script&gt;alert(1)&lt;/script&gt; Labs');
      }
      // The value starts with `/`, so safeNext keeps it and it reaches the form's hidden field.
      const login = await (await app.request('/login?next=/%22%3E%3Cscript%3Ealert(1)%3C/script%3E')).text();
      expect(login).not.toContain('<script>alert(1)');
      expect(login).toContain('/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('shows a control with its cited exceptions and its mock-audit sample and trace', async () => {
      const html = await (await app.request('/controls/HR-05', as('auditor'))).text();
      expect(html).toContain('HR-05');
      expect(html).toMatch(/href="\/api\/artifacts\/[0-9a-f]{64}"/);
      expect(html).toContain('Mock audit');
      expect(html).toMatch(/seed <code>[0-9a-f]+<\/code>/);
    });

    it('signs a browser in with a token (HttpOnly cookie) and refuses a cross-origin post with it', async () => {
      const failed = await app.request('/login', { method: 'POST', body: new URLSearchParams({ token: 'wrong-token-value', next: '/' }) });
      expect(failed.status).toBe(401);
      const res = await app.request('/login', { method: 'POST', body: new URLSearchParams({ token: tokens.owner.token, next: '/plan' }) });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/plan');
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const session = cookie.split(';')[0];
      const page = await app.request('/', { headers: { cookie: session } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/actions/check');
      const offsite = await app.request('http://localhost/actions/check', { method: 'POST', headers: { cookie: session, origin: 'http://evil.example', host: 'localhost' } });
      expect(offsite.status).toBe(403);
      const open = await app.request('/login', { method: 'POST', body: new URLSearchParams({ token: tokens.owner.token, next: '//evil.example/' }) });
      expect(open.headers.get('location')).toBe('/');
    });

    it('runs a check from the dashboard form and shows the new run', async () => {
      const before = await store.latestRun('check');
      const res = await app.request('/actions/check', as('admin', { method: 'POST' }));
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      const after = await store.latestRun('check');
      expect(after!.id).toBeGreaterThan(before!.id);
      expect(location).toContain(`run=${after!.id}`);
      expect(await (await app.request(location, as('admin'))).text()).toContain(`Check run #${after!.id} stored`);
    });

    it('lists token names and roles to admins only, never the hashes', async () => {
      const { status, body } = await json('/api/tokens', 'admin');
      expect(status).toBe(200);
      expect(body.tokens.map((t: any) => t.role).sort()).toEqual(['admin', 'auditor', 'owner']);
      expect(JSON.stringify(body)).not.toContain(tokens.owner.sha256);
      expect((await json('/api/tokens', 'owner')).status).toBe(403);
    });

    it('treats everyone as admin on an --insecure-local server', async () => {
      const local = createServerApp({ workspaceDir: dir, store, auth: { mode: 'insecure-local' }, now: NOW });
      const res = await local.request('/api/whoami');
      expect(await res.json()).toEqual({ name: 'local', role: 'admin' });
    });

    it('works without htmx, and loads it only when the user placed it in .fieldwork/assets', async () => {
      const plain = await (await app.request('/', as('owner'))).text();
      expect(plain).not.toContain('<script');
      expect(plain).toContain('<form method="post" action="/actions/check">');
      expect((await app.request('/assets/htmx.min.js')).status).toBe(404);
      mkdirSync(join(dir, '.fieldwork', 'assets'), { recursive: true });
      writeFileSync(join(dir, '.fieldwork', 'assets', 'htmx.min.js'), '/* htmx */');
      const boosted = await (await app.request('/', as('owner'))).text();
      expect(boosted).toContain('<script src="/assets/htmx.min.js" defer="">');
      expect(boosted).toContain('hx-boost="true"');
      const js = await app.request('/assets/htmx.min.js');
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await js.text()).toBe('/* htmx */');
      rmSync(join(dir, '.fieldwork', 'assets'), { recursive: true, force: true });
    });

    it('listens on a real port', async () => {
      const server = await startServer({ workspaceDir: dir, store, auth: { mode: 'tokens', tokens: [] } }, { port: 0, host: '127.0.0.1' });
      try {
        const res = await fetch(`${server.url}/api/health`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: 'ok' });
      } finally {
        await server.close();
      }
    });
  });
}
