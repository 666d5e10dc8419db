import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseWorkspace } from '../../workspace/index.js';
import { FieldworkStore } from '../../store/index.js';
import { runCli } from '../program.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await runCli(args), stdout };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function probesIn(dir: string) {
  const store = await FieldworkStore.open(FieldworkStore.locationFor(dir, {}));
  try {
    return { records: (await store.loadRecords(['isolation_probe'])).isolation_probe ?? [], ledger: await store.ledger() };
  } finally {
    await store.close();
  }
}

describe('fieldwork init writes the incident taxonomy', () => {
  it('adds a valid incidents: section with the agent categories and their OWASP ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-init-'));
    expect((await cli(['init', '--yes', '--workspace', dir])).code).toBe(0);
    const text = readFileSync(join(dir, 'fieldwork.yaml'), 'utf8');
    expect(text).toMatch(/^# Fieldwork workspace/);
    const ws = parseWorkspace(text, 'fieldwork.yaml') as { incidents?: { taxonomy: { id: string; owaspLlm: string[] }[] } };
    const byId = new Map(ws.incidents?.taxonomy.map((c) => [c.id, c.owaspLlm]));
    expect(byId.get('agent-unauthorized-action')).toEqual(['LLM06']);
    expect(byId.get('cross-tenant-exposure')).toEqual(['LLM02', 'LLM08']);
    expect(byId.get('prompt-injection')).toEqual(['LLM01']);
    expect(byId.get('system-prompt-leak')).toEqual(['LLM07']);
  });
});

describe('fieldwork probe memory', () => {
  it('runs the memory adapter, prints the run and stores it as evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-probe-'));
    await cli(['init', '--yes', '--workspace', dir]);
    const r = await cli(['probe', 'memory', '--adapter', 'memory', '--json', '--workspace', dir]);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ format: 'fieldwork-isolation-probe/1', adapter: 'memory', passed: true, tenants: ['fieldwork-probe-a', 'fieldwork-probe-b'] });
    const { records, ledger } = await probesIn(dir);
    expect(records).toMatchObject([{ runId: run.runId, passed: true, source: 'isolation-probe', locator: '/' }]);
    expect(ledger.at(-1)).toMatchObject({ kind: 'isolation-probe-json', source: 'isolation-probe' });
    expect((await cli(['verify', '--workspace', dir])).code).toBe(0);
  });

  it('stores an in-process run as a self-test, which AGT-05 does not count as evidence of the platform', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-probe-self-'));
    await cli(['init', '--yes', '--workspace', dir]);
    const r = await cli(['probe', 'memory', '--adapter', 'memory', '--json', '--workspace', dir]);
    expect(JSON.parse(r.stdout)).toMatchObject({ passed: true, selfTest: true });
    expect((await probesIn(dir)).records).toMatchObject([{ passed: true, selfTest: true }]);
    const agt05 = JSON.parse((await cli(['check', '--json', '--all', '--workspace', dir])).stdout).results.find((x: { check: string }) => x.check === 'agent.tenant-isolation');
    // Nothing is left to judge once the self-test is set aside: insufficient evidence, saying why.
    expect(agt05).toMatchObject({ control: 'AGT-05', status: 'insufficient_evidence', population: 0, exceptions: [] });
    expect(agt05.notes.join(' ')).toMatch(/self-test probe run\(s\) .* do not count as evidence of the platform/);
  });

  it('exits 1 and stores the failed run when the platform API leaks', async () => {
    const rows = new Map<string, string>();
    const server = createServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += c;
      const id = decodeURIComponent(req.url?.split('/').pop() ?? '');
      if (req.method === 'POST' && req.url === '/m') rows.set(JSON.parse(body).id, JSON.parse(body).text);
      if (req.method === 'DELETE') rows.delete(id);
      if (req.method === 'PUT') rows.set(id, JSON.parse(body).text);
      const out = req.method === 'GET' ? rows.get(id) : [...rows.values()].join('\n');
      res.writeHead(req.method === 'GET' && out === undefined ? 404 : 200).end(out ?? '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'fw-probe-http-'));
      await cli(['init', '--yes', '--workspace', dir]);
      const port = (server.address() as AddressInfo).port;
      appendFileSync(join(dir, 'fieldwork.yaml'), `probe:
  adapter: http
  source: platform-probe
  store: platform-memory
  baseUrl: http://127.0.0.1:${port}
  write: { path: /m, body: { id: "{{id}}", text: "{{text}}" } }
  query: { path: /search, body: { q: "{{text}}" } }
  get: { path: "/m/{{id}}" }
  update: { path: "/m/{{id}}", body: { text: "{{text}}" } }
  delete: { path: "/m/{{id}}" }
`);
      const r = await cli(['probe', 'memory', '--workspace', dir]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/FAILED platform-memory via http/);
      const { records } = await probesIn(dir);
      expect(records[0]).toMatchObject({ store: 'platform-memory', adapter: 'http', passed: false, source: 'platform-probe' });
    } finally {
      server.close();
    }
  });

  it('names the missing setting of the chosen adapter (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-probe-bad-'));
    await cli(['init', '--yes', '--workspace', dir]);
    expect((await cli(['probe', 'memory', '--adapter', 'http', '--workspace', dir])).code).toBe(2);
  });
});
