import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/index.js';
import { auditTypeTwo } from '../pipeline/audit-workspace.js';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import type { FieldworkStore } from '../store/index.js';
import { openWorkspaceStore, TEST_DIALECTS } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';
import { AUTH_COOKIE } from './authenticate.js';
import { fastReads } from './fast-reads.js';
import { createServerApp } from './server-app.js';
import { ServerContext } from './server-context.js';
import type { AuthMode } from './server-context.js';
import { createToken } from './server-tokens.js';
import { startServer } from './start-server.js';

const NOW = () => new Date('2026-10-15T17:00:00Z');

interface Answer { status: number; headers: string[]; body: string }

/** One request on its own connection; `headers` as raw pairs (Host included); the answer's headers as sent (Date dropped) and its whole body. */
function send(port: number, method: string, path: string, headers: string[] = []): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const raw: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() !== 'date') raw.push(`${res.rawHeaders[i].toLowerCase()}: ${res.rawHeaders[i + 1]}`);
        resolve({ status: res.statusCode ?? 0, headers: raw, body: Buffer.concat(parts).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same app twice: Hono alone, and the fast read path in front of it (recording whether it answered). */
async function pair(options: ConstructorParameters<typeof ServerContext>[0]): Promise<{ hono: Server; fast: Server; answered: boolean[]; close(): Promise<void> }> {
  const plainApp = createServerApp(options);
  const hono = createServer(getRequestListener(plainApp.fetch));
  const ctx = new ServerContext(options);
  const fastApp = getRequestListener(createServerApp(options, ctx).fetch);
  const read = fastReads(ctx);
  const answered: boolean[] = [];
  const fast = createServer((req, res) => {
    void read(req, res).then((done) => {
      answered.push(done);
      if (!done) void fastApp(req, res);
    });
  });
  await Promise.all([hono, fast].map((s) => new Promise<void>((done) => s.listen(0, '127.0.0.1', done))));
  return { hono, fast, answered, close: async () => { await Promise.all([hono, fast].map((s) => new Promise((done) => { s.closeAllConnections(); s.close(done); }))); } };
}

const portOf = (s: Server) => (s.address() as AddressInfo).port;

// The Host header carries each server's own port, so it is rewritten to compare the two answers.
const samePort = (a: Answer, from: number, to: number): Answer => ({ ...a, headers: a.headers.map((h) => h.replaceAll(`:${from}`, `:${to}`)), body: a.body.replaceAll(`:${from}`, `:${to}`) });

for (const dialect of TEST_DIALECTS) {
  describe(`the fast read path answers as the Hono app does (${dialect})`, () => {
    const auditor = createToken();
    let root: string;
    let dir: string;
    let store: FieldworkStore;
    let dropSchema: (() => Promise<void>) | undefined;
    let tokens: Awaited<ReturnType<typeof pair>>;
    let local: Awaited<ReturnType<typeof pair>>;
    let withException: string;
    const bearer = ['authorization', `Bearer ${auditor.token}`];

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'fw-fast-'));
      dir = join(root, 'demo');
      generateDemo(dir, 1);
      const file = join(dir, 'fieldwork.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nserver:\n  tokens:\n    - { name: auditor-user, role: auditor, sha256: ${auditor.sha256} }\n`);
      const ws = loadWorkspace(dir);
      ({ store, drop: dropSchema } = await openWorkspaceStore(dir, dialect));
      await collectWorkspace(ws, store);
      const run = await checkWorkspace(ws, store, {}, NOW());
      withException = [...run.results].sort((a, b) => b.exceptions.length - a.exceptions.length)[0].control;
      expect(run.results.find((r) => r.control === withException)!.exceptions.length).toBeGreaterThan(1);
      await auditTypeTwo(ws, store, {});
      const auth: AuthMode = { mode: 'tokens', tokens: [] };
      tokens = await pair({ workspaceDir: dir, store, auth, now: NOW });
      local = await pair({ workspaceDir: dir, store, auth: { mode: 'insecure-local' }, now: NOW });
    }, 300_000);

    afterAll(async () => {
      await tokens?.close();
      await local?.close();
      await store?.close();
      await dropSchema?.();
      rmSync(root, { recursive: true, force: true });
    });

    const compare = async (servers: Awaited<ReturnType<typeof pair>>, method: string, path: string, headers: string[] = [], hostOverride?: string) => {
      const [h, f] = [portOf(servers.hono), portOf(servers.fast)];
      const withHost = (port: number) => ['host', hostOverride ?? `127.0.0.1:${port}`, ...headers];
      const before = servers.answered.length;
      const expected = await send(h, method, path, withHost(h));
      const actual = await send(f, method, path, withHost(f));
      expect(samePort(actual, f, h)).toEqual(expected);
      return { expected, fast: servers.answered.slice(before).some(Boolean) };
    };

    it('sends the same status, headers and bytes for ledger pages: first, by cursor, legacy `after`, last, and HEAD', async () => {
      const first = await compare(tokens, 'GET', '/api/ledger?limit=5', bearer);
      expect(first.expected.status).toBe(200);
      expect(first.fast).toBe(true);
      expect(first.expected.headers).toEqual(expect.arrayContaining(['cache-control: no-store', 'x-content-type-options: nosniff', 'referrer-policy: same-origin', 'content-type: application/json']));
      const next = JSON.parse(first.expected.body).next as string;
      expect((await compare(tokens, 'GET', `/api/ledger?limit=5&cursor=${next}`, bearer)).fast).toBe(true);
      expect((await compare(tokens, 'GET', '/api/ledger?after=3&limit=2', bearer)).fast).toBe(true);
      expect((await compare(tokens, 'GET', '/api/ledger', bearer)).fast).toBe(true);
      const head = await compare(tokens, 'HEAD', '/api/ledger?limit=5', bearer);
      expect(head.fast).toBe(true);
      expect(head.expected.body).toBe('');
    });

    it('sends the same streamed check run, its pages, one control’s exceptions, the audit and the controls', async () => {
      for (const path of ['/api/check/latest', '/api/check/latest?limit=3', `/api/check/latest/exceptions?control=${withException}&limit=1`, '/api/audit/latest', '/api/audit/latest?limit=4', '/api/controls', '/api/controls?limit=7']) {
        const r = await compare(tokens, 'GET', path, bearer);
        expect(r.expected.status, path).toBe(200);
        expect(r.fast, path).toBe(true);
        const page = JSON.parse(r.expected.body) as { next?: string };
        if (page.next) expect(r.expected.headers.some((h) => h.startsWith('link: <') && h.includes(page.next!)), path).toBe(true);
        if (page.next) {
          const sep = path.includes('?') ? '&' : '?';
          expect((await compare(tokens, 'GET', `${path}${sep}cursor=${page.next}`, bearer)).fast, path).toBe(true);
        }
      }
      const head = await compare(tokens, 'HEAD', '/api/check/latest?limit=3', bearer);
      expect(head.fast).toBe(true);
    });

    it('signs in by cookie as Hono does, and percent-encoded queries read the same', async () => {
      const cookie = ['cookie', `other=1; ${AUTH_COOKIE}=${auditor.token}`];
      expect((await compare(tokens, 'GET', '/api/ledger?limit=3', cookie)).fast).toBe(true);
      const r = await compare(tokens, 'GET', '/api/ledger?li%6Dit=4&x=a+b', bearer);
      expect(r.expected.status).toBe(200);
      expect(JSON.parse(r.expected.body).entries).toHaveLength(4);
    });

    it('leaves every refusal and error to Hono: no token, a bad token or header, a bad cursor or limit, nothing stored, a doubled header', async () => {
      const cases: [string, string, string[]][] = [
        ['GET', '/api/ledger?limit=5', []],
        ['HEAD', '/api/ledger?limit=5', []],
        ['GET', '/api/ledger?limit=5', ['authorization', 'Bearer fwk_not_a_real_token_000000000000']],
        ['GET', '/api/ledger?limit=5', ['authorization', 'Basic abc']],
        ['GET', '/api/ledger?limit=5', ['cookie', `${AUTH_COOKIE}=fwk_not_a_real_token_000000000000`]],
        ['GET', '/api/ledger?cursor=zz', bearer],
        ['GET', '/api/ledger?cursor=WyJjb250cm9scyIsIkFDQy0wMiJd', bearer],
        ['GET', '/api/ledger?limit=0', bearer],
        ['GET', '/api/ledger?after=1&cursor=WyJsZWRnZXIiLDJd', bearer],
        ['GET', '/api/check/latest?cursor=WyJjaGVjayIsWzk5OTksIkFDQy0wMSJdXQ', bearer],
        ['GET', '/api/check/latest/exceptions?control=NOPE', bearer],
        ['GET', '/api/audit/latest?type=1', bearer],
        ['GET', '/api/audit/latest?type=3', bearer],
        ['GET', '/api/ledger/', bearer],
        ['GET', '/api/ledger?limit=5', [...bearer, 'authorization', 'Bearer fwk_second']],
        ['GET', '/api/ledger?limit=5', ['authorization', 'Bearer fwk_first', ...bearer]],
        ['POST', '/api/ledger', bearer],
      ];
      for (const [method, path, headers] of cases) {
        const r = await compare(tokens, method, path, headers);
        expect(r.expected.status, `${method} ${path} ${headers.join(' ')}`).toBeGreaterThanOrEqual(400);
        expect(r.fast, `${method} ${path}`).toBe(false);
      }
    });

    it('on an --insecure-local server answers loopback Hosts and leaves foreign ones to Hono’s 403', async () => {
      expect((await compare(local, 'GET', '/api/ledger?limit=2')).fast).toBe(true);
      const foreign = await compare(local, 'GET', '/api/ledger?limit=2', [], 'evil.example:80');
      expect(foreign.expected.status).toBe(403);
      expect(foreign.fast).toBe(false);
    });

    it('keeps one keep-alive connection usable across fast and Hono answers (startServer wiring)', async () => {
      const server = await startServer({ workspaceDir: dir, store, auth: { mode: 'tokens', tokens: [] }, now: NOW }, { port: 0, host: '127.0.0.1' });
      try {
        const { Agent } = await import('node:http');
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const sockets = new Set<unknown>();
        for (const path of ['/api/ledger?limit=3', '/api/health', '/api/check/latest?limit=2', '/api/ledger?cursor=zz', '/api/whoami', '/api/ledger?limit=3']) {
          const status = await new Promise<number>((resolve, reject) => {
            const req = request(`${server.url}${path}`, { agent, headers: { authorization: `Bearer ${auditor.token}` } }, (res) => {
              sockets.add(res.socket);
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end();
          });
          expect(status, path).toBe(path.includes('zz') ? 422 : 200);
        }
        expect(sockets.size).toBe(1);
        agent.destroy();
      } finally {
        await server.close();
      }
    });
  });
}
