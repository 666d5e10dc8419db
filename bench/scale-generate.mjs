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
 * Records go straight into the store as the ingest path would write them: per source and chunk of
 * 50k records one synthetic, hash-only artifact, its record rows (stored JSON, identity, time and
 * subject from the store's own `storedRecord`) and its ledger entry (the store's own
 * `appendLedgerEntry` and `RecordsDigest`), so `verify`, `check` and `audit` read it as any
 * collected store. What `FieldworkStore.ingest` would add is left out because it does nothing
 * here: supersession (every copy has its own ids, so no record re-states another; the 10× and
 * 100× stores are compared with the ingest-path generator's in docs/scale.md) and the per-artifact
 * transaction. For speed at 1000× (11.8M records): the records' scattered secondary indexes are
 * dropped for the load and built once at the end (inserting each identity at a random place of a
 * growing B-tree was what slowed the old generator to 2.4M records in 19 min), a transaction spans
 * 10 copies, the journal is off while loading (a killed run leaves no stamp and is rebuilt), and
 * each copy is made by parsing the base record's JSON instead of structuredClone.
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
export const GENERATOR_VERSION = 3;

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
/**
 * A commit sha for copy k: the same length, its first 6 hex digits replaced, so copies share
 * neither a commit nor its short form. (Replacing the last 6 kept the first 7, which a direct
 * commit's subject, `repo@abc1234`, and item id carry: at 1000× one direct push became 1,000 items
 * with one id, and the audit listed each deviation under every one of them, 1,001,000 rows.)
 */
const commitOf = (c, k) => (c && k > 0 ? (k * 7919 + parseInt(c.slice(0, 6), 16)).toString(16).padStart(6, '0').slice(-6) + c.slice(6) : c);
const PR = 100_000;

/**
 * Copy k > 0 of a record, made in place on `x` (a fresh parse of the record's JSON text `json`):
 * new ids, the same facts otherwise.
 */
function copyOf(x, k, json) {
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
      x.eventId = `${x.eventId ?? sha(json).slice(0, 32)}-${k}`;
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
  const dist = (p) => import(pathToFileURL(join(root, 'packages/fieldwork/dist', p)).href);
  const { FieldworkStore } = await dist('store/index.js');
  const { openDatabase } = await dist('store/open-database.js');
  const { storedRecord } = await dist('store/stored-record.js');
  const { recordRowWriter } = await dist('store/record-rows.js');
  const { appendLedgerEntry } = await dist('evidence/ledger.js');
  const { RecordsDigest } = await dist('evidence/records-digest.js');
  const file = join(dir, '.fieldwork', 'fieldwork.db');
  const t0 = Date.now();
  // The demo's records as the store returns them (kind by kind, oldest first): the order of the
  // sources and of the records within each is the order the copies are written in.
  const reader = await FieldworkStore.open({ dialect: 'sqlite', file });
  let current;
  try {
    current = await reader.loadRecords();
  } finally {
    await reader.close();
  }
  const bySource = new Map();
  for (const [kind, rows] of Object.entries(current)) {
    if (!SCALED.has(kind)) continue;
    for (const r of rows) (bySource.get(r.source) ?? bySource.set(r.source, []).get(r.source)).push({ r, json: JSON.stringify(r) });
  }
  const logins = (current.access_event ?? []).filter((e) => e.action === 'login').map((r) => ({ r, json: JSON.stringify(r) }));

  const { db, native } = await openDatabase({ dialect: 'sqlite', file });
  try {
    native.pragma('cache_size = -262144');
    native.pragma('journal_mode = OFF');
    native.pragma('synchronous = OFF');
    const deferred = native.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'records' and sql is not null and name not in ('records_ledger_seq', 'records_artifact') order by name").all();
    for (const i of deferred) native.exec(`drop index "${i.name}"`);
    // The stamp's counts: the demo's current records plus every record written here (nothing is
    // superseded), so no count over 10M rows at the end.
    const tally = Object.fromEntries(native.prepare('select kind, count(*) as n from records where superseded_by is null group by kind').all().map((r) => [r.kind, Number(r.n)]));
    const addArtifact = native.prepare('insert into artifacts (sha256, size, name, media_type, first_collected_at, retained) values (?, 0, ?, null, ?, 0) on conflict (sha256) do nothing');
    let seq = 0;
    /** One synthetic artifact per source and chunk, as `FieldworkStore.ingest` stores it (without supersession: see above). */
    const put = async (source, count, recordAt) => {
      for (let i = 0; i < count; i += CHUNK) {
        const artifact = sha(`scale|${n}|${source}|${seq++}`);
        const now = new Date().toISOString();
        addArtifact.run(artifact, `scale-${source}-${seq}.jsonl`, now);
        const head = native.prepare('select seq from ledger_head where id = 1').get();
        const ledgerSeq = head ? Number(head.seq) + 1 : 1;
        const rows = recordRowWriter(db, 'sqlite', native);
        const digest = new RecordsDigest();
        const populations = {};
        let minAt = null;
        let maxAt = null;
        for (let j = 0; j < Math.min(CHUNK, count - i); j++) {
          const x = recordAt(i + j);
          // Both keys are already in every record, so assigning keeps the key order the spread
          // ({ ...r, artifact, locator }) of the ingest path gave.
          x.artifact = artifact; x.locator = `line ${j + 1}`;
          // The row keeps the record's own source (a sign-in says `okta`), as ingest does.
          const s = storedRecord(x);
          if (s.at) {
            if (minAt === null || s.at < minAt) minAt = s.at;
            if (maxAt === null || s.at > maxAt) maxAt = s.at;
          }
          populations[s.kind] = (populations[s.kind] ?? 0) + 1;
          digest.add(s.data);
          rows.add({ ledger_seq: ledgerSeq, artifact, source: s.source, kind: s.kind, at: s.at, subject: s.subject, locator: s.locator, data: s.data, identity: s.identity, scope: null });
        }
        await rows.flush();
        const entry = await appendLedgerEntry(db, 'sqlite', {
          artifact, source, kind: 'scale-generated', collectedAt: now, periodFrom: minAt, periodTo: maxAt, recordCount: digest.count, populations,
          origin: `scale/${source}/${seq}`, recordsDigest: digest.digest(), retained: false,
        });
        if (entry.seq !== ledgerSeq) throw new Error(`ledger seq ${entry.seq}, expected ${ledgerSeq}`);
        for (const [kind, c] of Object.entries(populations)) tally[kind] = (tally[kind] ?? 0) + c;
      }
    };
    // Copy 0 is the demo itself (already stored); sign-ins are new for every copy.
    for (let k = 0; k < n; k++) {
      if (k % 10 === 0) native.exec('begin');
      if (k > 0) for (const [source, rows] of bySource) await put(source, rows.length, (i) => copyOf(JSON.parse(rows[i].json), k, rows[i].json));
      await put('okta-sign-ins', logins.length, (i) => signInOf(k === 0 ? logins[i].r : copyOf(JSON.parse(logins[i].json), k, logins[i].json), k));
      if (k % 10 === 9 || k === n - 1) {
        native.exec('commit');
        log(`  copy ${k + 1}/${n} (${Math.round((Date.now() - t0) / 1000)} s)`);
      }
    }
    const t1 = Date.now();
    for (const i of deferred) native.exec(i.sql);
    log(`  indexes built again in ${Math.round((Date.now() - t1) / 1000)} s`);
    native.pragma('journal_mode = WAL');
    const counts = Object.fromEntries(Object.keys(tally).sort().map((kind) => [kind, tally[kind]]));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const s = { version: GENERATOR_VERSION, multiplier: n, records: total, counts, generatedIn: (Date.now() - t0) / 1000 };
    writeFileSync(stamp, JSON.stringify(s, null, 2));
    return s;
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: node bench/scale-generate.mjs N [DIR]');
  const s = await generateScaleWorkspace(n, process.argv[3], (m) => console.error(m));
  console.log(JSON.stringify(s, null, 2));
}
