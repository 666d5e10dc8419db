import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { createServerApp } from './server-app.js';
import { startServer } from './start-server.js';

const HR = 'employeeNumber,firstName,lastName,workEmail,hireDate,terminationDate,status\n1,Ada,Okafor,ada@x.ai,2024-01-01,2026-05-08,Inactive\n';
const NOW = () => new Date('2026-10-15T17:00:00Z');

// A small workspace with one HR export, served without tokens.
function localWorkspace(dir: string): void {
  mkdirSync(join(dir, 'hr'), { recursive: true });
  writeFileSync(join(dir, 'hr', 'employees.csv'), HR);
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Local Test', 'timezone: America/Los_Angeles', 'scope:', '  categories: [security]',
    '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai }',
    'sources:', '  - { name: hr, kind: bamboohr-csv, path: hr/employees.csv }', '',
  ].join('\n'));
}

// node:http lets a test send any Host header, as a DNS-rebinding page's browser would.
function rawGet(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`fieldwork serve --insecure-local (${dialect})`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    const open = async () => {
      t = await openTestStore(dialect);
      localWorkspace(t.dir);
      return createServerApp({ workspaceDir: t.dir, store: t.store, auth: { mode: 'insecure-local' }, now: NOW });
    };

    it('collects from the dashboard and the API when the request comes from the page itself', async () => {
      const app = await open();
      const api = await app.request('http://127.0.0.1:8080/api/collect', { method: 'POST', headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' } });
      expect(api.status).toBe(200);
      expect(((await api.json()) as { sources: { status: string }[] }).sources.map((s) => s.status)).toEqual(['collected']);
      const form = await app.request('http://localhost:8080/actions/collect', { method: 'POST', headers: { host: 'localhost:8080', origin: 'http://localhost:8080' } });
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toContain('unchanged=1');
      const cli = await app.request('http://[::1]:8080/api/whoami', { headers: { host: '[::1]:8080' } });
      expect(await cli.json()).toEqual({ name: 'local', role: 'admin' });
      expect((await t.store.ledger()).length).toBe(1);
    });

    it('refuses a post from another website (Origin or Sec-Fetch-Site), and collects nothing', async () => {
      const app = await open();
      for (const headers of [
        { host: '127.0.0.1:8080', origin: 'http://evil.example' },
        { host: '127.0.0.1:8080', origin: 'null' },
        { host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' },
      ]) {
        const res = await app.request('http://127.0.0.1:8080/api/collect', { method: 'POST', headers });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('Cross-origin') }) });
        for (const path of ['/actions/collect', '/actions/check']) {
          expect((await app.request(`http://127.0.0.1:8080${path}`, { method: 'POST', headers })).status, path).toBe(403);
        }
      }
      expect(await t.store.ledger()).toEqual([]);
    });

    it('refuses a request whose Host is not this machine (DNS rebinding), reads included', async () => {
      const app = await open();
      await app.request('http://127.0.0.1:8080/api/collect', { method: 'POST', headers: { host: '127.0.0.1:8080' } });
      const [entry] = await t.store.ledger();
      expect(entry).toBeDefined();
      for (const path of [`/api/artifacts/${entry.artifact}`, '/api/ledger', '/']) {
        const res = await app.request(`http://rebind.evil.example:8080${path}`, { headers: { host: 'rebind.evil.example:8080', accept: 'application/json' } });
        expect(res.status, path).toBe(403);
        expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('rebind.evil.example') }) });
      }
      const post = await app.request('http://rebind.evil.example:8080/api/collect', { method: 'POST', headers: { host: 'rebind.evil.example:8080', origin: 'http://rebind.evil.example:8080' } });
      expect(post.status).toBe(403);
      expect((await app.request(`http://127.0.0.1:8080/api/artifacts/${entry.artifact}`, { headers: { host: '127.0.0.1:8080' } })).status).toBe(200);
    });

    it('on a real socket, answers only loopback names with the port it listens on', async () => {
      t = await openTestStore(dialect);
      localWorkspace(t.dir);
      const server = await startServer({ workspaceDir: t.dir, store: t.store, auth: { mode: 'insecure-local' } }, { port: 0, host: '127.0.0.1' });
      try {
        const whoami = `${server.url}/api/whoami`;
        expect((await fetch(whoami)).status).toBe(200);
        expect((await rawGet(whoami, `localhost:${server.port}`)).status).toBe(200);
        const foreign = await rawGet(whoami, `evil.example:${server.port}`);
        expect(foreign.status).toBe(403);
        expect(JSON.parse(foreign.body)).toEqual({ error: expect.objectContaining({ code: 'FORBIDDEN' }) });
        expect((await rawGet(whoami, `127.0.0.1:${server.port + 1}`)).status).toBe(403);
        expect((await rawGet(whoami, 'localhost')).status).toBe(403);
      } finally {
        await server.close();
      }
    });
  });
}
