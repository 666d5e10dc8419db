#!/usr/bin/env node
/**
 * `fieldwork serve` under load: `/api/ledger?limit=100` pages (first, middle by cursor, last) at
 * 1×, 10× (and 100× with --full) ledger sizes, against a bare node:http server that sends the same
 * JSON bytes from memory, measured in the same run. Each server runs in its own child process
 * (its peak RSS is its own); the client here keeps 50 keep-alive connections busy for a bounded
 * time and request count, on loopback only. Prints requests/s, the ratio, p99 latency, peak RSS
 * and the load average. Usage (after `npx tsc -b`):
 *   node bench/server-pages.mjs [--full] [--seconds 3] [--rounds 3]
 * Sizes: 600 and 6,150 entries by default; 600, 61,500 and 615,000 with --full.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, Agent } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'packages', 'fieldwork', 'dist');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOKEN = 'fwk_bench_server_pages_token_0000000000000';
const CONNECTIONS = 50;
const PAGE = 100;

async function main() {
  const full = process.argv.includes('--full');
  const seconds = arg('--seconds', full ? 5 : 2);
  const rounds = arg('--rounds', 3);
  const sizes = full ? [600, 61_500, 615_000] : [600, 6_150];
  console.log(`### serve: /api/ledger?limit=${PAGE} vs a bare node:http server (same bytes), ${CONNECTIONS} connections, ${seconds} s × ${rounds} rounds each; median round`);
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  console.log('"uncached": the same server with its page cache off (every request reads SQLite and serializes).\n');
  console.log('| entries | page | fieldwork req/s | uncached req/s | bare req/s | ratio | ratio uncached | fieldwork p99 ms | bare p99 ms | fieldwork peak RSS MB | bare peak RSS MB | load |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const n of sizes) {
    const ws = await workspaceWith(n);
    const product = await startChild('product', ws);
    const uncached = await startChild('uncached', ws);
    const pages = { first: `/api/ledger?limit=${PAGE}`, middle: `/api/ledger?limit=${PAGE}&cursor=${cursor(Math.floor(n / 2))}`, last: `/api/ledger?limit=${PAGE}&cursor=${cursor(n - PAGE)}` };
    const bodies = {};
    for (const [name, path] of Object.entries(pages)) {
      const r = await get(product.url + path, new Agent());
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body.slice(0, 200)}`);
      const entries = JSON.parse(r.body).entries;
      if (entries.length !== PAGE) throw new Error(`${path}: ${entries.length} entries`);
      bodies[path] = r.body;
    }
    const bytesFile = join(ws, 'bare-pages.json');
    writeFileSync(bytesFile, JSON.stringify(bodies));
    const bare = await startChild('bare', bytesFile);
    for (const [name, path] of Object.entries(pages)) {
      const ours = [];
      const cold = [];
      const theirs = [];
      for (let r = 0; r < rounds; r++) {
        // Alternate, so a burst of load from other work falls on every side.
        ours.push(await load(product.url + path, seconds));
        cold.push(await load(uncached.url + path, seconds));
        theirs.push(await load(bare.url + path, seconds));
      }
      const a = medianBy(ours, 'rps');
      const u = medianBy(cold, 'rps');
      const b = medianBy(theirs, 'rps');
      const la = loadavg()[0].toFixed(2);
      console.log(`| ${n.toLocaleString('en')} | ${name} | ${a.rps.toFixed(0)} | ${u.rps.toFixed(0)} | ${b.rps.toFixed(0)} | ${(a.rps / b.rps).toFixed(2)} | ${(u.rps / b.rps).toFixed(2)} | ${a.p99.toFixed(1)} | ${b.p99.toFixed(1)} | ${(await product.rss()).toFixed(0)} | ${(await bare.rss()).toFixed(0)} | ${la} |`);
    }
    await product.stop();
    await uncached.stop();
    await bare.stop();
  }
  console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

const cursor = (seq) => Buffer.from(JSON.stringify(['ledger', seq])).toString('base64url');
const medianBy = (xs, k) => [...xs].sort((a, b) => a[k] - b[k])[Math.floor(xs.length / 2)];

/** One GET with the bench token; the whole body as text. */
function get(url, agent) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Keeps CONNECTIONS requests in flight for `seconds` (and at most 200k requests); requests/s and p99 latency. */
async function load(url, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const until = performance.now() + seconds * 1000;
  const latencies = [];
  let failed = 0;
  const worker = async () => {
    while (performance.now() < until && latencies.length < 200_000) {
      const t = performance.now();
      const r = await get(url, agent);
      if (r.status !== 200) failed++;
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  if (failed) throw new Error(`${url}: ${failed} failed requests`);
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p99: latencies[Math.floor(latencies.length * 0.99)] };
}

/** A server in its own process: its URL, its peak RSS on request, and a way to stop it. */
function startChild(kind, what) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, what], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m) => resolve({
      url: m.url,
      rss: () => new Promise((done) => { child.once('message', (r) => done(r.rssMB)); child.send('rss'); }),
      stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
    }));
  });
}

async function serveChild(kind, what) {
  let url;
  if (kind === 'product' || kind === 'uncached') {
    const { FieldworkStore } = await import(join(dist, 'store', 'index.js'));
    const { startServer } = await import(join(dist, 'server', 'index.js'));
    const store = await FieldworkStore.open(FieldworkStore.locationFor(what, {}));
    const sha256 = createHash('sha256').update(TOKEN).digest('hex');
    const server = await startServer({ workspaceDir: what, store, auth: { mode: 'tokens', tokens: [{ name: 'bench', role: 'auditor', sha256 }] }, ...(kind === 'uncached' ? { pageCacheBytes: 0 } : {}) }, { port: 0, host: '127.0.0.1' });
    url = server.url;
  } else {
    const bodies = new Map(Object.entries(JSON.parse(readFileSync(what, 'utf8'))).map(([k, v]) => [k, Buffer.from(v)]));
    const server = createServer((req, res) => {
      const body = bodies.get(req.url);
      if (!body) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-store' }).end(body);
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${server.address().port}`;
  }
  process.on('message', () => process.send({ rssMB: process.resourceUsage().maxRSS / 1024 }));
  process.on('SIGTERM', () => process.exit(0));
  // A parent that dies never leaves a server behind.
  process.on('disconnect', () => process.exit(0));
  process.send({ url });
}

/**
 * A workspace under bench/.out with `n` ledger entries over 12 sources, chained as collection
 * chains them (the real entry hash), written straight into SQLite so 615k entries take seconds.
 * Reused when it already holds `n` entries.
 */
async function workspaceWith(n) {
  const ws = join(here, '.out', `server-pages-${n}`);
  const db = join(ws, '.fieldwork', 'fieldwork.db');
  const { default: Database } = await import('better-sqlite3');
  if (existsSync(db)) {
    const have = new Database(db, { readonly: true }).prepare('select count(*) as n from ledger').get().n;
    if (have === n) return ws;
    rmSync(ws, { recursive: true, force: true });
  }
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'fieldwork.yaml'), [
    'organization: Bench Co', 'timezone: UTC', 'scope:', '  categories: [security]',
    '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai }',
    'sources:', '  - { name: okta, kind: okta-system-log, path: okta.jsonl }', '',
  ].join('\n'));
  const { FieldworkStore } = await import(join(dist, 'store', 'index.js'));
  const { entryHash, GENESIS, LEDGER_VERSION } = await import(join(dist, 'evidence', 'index.js'));
  const store = await FieldworkStore.open(FieldworkStore.locationFor(ws, {}));
  await store.close();
  const sql = new Database(db);
  const insert = sql.prepare(`insert into ledger (seq, artifact, source, kind, collected_at, period_from, period_to, record_count, populations, origin, prev, hash, version, records_digest, retained)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const kinds = [['okta', 'okta-system-log', 'access_event'], ['hr', 'bamboohr-csv', 'person'], ['github', 'github-rest', 'change'], ['jira', 'jira-issues', 'ticket'], ['trivy', 'trivy-json', 'finding'], ['backups', 'aws-backup-jobs', 'backup_job'], ['vendors', 'vendors-yaml', 'vendor'], ['traces', 'otlp-json', 'tool_call'], ['prompts', 'prompt-log-jsonl', 'prompt_record'], ['policies', 'policies-md', 'policy'], ['incidents', 'incidents-json', 'incident'], ['evals', 'eval-runs-json', 'eval_run']];
  const start = Date.parse('2025-01-01T00:00:00Z');
  let prev = GENESIS;
  sql.transaction(() => {
    for (let seq = 1; seq <= n; seq++) {
      const [source, kind, population] = kinds[seq % kinds.length];
      const artifact = createHash('sha256').update(`artifact ${seq}`).digest('hex');
      const count = (seq * 7919) % 5000;
      const body = {
        v: LEDGER_VERSION, seq, artifact, source, kind, collectedAt: new Date(start + seq * 60_000).toISOString(), periodFrom: '2026-04-01', periodTo: '2026-09-30',
        recordCount: count, populations: { [population]: count }, origin: `exports/${source}/${seq}.json`,
        recordsDigest: createHash('sha256').update(`records ${seq}`).digest('hex'), retained: true,
      };
      const hash = entryHash(prev, body);
      insert.run(seq, artifact, source, kind, body.collectedAt, body.periodFrom, body.periodTo, count, JSON.stringify(body.populations), body.origin, prev, hash, LEDGER_VERSION, body.recordsDigest);
      prev = hash;
    }
    sql.prepare('insert into ledger_head (id, seq, hash) values (1, ?, ?)').run(n, prev);
  })();
  sql.close();
  return ws;
}

if (process.argv[2] === '--serve') await serveChild(process.argv[3], process.argv[4]);
else await main();
