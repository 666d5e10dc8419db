import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { createServerApp } from './server-app.js';
import { createToken } from './server-tokens.js';
import { startServer } from './start-server.js';

const HR = 'employeeNumber,firstName,lastName,workEmail,hireDate,terminationDate,status\n1,Ada,Okafor,ada@x.ai,2024-01-01,2026-05-08,Inactive\n';

// A small workspace with one HR export; the owner signs in with a token.
function workspace(dir: string): void {
  mkdirSync(join(dir, 'hr'), { recursive: true });
  writeFileSync(join(dir, 'hr', 'employees.csv'), HR);
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Hardening Test', 'timezone: UTC', 'scope:', '  categories: [security]',
    '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai }',
    'sources:', '  - { name: hr, kind: bamboohr-csv, path: hr/employees.csv }', '',
  ].join('\n'));
}

/** One raw HTTP exchange over loopback, so a test controls Content-Length and streams the body. */
function rawPost(url: string, o: { headers: Record<string, string>; chunk?: Buffer; totalBytes?: number }): Promise<{ status: number; sent: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: o.headers }, (res) => {
      answered = true;
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sent, headers: res.headers });
      });
    });
    // The server may close the socket once it has answered; what matters is its answer.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && o.chunk && sent < (o.totalBytes ?? 0)) {
        sent += o.chunk.length;
        if (!req.write(o.chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    if (o.chunk) pump();
    else req.flushHeaders();
  });
}

describe('fieldwork serve hardening', () => {
  const owner = createToken();
  let t: TestStore;
  let clock = new Date('2026-10-15T17:00:00Z');
  let app: ReturnType<typeof createServerApp>;
  const auth = { headers: { authorization: `Bearer ${owner.token}` } };

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    workspace(t.dir);
    app = createServerApp({
      workspaceDir: t.dir, store: t.store, auth: { mode: 'tokens', tokens: [{ name: 'owner', role: 'owner', sha256: owner.sha256 }] },
      now: () => clock, loginRateLimit: { maxFailures: 3, windowMs: 60_000 },
    });
  });
  afterAll(async () => t?.dispose());

  const login = (next: string, token = owner.token) => app.request('/login', { method: 'POST', body: new URLSearchParams({ token, next }) });

  it('sends a signed-in browser only to paths on this server, whatever `next` says', async () => {
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '//evil.example', '/\\evil.example', '\\\\evil.example', 'https://evil.example/', ' /x', '/\u0000x', '/\u2028/evil.example']) {
      const res = await login(next);
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(next)).toBe('/');
    }
    expect((await login('/controls/HR-05?tab=audit')).headers.get('location')).toBe('/controls/HR-05?tab=audit');
    expect((await login('/plan/é')).headers.get('location')).toBe('/plan/%C3%A9');
    expect((await login('/ /evil.example')).headers.get('location')).toBe('/%20/evil.example');
    // The reported case: the login form itself must not carry the foreign target forward.
    const form = await (await app.request('/login?next=/%09/evil.example')).text();
    expect(form).toContain('name="next" value="/"');
  });

  it('answers a newline or a control character in `next` with a page, not a 500', async () => {
    for (const q of ['/%0d%0aSet-Cookie:%20x=1', '/%0a', '/%E2%80%A8', '%ZZ', '/%C0']) {
      const res = await app.request(`/login?next=${q}`);
      expect(res.status, q).toBe(200);
    }
    const res = await login('/a\r\nSet-Cookie: x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).not.toContain('x=1');
  });

  it('refuses an oversized body with 413 before authentication, per route', async () => {
    const big = (n: number) => 'x'.repeat(n);
    const collect = await app.request('/api/collect', { method: 'POST', body: JSON.stringify({ sources: [big(20_000)] }), headers: { 'content-type': 'application/json' } });
    expect(collect.status).toBe(413);
    expect(await collect.json()).toEqual({ error: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }) });
    // The same body size is fine on a route that takes it: the limit is the route's, not global.
    const small = await app.request('/api/collect', { method: 'POST', body: JSON.stringify({ sources: ['hr'], pad: undefined }), ...auth });
    expect(small.status).toBe(200);
    expect((await app.request('/login', { method: 'POST', body: new URLSearchParams({ token: big(5000), next: '/' }) })).status).toBe(413);
    expect((await app.request('/actions/check', { method: 'POST', body: big(2048), ...auth })).status).toBe(413);
  });

  it('limits failed sign-ins per client, refusing even the right token while locked out', async () => {
    clock = new Date('2026-10-15T18:00:00Z');
    for (let i = 0; i < 3; i++) expect((await login('/', `wrong-token-${i}-abcdefgh`)).status).toBe(401);
    const locked = await login('/');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('set-cookie')).toBeNull();
    clock = new Date('2026-10-15T18:01:01Z');
    const after = await login('/plan');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/plan');
    // A success clears the count: three more failures are needed to lock out again.
    expect((await login('/', 'wrong-token-again-abcdefgh')).status).toBe(401);
    expect((await login('/')).status).toBe(303);
    // Guesses sent all at once are counted as they arrive, not after each one has been answered.
    clock = new Date('2026-10-15T19:00:00Z');
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login('/', `parallel-guess-${i}-abcdefgh`)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(3);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(9);
  });

  it('marks every API answer and every artifact no-store', async () => {
    await app.request('/api/collect', { method: 'POST', ...auth });
    const [entry] = (await (await app.request('/api/ledger', auth)).json() as { entries: { artifact: string }[] }).entries;
    for (const path of ['/api/health', '/api/ledger', '/api/controls', `/api/artifacts/${entry.artifact}`, '/api/check/latest', '/api/nothing']) {
      const res = await app.request(path, auth);
      expect(res.headers.get('cache-control'), `${path} (${res.status})`).toBe('no-store');
    }
    expect((await app.request('/api/ledger')).headers.get('cache-control')).toBe('no-store');
  });

  it('answers malformed input with 400, not 500', async () => {
    clock = new Date('2026-10-15T20:00:00Z');
    const json = await app.request('/api/check', { method: 'POST', body: '{"from":', headers: { 'content-type': 'application/json' }, ...auth });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: expect.objectContaining({ code: 'INPUT_MALFORMED' }) });
    const multipart = await app.request('/login', { method: 'POST', body: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=y' } });
    expect(multipart.status).toBe(400);
    expect((await app.request('/api/ledger?after=%ZZ', auth)).status).toBe(422);
    expect((await app.request('/controls/%ZZ', auth)).status).toBe(404);
  });

  describe('on a real loopback server', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      server = await startServer({ workspaceDir: t.dir, store: t.store, auth: { mode: 'tokens', tokens: [] } }, { port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => server?.close(100));

    it('refuses a huge declared body at once, without waiting for or reading it', async () => {
      const started = Date.now();
      const res = await rawPost(`${server.url}/login`, { headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(600 * 1024 * 1024) } });
      expect(res.status).toBe(413);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('stops reading a streamed body at the limit: memory stays flat under a 96 MB POST', async () => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        const res = await rawPost(`${server.url}/login`, { headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }, chunk: Buffer.alloc(64 * 1024, 'a'), totalBytes: 96 * 1024 * 1024 });
        expect(res.status).toBe(413);
        expect(res.sent).toBeLessThan(96 * 1024 * 1024);
      } finally {
        clearInterval(sampler);
      }
      expect(peak - before).toBeLessThan(48 * 1024 * 1024);
    }, 60_000);
  });
});
