#!/usr/bin/env node
/**
 * OTLP ingest throughput: spans/s of a full `collect` of an otlp-json source (staged copy
 * hashed while read, text guard, parse, PII scan of prompt attributes, record checks, inserts,
 * ledger entry) into a fresh store, against a bare read + JSON.parse loop over the same JSONL
 * file, measured in the same run; also the collector's parse alone. Each measured thing runs in
 * its own process so its peak RSS is its own. Usage (after `npx tsc -b`):
 *   node bench/otlp-ingest.mjs              20 and 200 MiB
 *   node bench/otlp-ingest.mjs --full       20, 200 and 1024 MiB (add 5120 by hand when disk and time allow)
 *   node bench/otlp-ingest.mjs --pg URL     also collect into PostgreSQL (a fresh schema; or FIELDWORK_BENCH_DATABASE_URL)
 *   node bench/otlp-ingest.mjs 50 300       given sizes (MiB)
 *   node bench/otlp-ingest.mjs --parse      also the collector's parse alone (no store), against the same bare loop
 *   node bench/otlp-ingest.mjs --worker     also a collect with the parse in a worker thread (FIELDWORK_PARSE_WORKER=always),
 *                                           whose records digest must equal the main-thread collect's
 * Every collect prints the first 12 hex digits of its records digest (SHA-256 over every stored record's JSON, in order).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { child, collectOnce, load, measured, rng } from './ingest-common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.out');


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
  const [, , , mode, file, pgUrl] = process.argv;
  const res = mode === 'bare' ? await measured(async () => ({ spans: await bare(file) }))
    : mode === 'parse' ? await measured(() => collector(file))
    : await collectOnce('otlp-json', file, mode === 'pg' ? pgUrl : undefined);
  process.stdout.write(JSON.stringify(res) + '\n');
} else {
  if (!existsSync(join(here, '../packages/fieldwork/dist/collectors/otlp/otlp-collector.js'))) {
    console.error('Build first: npx tsc -b');
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const pgAt = args.indexOf('--pg');
  const pgUrl = pgAt >= 0 ? args[pgAt + 1] : process.env.FIELDWORK_BENCH_DATABASE_URL;
  const given = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--pg').map(Number);
  const sizes = given.length ? given : full ? [20, 200, 1024] : [20, 200];
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, '.gitignore'), '*\n');
  const self = fileURLToPath(import.meta.url);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; load at start: ${load()}`);
  console.log('| input | spans | bare read + JSON.parse | collect (SQLite) | collect / bare (wall, CPU) | parse alone / bare | peak RSS bare, collect | load |');
  console.log('|---|---|---|---|---|---|---|---|');
  const pgRows = [];
  for (const mb of sizes) {
    const file = join(out, `otlp-${mb}mb.jsonl`);
    if (!existsSync(file)) {
      await generate(`${file}.tmp`, mb);
      renameSync(`${file}.tmp`, file);
    }
    const b = child(self, ['bare', file]);
    const c = child(self, ['sqlite', file]);
    const p = args.includes('--parse') ? child(self, ['parse', file]) : undefined;
    const sps = (x) => Math.round(b.spans / x.seconds).toLocaleString('en-US');
    console.log(`| ${mb} MiB | ${b.spans.toLocaleString('en-US')} | ${sps(b)} spans/s | ${sps(c)} spans/s (${c.records.toLocaleString('en-US')} records, digest ${c.recordsDigest.slice(0, 12)}) | ${(b.seconds / c.seconds).toFixed(2)}, ${(b.cpu / c.cpu).toFixed(2)} | ${p ? (b.seconds / p.seconds).toFixed(2) : '–'} | ${Math.round(b.peakRssMb)}, ${Math.round(c.peakRssMb)} MB | ${load()} |`);
    if (args.includes('--worker')) {
      const w = child(self, ['sqlite', file], { FIELDWORK_PARSE_WORKER: 'always' });
      const same = w.recordsDigest === c.recordsDigest;
      console.log(`| ${mb} MiB, parse worker | | | ${sps(w)} spans/s (digest ${w.recordsDigest.slice(0, 12)}: ${same ? 'same' : '**DIFFERENT**'}) | ${(b.seconds / w.seconds).toFixed(2)}, ${(b.cpu / w.cpu).toFixed(2)} | – | –, ${Math.round(w.peakRssMb)} MB | ${load()} |`);
      if (!same) process.exitCode = 1;
    }
    if (pgUrl) pgRows.push({ mb, sqlite: c, pg: child(self, ['pg', file, pgUrl]) });
  }
  if (pgRows.length) {
    console.log('\n| input | collect SQLite | collect PostgreSQL | PostgreSQL / SQLite time | peak RSS PostgreSQL | load |');
    console.log('|---|---|---|---|---|---|');
    for (const { mb, sqlite, pg } of pgRows) console.log(`| ${mb} MiB | ${sqlite.seconds.toFixed(1)} s | ${pg.seconds.toFixed(1)} s | ${(pg.seconds / sqlite.seconds).toFixed(2)} | ${Math.round(pg.peakRssMb)} MB | ${load()} |`);
  }
}
