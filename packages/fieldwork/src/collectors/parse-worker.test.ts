import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';

const here = dirname(fileURLToPath(import.meta.url));
// The worker's thread file exists only in the build (`npm test` runs `tsc -b` first), so the
// collect under test is the built one; the stores are the sources'.
const built = join(here, '../../dist/collectors/collect-sources.js');
const fixture = join(here, '../../../../fixtures/third-party/otel/otlp-trace.example.json');

describe('the parse worker (FIELDWORK_PARSE_WORKER)', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const t of stores.splice(0)) await t.dispose();
  });

  it('stores the same records, in the same order, as the main thread does', async () => {
    expect(existsSync(built), `${built} is missing: run \`npx tsc -b\` first`).toBe(true);
    const { collectSources } = (await import(built)) as typeof import('./collect-sources.js');
    const collect = async (worker: boolean) => {
      const t = await openTestStore('sqlite');
      stores.push(t);
      copyFileSync(fixture, join(t.dir, 'traces.json'));
      vi.stubEnv('FIELDWORK_PARSE_WORKER', worker ? 'always' : '0');
      const out = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, sources: [{ name: 'traces', kind: 'otlp-json', path: 'traces.json' }] });
      vi.unstubAllEnvs();
      expect(out[0].status).toBe('collected');
      const kinds = Object.keys(out[0].artifacts[0].populations ?? {}).sort();
      return { outcome: out[0].artifacts[0], kinds, records: await t.store.loadRecords(kinds) };
    };
    const main = await collect(false);
    const worker = await collect(true);
    expect(main.kinds.length).toBeGreaterThan(0);
    expect(worker.kinds).toEqual(main.kinds);
    expect(worker.outcome.records).toBe(main.outcome.records);
    expect(worker.outcome.sha256).toBe(main.outcome.sha256);
    expect(JSON.stringify(worker.records)).toBe(JSON.stringify(main.records));
  });
});

/** `n` lines of OTLP JSON Lines, each one trace (root agent span, a chat, a tool call with a credential): a few MB at n = 4,000. */
function traceLines(n: number): string[] {
  const hex = (i: number, len: number) => i.toString(16).padStart(len, '0');
  const kv = (o: Record<string, string | number>) => Object.entries(o).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } }));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const traceId = hex(i + 1, 32);
    const root = hex(3 * i + 1, 16);
    const t = 1775000000000 + i * 1000;
    const span = (spanId: string, name: string, attrs: Record<string, string | number>, parent?: string) => ({
      traceId, spanId, ...(parent ? { parentSpanId: parent } : {}), name, kind: 1, startTimeUnixNano: `${t}000000`, endTimeUnixNano: `${t + 500}000000`, attributes: kv(attrs), status: {},
    });
    const spans = [
      span(hex(3 * i + 2, 16), 'chat gpt-5', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-5', 'gen_ai.usage.input_tokens': 100 + i }, root),
      span(hex(3 * i + 3, 16), 'execute_tool crm.lookup', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'crm.lookup', 'app.authz.subject': `u-${i % 7}`, 'app.authz.credential_id': `tok-${i}`, 'app.note': 'ü'.repeat(i % 5) }, root),
      span(root, 'invoke_agent relay', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'relay', 'tenant.id': `t${i % 3}`, 'enduser.id': `u-${i % 7}` }),
    ];
    lines.push(JSON.stringify({ resourceSpans: [{ resource: { attributes: kv({ 'service.name': 'relay-agent' }) }, scopeSpans: [{ scope: { name: 't' }, spans }] }] }));
  }
  return lines;
}

describe('the parse worker reads its input through the main thread', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const t of stores.splice(0)) await t.dispose();
  });

  /** Collects `bytes` as otlp-json on the main thread, then in the worker (the built collect); both outcomes and the records. */
  async function both(bytes: Buffer) {
    expect(existsSync(built), `${built} is missing: run \`npx tsc -b\` first`).toBe(true);
    const { collectSources } = (await import(built)) as typeof import('./collect-sources.js');
    const collect = async (worker: boolean) => {
      const t = await openTestStore('sqlite');
      stores.push(t);
      writeFileSync(join(t.dir, 'traces.jsonl'), bytes);
      vi.stubEnv('FIELDWORK_PARSE_WORKER', worker ? 'always' : '0');
      const [o] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, sources: [{ name: 'traces', kind: 'otlp-json', path: 'traces.jsonl' }] });
      vi.unstubAllEnvs();
      const a = o.artifacts[0];
      const kinds = Object.keys(a.populations ?? {}).sort();
      return { status: o.status, error: o.error && { code: o.error.code, message: o.error.message, where: o.error.where }, records: a.records, ledger: (await t.store.ledger()).map((e) => e.recordsDigest), stored: JSON.stringify(await t.store.loadRecords(kinds)) };
    };
    return { main: await collect(false), worker: await collect(true) };
  }

  it('a multi-chunk export (flow control across several MB): the same records, in the same order', async () => {
    const text = `${traceLines(6000).join('\n')}\n`;
    expect(text.length).toBeGreaterThan(5 * (1 << 20));
    const { main, worker } = await both(Buffer.from(text));
    expect(main.status).toBe('collected');
    expect(main.records).toBeGreaterThan(6000);
    expect(worker).toEqual(main);
  });

  it('bytes the text guard refuses, past the first chunks: the same error, naming the file and line', async () => {
    const lines = traceLines(4000);
    const bad = 3500;
    for (const [what, bytes] of [
      ['a NUL byte', Buffer.concat([Buffer.from(`${lines.slice(0, bad).join('\n')}\n{"resourceSpans":[]`), Buffer.from([0]), Buffer.from(`}\n${lines.slice(bad).join('\n')}\n`)])],
      ['bad UTF-8', Buffer.concat([Buffer.from(`${lines.slice(0, bad).join('\n')}\n{"resourceSpans":[],"x":"`), Buffer.from([0xc3, 0x28]), Buffer.from(`"}\n${lines.slice(bad).join('\n')}\n`)])],
    ] as const) {
      const { main, worker } = await both(bytes);
      expect(main.status, what).toBe('failed');
      expect(main.error, what).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'traces.jsonl', line: bad + 1 } });
      expect(worker, what).toEqual(main);
    }
  });

  it('a broken JSON line past the first chunks: the same error, naming the file and line', async () => {
    const lines = traceLines(4000);
    lines[3200] = lines[3200].slice(0, -5);
    const { main, worker } = await both(Buffer.from(`${lines.join('\n')}\n`));
    expect(main.status).toBe('failed');
    expect(main.error).toMatchObject({ where: { file: 'traces.jsonl', line: 3201 } });
    expect(worker).toEqual(main);
  });
});
