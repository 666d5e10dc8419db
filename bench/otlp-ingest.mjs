#!/usr/bin/env node
/**
 * OTLP ingest throughput: spans/s of the otlp-json collector's parse against a bare read +
 * JSON.parse loop over the same JSONL file, with peak RSS, at two input sizes. Each run is a
 * separate process so peak memory is its own. Usage (after `npx tsc -b`):
 *   node bench/otlp-ingest.mjs [sizeMB ...]     (default: 50 200)
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.out');

/** A deterministic generator (mulberry32), so both sizes hold the same mix of spans. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `mb` megabytes of OTLP JSONL: agent traces (root, chat calls, tool calls with credentials, retrievals, HTTP spans), 1 in 4 chats with prompt text. */
async function generate(file, mb) {
  const r = rng(42);
  const hex = (n) => { let s = ''; while (s.length < n) s += Math.floor(r() * 16).toString(16); return s; };
  const kv = (o) => Object.entries(o).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : Array.isArray(v) ? { arrayValue: { values: v.map((x) => ({ stringValue: x })) } } : { stringValue: v } }));
  const ws = createWriteStream(file);
  let bytes = 0;
  let t = 1775000000000;
  while (bytes < mb * 1024 * 1024) {
    const spans = [];
    for (let i = 0; i < 20; i++) {
      const traceId = hex(32);
      const root = hex(16);
      const tenant = ['acme', 'globex', 'initech'][Math.floor(r() * 3)];
      const span = (name, attrs, kind = 1) => {
        const start = t; t += Math.floor(r() * 900) + 50;
        spans.push({ traceId, spanId: hex(16), parentSpanId: root, name, kind, startTimeUnixNano: `${start}000000`, endTimeUnixNano: `${t}000000`, attributes: kv(attrs), status: {} });
      };
      span('GET /v1/account', { 'http.request.method': 'GET', 'url.path': '/v1/account', 'http.response.status_code': 200 }, 3);
      span('chat gpt-5', { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-5', 'gen_ai.response.model': 'gpt-5-2025-08-07', 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 200,
        ...(r() < 0.25 ? { 'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order? It was supposed to arrive on Monday and the tracking page shows nothing since last week. Can you check it and tell me when it will arrive?' }] }]) } : {}) }, 3);
      span('execute_tool crm.lookup', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'crm.lookup', 'gen_ai.tool.call.id': `call_${hex(24)}`, 'app.authz.subject': `u-${tenant}-001`, 'app.authz.actor': 'svc:relay-agent', 'app.authz.audience': 'https://crm.relay.example/api', 'app.authz.scope': 'crm.read', 'app.authz.credential_id': `tok-${hex(12)}` });
      if (r() < 0.5) span('retrieval kb', { 'gen_ai.operation.name': 'retrieval', 'app.retrieval.result_tenants': [tenant] }, 3);
      span('chat gpt-5', { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-5', 'gen_ai.response.model': 'gpt-5-2025-08-07', 'gen_ai.usage.input_tokens': 900, 'gen_ai.usage.output_tokens': 120 }, 3);
      spans.push({ traceId, spanId: root, name: 'invoke_agent relay', kind: 2, startTimeUnixNano: `${t - 3000}000000`, endTimeUnixNano: `${t}000000`, attributes: kv({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'relay', 'tenant.id': tenant, 'enduser.id': `u-${tenant}-001` }), status: {} });
    }
    const line = JSON.stringify({ resourceSpans: [{ resource: { attributes: kv({ 'service.name': 'relay-agent', 'deployment.environment.name': 'production' }) }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }] }) + '\n';
    bytes += Buffer.byteLength(line);
    if (!ws.write(line)) await new Promise((res) => ws.once('drain', res));
  }
  await new Promise((res) => ws.end(res));
}

/** Child: the bare loop — read lines, JSON.parse, count spans. */
async function bare(file) {
  let spans = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    for (const rs of JSON.parse(line).resourceSpans) for (const ss of rs.scopeSpans) spans += ss.spans.length;
  }
  return spans;
}

/** Child: the collector's parse, every record consumed (as the store would). */
async function collector(file) {
  const { otlpCollector } = await import(join(here, '../packages/fieldwork/dist/collectors/otlp/otlp-collector.js'));
  const options = otlpCollector.options.parse({});
  const input = { path: file, displayName: file, sha256: '0'.repeat(64), size: statSync(file).size, open: () => createReadStream(file) };
  const { createPseudonymizer } = await import(join(here, '../packages/fieldwork/dist/workspace/index.js'));
  // End users are hashed as in a real collection, so the figures include that cost.
  const pseudonymize = createPseudonymizer('bench-secret-0123456789abcdef0123456789');
  const ctx = { source: 'bench', timezone: 'UTC', cite: (locator) => ({ source: 'bench', artifact: '0'.repeat(64), locator: locator || '/' }), pseudonymize };
  let spans = 0;
  let records = 0;
  for await (const rec of otlpCollector.parse(input, options, ctx)) {
    records++;
    if (rec.kind === 'trace_summary') spans = rec.spans;
  }
  return { spans, records };
}

if (process.argv[2] === '--child') {
  const [, , , mode, file] = process.argv;
  const t0 = process.hrtime.bigint();
  const res = mode === 'bare' ? { spans: await bare(file) } : await collector(file);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ ...res, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  if (!existsSync(join(here, '../packages/fieldwork/dist/collectors/otlp/otlp-collector.js'))) {
    console.error('Build first: npx tsc -b');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, '.gitignore'), '*\n');
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows = [];
  for (const mb of sizes.length ? sizes : [50, 200]) {
    const file = join(out, `otlp-${mb}mb.jsonl`);
    if (!existsSync(file)) await generate(file, mb);
    const child = (mode) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], { maxBuffer: 1 << 20 }).toString());
    const b = child('bare');
    const c = child('collector');
    rows.push({ mb, spans: b.spans, bare: b, collector: c });
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('| input | spans | bare read + JSON.parse | otlp-json collector | collector / bare | peak RSS bare | peak RSS collector |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const bs = r.spans / r.bare.seconds;
    const cs = r.collector.spans / r.collector.seconds;
    console.log(`| ${r.mb} MB | ${r.spans.toLocaleString('en-US')} | ${Math.round(bs).toLocaleString('en-US')} spans/s | ${Math.round(cs).toLocaleString('en-US')} spans/s (${r.collector.records.toLocaleString('en-US')} records) | ${(cs / bs).toFixed(2)} | ${Math.round(r.bare.peakRssMb)} MB | ${Math.round(r.collector.peakRssMb)} MB |`);
  }
}
