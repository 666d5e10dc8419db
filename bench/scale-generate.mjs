#!/usr/bin/env node
/**
 * The scale workspace: the demo company's workspace with its event logs multiplied. At
 * multiplier N the store holds the demo's records once for the slow-moving kinds (people,
 * rosters, vendors, policies, risks, scans) and N copies of the event logs an agent platform
 * produces in volume (tool calls, agent runs, retrievals, prompt records, IdP events and
 * sign-ins, deployments and their statuses, pull requests and reviews, backup jobs), each copy
 * with its own ids so every record is a distinct fact. Tool calls and identity events dominate,
 * as on a real platform: about 12k records per copy, so 1× ≈ 14k, 10× ≈ 120k, 100× ≈ 1.2M.
 *
 * Records go straight into the store through its own ingest path (one synthetic, hash-only
 * artifact per source and chunk); ingest speed is not what this measures.
 *
 * Usage (after `npx tsc -b`): node bench/scale-generate.mjs N [DIR]   (default DIR bench/.out/scale/xN)
 * The demo workspace it starts from is generated once under bench/.out/scale/base.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cli = join(root, 'packages/fieldwork/dist/cli/main.js');
/** Bumped when the generated mix changes, so cached workspaces are rebuilt. */
export const GENERATOR_VERSION = 2;

/** Kinds copied once per multiple: the event logs. */
const SCALED = new Set(['tool_call', 'agent_run', 'retrieval', 'prompt_record', 'access_event', 'deployment', 'deployment_status', 'change', 'pr_review', 'pr_push', 'backup_job']);
const CHUNK = 50_000;

/** The demo workspace (generated once; `demo` takes a minute). */
export function baseWorkspace() {
  const dir = join(here, '.out', 'scale', 'base');
  if (existsSync(join(dir, '.ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  execFileSync(process.execPath, [cli, 'demo', '--dir', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(dir, '.ready'), new Date().toISOString());
  return dir;
}

const sha = (s) => createHash('sha256').update(s).digest('hex');
/** A commit sha for copy k: the same length, its last 6 hex digits replaced (copies never share a commit). */
const commitOf = (c, k) => (c && k > 0 ? c.slice(0, -6) + (k * 7919 + parseInt(c.slice(-6), 16)).toString(16).padStart(6, '0').slice(-6) : c);
const PR = 100_000;

/** Copy k of a record (k = 0 is the record itself): new ids, the same facts otherwise. */
function copyOf(r, k) {
  if (k === 0) return r;
  const x = structuredClone(r);
  const suffix = (v) => (v === undefined ? v : `${v}-${k}`);
  switch (x.kind) {
    case 'tool_call': case 'agent_run': case 'retrieval':
      x.traceId = suffix(x.traceId); x.spanId = suffix(x.spanId);
      if (x.parentSpanId) x.parentSpanId = suffix(x.parentSpanId);
      if (x.toolCallId) x.toolCallId = suffix(x.toolCallId);
      break;
    case 'prompt_record':
      x.id = suffix(x.id);
      if (x.conversation) x.conversation = suffix(x.conversation);
      break;
    case 'access_event':
      x.eventId = `${x.eventId ?? sha(JSON.stringify(r)).slice(0, 32)}-${k}`;
      break;
    case 'deployment':
      x.id = suffix(x.id); x.commit = commitOf(x.commit, k);
      break;
    case 'deployment_status':
      x.deploymentId = suffix(x.deploymentId);
      break;
    case 'change':
      if (x.number !== undefined) x.number += k * PR;
      x.commit = commitOf(x.commit, k); x.headCommit = commitOf(x.headCommit, k);
      for (const rv of x.reviews ?? []) if (rv.commit) rv.commit = commitOf(rv.commit, k);
      break;
    case 'pr_review':
      x.number += k * PR;
      if (x.id) x.id = suffix(x.id);
      if (x.commit) x.commit = commitOf(x.commit, k);
      break;
    case 'pr_push':
      x.number += k * PR; x.commit = commitOf(x.commit, k);
      break;
    case 'backup_job':
      x.jobId = suffix(x.jobId);
      if (x.recoveryPoint) x.recoveryPoint = suffix(x.recoveryPoint);
      break;
  }
  return x;
}

/** A sign-in for each IdP login event (copy k): the identity events a real IdP log is made of. */
function signInOf(e, k) {
  const n = parseInt(sha(`${e.eventId}|${k}`).slice(0, 8), 16);
  return {
    kind: 'sign_in', source: e.source, artifact: e.artifact, locator: e.locator, system: e.system,
    eventId: `si-${e.eventId ?? n.toString(16)}-${k}`, at: e.at, account: e.account, ...(e.accountId ? { accountId: e.accountId } : {}), ...(e.email ? { email: e.email } : {}),
    accountType: 'user', ...(n % 3 === 0 ? { app: 'github' } : {}), outcome: n % 41 === 0 ? 'failure' : 'success', interactive: true,
    mfa: n % 97 === 0 ? 'single_factor' : 'satisfied', sso: true,
  };
}

/**
 * Writes the workspace at multiplier `n` into `dir` (replacing it) and returns the record counts
 * by kind. Reuses `dir` when it was generated by this version at this multiplier.
 */
export async function generateScaleWorkspace(n, dir = join(here, '.out', 'scale', `x${n}`), log = () => {}) {
  const stamp = join(dir, '.scale.json');
  if (existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, 'utf8'));
    if (s.version === GENERATOR_VERSION && s.multiplier === n) return s;
  }
  const base = baseWorkspace();
  rmSync(dir, { recursive: true, force: true });
  cpSync(base, dir, { recursive: true, filter: (src) => !src.includes(`${join(base, 'reports')}`) && !src.endsWith('.ready') });
  const { FieldworkStore } = await import(pathToFileURL(join(root, 'packages/fieldwork/dist/store/index.js')).href);
  const store = await FieldworkStore.open({ dialect: 'sqlite', file: join(dir, '.fieldwork', 'fieldwork.db') });
  const t0 = Date.now();
  try {
    const current = await store.loadRecords();
    const bySource = new Map();
    for (const [kind, rows] of Object.entries(current)) {
      if (!SCALED.has(kind)) continue;
      for (const r of rows) (bySource.get(r.source) ?? bySource.set(r.source, []).get(r.source)).push(r);
    }
    const logins = (current.access_event ?? []).filter((e) => e.action === 'login');
    let seq = 0;
    const put = async (source, records) => {
      for (let i = 0; i < records.length; i += CHUNK) {
        const artifact = sha(`scale|${n}|${source}|${seq++}`);
        const chunk = records.slice(i, i + CHUNK).map((r, j) => ({ ...r, artifact, locator: `line ${j + 1}` }));
        await store.ingest({
          sha256: artifact, size: 0, name: `scale-${source}-${seq}.jsonl`, source, kind: 'scale-generated', origin: `scale/${source}/${seq}`, path: '', retain: false,
          records: (async function* () { yield* chunk; })(),
        });
      }
    };
    // Copy 0 is the demo itself (already stored); sign-ins are new for every copy.
    for (let k = 0; k < n; k++) {
      if (k > 0) for (const [source, rows] of bySource) await put(source, rows.map((r) => copyOf(r, k)));
      await put('okta-sign-ins', logins.map((e) => signInOf(copyOf(e, k), k)));
      if (k % 10 === 9) log(`  copy ${k + 1}/${n} (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    const counts = Object.fromEntries((await store.db.selectFrom('records').select(['kind']).select((eb) => eb.fn.countAll().as('n')).where('superseded_by', 'is', null).groupBy('kind').execute()).map((r) => [r.kind, Number(r.n)]));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const s = { version: GENERATOR_VERSION, multiplier: n, records: total, counts, generatedIn: (Date.now() - t0) / 1000 };
    writeFileSync(stamp, JSON.stringify(s, null, 2));
    return s;
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: node bench/scale-generate.mjs N [DIR]');
  const s = await generateScaleWorkspace(n, process.argv[3], (m) => console.error(m));
  console.log(JSON.stringify(s, null, 2));
}
