import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpProbeConfigSchema } from '../probe-config.js';
import { runProbe } from '../run-probe.js';
import { httpAdapter } from './http-adapter.js';

/**
 * A small memory API: POST /v1/memories, POST /v1/search, GET|PUT|DELETE /v1/memories/:id,
 * tenant from X-Tenant-Id. The leaky variant forgets the tenant everywhere but on writes.
 */
function memoryServer(leaky: boolean): Server {
  const rows = new Map<string, { tenant: string; text: string }>();
  return createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    const tenant = req.headers['x-tenant-id'];
    const send = (status: number, value?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    if (typeof tenant !== 'string' || tenant === '') return leaky ? send(200, { results: [...rows.values()].map((r) => ({ text: r.text })) }) : send(401, { error: 'tenant required' });
    if (req.headers.authorization !== 'Bearer s3cret') return send(403, { error: 'bad token' });
    const visible = (id: string) => {
      const r = rows.get(id);
      return r && (leaky || r.tenant === tenant) ? r : undefined;
    };
    const m = /^\/v1\/memories\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method === 'POST' && req.url === '/v1/memories') {
      const { id, text } = JSON.parse(body);
      rows.set(id, { tenant, text });
      return send(201, { id });
    }
    if (req.method === 'POST' && req.url === '/v1/search') {
      return send(200, { results: [...rows.values()].filter((r) => leaky || r.tenant === tenant).map((r) => ({ text: r.text })) });
    }
    if (m) {
      const id = decodeURIComponent(m[1]);
      const r = visible(id);
      if (!r) return send(404, { error: 'not found' });
      if (req.method === 'GET') return send(200, { id, text: r.text });
      if (req.method === 'PUT') {
        r.text = JSON.parse(body).text;
        return send(200, { id });
      }
      if (req.method === 'DELETE') {
        rows.delete(id);
        return send(204);
      }
    }
    send(500, { error: 'unexpected' });
  });
}

const servers: Record<'safe' | 'leaky', { server: Server; url: string }> = {} as never;
beforeAll(async () => {
  for (const kind of ['safe', 'leaky'] as const) {
    const server = memoryServer(kind === 'leaky');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers[kind] = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }
});
afterAll(() => Object.values(servers).forEach((s) => s.server.close()));

const config = (baseUrl: string) => httpProbeConfigSchema.parse({
  baseUrl,
  headers: { Authorization: 'Bearer ${PROBE_TOKEN}' },
  write: { path: '/v1/memories', body: { id: '{{id}}', text: '{{text}}', owner: '{{tenant}}' } },
  query: { path: '/v1/search', body: { query: '{{text}}', k: 5 } },
  get: { path: '/v1/memories/{{id}}' },
  update: { method: 'put', path: '/v1/memories/{{id}}', body: { text: '{{text}}' } },
  delete: { path: '/v1/memories/{{id}}' },
});
const env = { PROBE_TOKEN: 's3cret' };
const opts = { store: 'platform-memory', tenants: ['probe-a', 'probe-b', 'probe-c'], runId: 'http-1' };

describe('http adapter', () => {
  it('passes a tenant-scoped API: other tenants get 404, the no-tenant request 401', async () => {
    const run = await runProbe(httpAdapter(config(servers.safe.url), { env }), opts);
    expect(run).toMatchObject({ adapter: 'http', canaries: 3, leaks: 0, passed: true });
    expect(run.attempts).toHaveLength(3 * 2 * 4 + 1);
    expect(run.attempts.find((a) => a.op === 'get')).toMatchObject({ outcome: 'empty' });
    expect(run.attempts.find((a) => a.op === 'update')).toMatchObject({ outcome: 'denied', detail: 'HTTP 404' });
    expect(run.attempts.at(-1)).toMatchObject({ op: 'no_tenant', outcome: 'denied', detail: 'HTTP 401' });
  });

  it('detects the leaky variant on every operation and the no-tenant request', async () => {
    const run = await runProbe(httpAdapter(config(servers.leaky.url), { env }), opts);
    expect(run.passed).toBe(false);
    const leaked = new Set(run.attempts.filter((a) => a.outcome === 'leaked').map((a) => a.op));
    expect([...leaked].sort()).toEqual(['delete', 'get', 'no_tenant', 'query', 'update']);
  });

  it('a wrong credential leaves the canaries unplanted: an error, never a pass', async () => {
    const run = await runProbe(httpAdapter(config(servers.safe.url), { env: { PROBE_TOKEN: 'wrong' } }), opts);
    expect(run).toMatchObject({ canaries: 0, passed: false });
    expect(run.attempts[0].detail).toMatch(/HTTP 403/);
  });

  it('refuses a header that names an unset environment variable', () => {
    expect(() => httpAdapter(config(servers.safe.url), { env: {} })).toThrow(/PROBE_TOKEN/);
  });
});
