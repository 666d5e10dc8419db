#!/usr/bin/env node
/**
 * Okta System Log ingest: `collect` of an okta-system-log export (JSON Lines, and the same
 * events as one JSON array) into a fresh store, against raw batched better-sqlite3 inserts of
 * one row per event read from the same file, measured in the same run. Each measured thing
 * runs in its own process, so its peak RSS is its own. Usage (after `npx tsc -b`):
 *   node bench/okta-ingest.mjs            10k and 100k events
 *   node bench/okta-ingest.mjs --full     10k, 100k and 1M events
 *   node bench/okta-ingest.mjs --pg URL   also collect into PostgreSQL (a fresh schema; or FIELDWORK_BENCH_DATABASE_URL):
 *                                         SQLite and PostgreSQL collects back to back, --rounds N pairs (default 3), order
 *                                         alternating, the median of the per-pair time ratios
 *   node bench/okta-ingest.mjs 50000      given sizes
 * Every collect prints the first 12 hex digits of its records digest (SHA-256 over every stored
 * record's JSON, in order): a change to the ingest path must leave it equal. JSONL and the JSON
 * array differ from each other (each record's locator is a line number in one, a pointer in the other).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { child, collectOnce, load, measured, rng } from './ingest-common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.out');
const self = fileURLToPath(import.meta.url);


/**
 * Writes `n` System Log events as JSONL and as a JSON array: sign-in flows (session start, MFA
 * for most sessions, sign-on policy, one to three app SSOs) and some lifecycle and group
 * changes, each with the fields a real LogEvent carries (client, request, debug context…);
 * one event in a hundred repeats an earlier one, as overlapping exports do.
 */
async function generate(n, jsonl, array) {
  const r = rng(7);
  const hex = (k) => { let s = ''; while (s.length < k) s += Math.floor(r() * 16).toString(16); return s; };
  const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const apps = ['AWS Console', 'Salesforce', 'GitHub Enterprise', 'Slack', 'Datadog', 'Staging Console'];
  const groups = ['Engineering', 'Support', 'Finance', 'Admins'];
  let t = Date.parse('2026-01-01T00:00:00Z');
  const w1 = createWriteStream(jsonl);
  const w2 = createWriteStream(array);
  const write = async (w, s) => { if (!w.write(s)) await new Promise((res) => w.once('drain', res)); };
  await write(w2, '[\n');
  let written = 0;
  const recent = [];
  const emit = async (e) => {
    const s = JSON.stringify(e);
    await write(w1, s + '\n');
    await write(w2, (written ? ',\n' : '') + s);
    written++;
    recent.push(s);
    if (recent.length > 1000) recent.shift();
  };
  const event = (eventType, user, extra = {}) => {
    t += Math.floor(r() * 4000) + 200;
    const ip = `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`;
    return {
      actor: { id: user.id, type: 'User', alternateId: user.email, displayName: user.name, detailEntry: null },
      client: {
        userAgent: { rawUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME' },
        zone: 'null', device: 'Computer', id: null, ipAddress: ip,
        geographicalContext: { city: 'Berlin', state: 'Land Berlin', country: 'Germany', postalCode: '10115', geolocation: { lat: 52.5321, lon: 13.3849 } },
      },
      device: null,
      authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: user.session },
      displayMessage: eventType, eventType,
      outcome: { result: 'SUCCESS', reason: null },
      published: new Date(t).toISOString(),
      securityContext: { asNumber: 3320, asOrg: 'deutsche telekom ag', isp: 'deutsche telekom ag', domain: 't-ipconnect.de', isProxy: false },
      severity: 'INFO',
      debugContext: { debugData: { requestId: hex(24), requestUri: '/idp/idx/authenticate', url: '/idp/idx/authenticate?', dtHash: hex(64) } },
      legacyEventType: null,
      transaction: { type: 'WEB', id: hex(24), detail: {} },
      uuid: uuid(), version: '0',
      request: { ipChain: [{ ip, geographicalContext: { city: 'Berlin', state: 'Land Berlin', country: 'Germany', postalCode: '10115', geolocation: { lat: 52.5321, lon: 13.3849 } }, version: 'V4', source: null }] },
      target: [],
      ...extra,
    };
  };
  const users = Array.from({ length: 2000 }, (_, i) => ({ id: `00u${hex(17)}`, email: `user${i}@relaylabs.example`, name: `User ${i}` }));
  while (written < n) {
    if (recent.length > 100 && r() < 0.01) {
      await write(w1, recent[Math.floor(r() * recent.length)] + '\n');
      await write(w2, ',\n' + recent[Math.floor(r() * recent.length)]);
      written++;
      continue;
    }
    const user = { ...users[Math.floor(r() * users.length)], session: `102${hex(21)}` };
    if (r() < 0.05) {
      const g = groups[Math.floor(r() * groups.length)];
      await emit(event(r() < 0.6 ? 'group.user_membership.add' : 'group.user_membership.remove', { ...users[0], session: 'unknown' },
        { target: [{ id: user.id, type: 'User', alternateId: user.email, displayName: user.name }, { id: `00g${hex(17)}`, type: 'UserGroup', alternateId: 'unknown', displayName: g }] }));
      continue;
    }
    await emit(event('user.session.start', user));
    if (r() < 0.85) await emit(event('user.authentication.auth_via_mfa', user));
    await emit(event('policy.evaluate_sign_on', user, { target: [{ id: `rul${hex(17)}`, type: 'Rule', alternateId: 'unknown', displayName: 'Default Rule' }] }));
    const k = 1 + Math.floor(r() * 3);
    for (let i = 0; i < k && written < n; i++) {
      const app = apps[Math.floor(r() * apps.length)];
      await emit(event('user.authentication.sso', user, { target: [{ id: `0oa${hex(17)}`, type: 'AppInstance', alternateId: app, displayName: app }] }));
    }
  }
  await write(w2, '\n]\n');
  await Promise.all([new Promise((res) => w1.end(res)), new Promise((res) => w2.end(res))]);
}

/** Child: raw better-sqlite3 — read lines, JSON.parse, one row per event into a table shaped and indexed like `records`, 1,000 rows per transaction. */
async function raw(file) {
  const { default: Database } = await import('better-sqlite3');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-bench-raw-'));
  try {
    return await measured(async () => {
      const db = new Database(join(dir, 'raw.db'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(`create table records (id integer primary key autoincrement, ledger_seq integer not null, artifact text not null, source text not null, kind text not null,
        at text, subject text, locator text not null, data text not null, identity text, scope text, superseded_by integer, superseded_at text);
        create index records_kind_at on records (kind, at); create index records_artifact on records (artifact);
        create index records_source_kind_identity on records (source, kind, identity); create index records_ledger_seq on records (ledger_seq);`);
      const insert = db.prepare('insert into records (ledger_seq, artifact, source, kind, at, subject, locator, data, identity, scope) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const artifact = '0'.repeat(64);
      let batch = [];
      const flush = db.transaction((rows) => { for (const row of rows) insert.run(row); });
      let n = 0;
      let line = 0;
      for await (const text of createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
        line++;
        if (!text) continue;
        const e = JSON.parse(text);
        const data = JSON.stringify({ kind: 'access_event', source: 'bench', artifact, locator: `line ${line}`, system: 'okta', eventId: e.uuid, eventType: e.eventType, at: e.published, account: e.actor?.alternateId });
        batch.push([1, artifact, 'bench', 'access_event', e.published, e.actor?.alternateId ?? null, `line ${line}`, data, e.uuid, null]);
        n++;
        if (batch.length === 1000) { flush(batch); batch = []; }
      }
      flush(batch);
      db.close();
      return { events: n };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

if (process.argv[2] === '--child') {
  const [, , , mode, file, pgUrl] = process.argv;
  const res = mode === 'raw' ? await raw(file) : await collectOnce('okta-system-log', file, mode === 'pg' ? pgUrl : undefined);
  process.stdout.write(JSON.stringify(res) + '\n');
} else {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const pgAt = args.indexOf('--pg');
  const pgUrl = pgAt >= 0 ? args[pgAt + 1] : process.env.FIELDWORK_BENCH_DATABASE_URL;
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
  const given = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--pg' && args[i - 1] !== '--rounds').map(Number);
  const sizes = given.length ? given : full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  if (!existsSync(join(here, '../packages/fieldwork/dist/collectors/okta/okta-collector.js'))) {
    console.error('Build first: npx tsc -b');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, '.gitignore'), '*\n');
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; load at start: ${load()}`);
  console.log('| events | raw better-sqlite3 | collect JSONL (records, digest) | collect / raw (wall, CPU) | collect JSON array (digest) | array / JSONL time | peak RSS raw, JSONL, array | load |');
  console.log('|---|---|---|---|---|---|---|---|');
  const pgRows = [];
  for (const n of sizes) {
    const jsonl = join(out, `okta-${n}.jsonl`);
    const array = join(out, `okta-${n}.json`);
    if (!existsSync(jsonl) || !existsSync(array)) {
      await generate(n, `${jsonl}.tmp`, `${array}.tmp`);
      renameSync(`${jsonl}.tmp`, jsonl);
      renameSync(`${array}.tmp`, array);
    }
    const b = child(self, ['raw', jsonl]);
    const c = child(self, ['sqlite', jsonl]);
    const a = child(self, ['sqlite', array]);
    const eps = (x) => Math.round(n / x.seconds).toLocaleString('en-US');
    console.log(`| ${n.toLocaleString('en-US')} | ${eps(b)} events/s | ${eps(c)} events/s (${c.records.toLocaleString('en-US')} records, ${c.recordsDigest.slice(0, 12)}) | ${(b.seconds / c.seconds).toFixed(2)}, ${(b.cpu / c.cpu).toFixed(2)} | ${eps(a)} events/s (${a.recordsDigest.slice(0, 12)}) | ${(a.seconds / c.seconds).toFixed(2)} | ${Math.round(b.peakRssMb)}, ${Math.round(c.peakRssMb)}, ${Math.round(a.peakRssMb)} MB | ${load()} |`);
    if (pgUrl) pgRows.push({ n, jsonl });
  }
  if (pgRows.length) {
    // Back to back, the order alternating, so both sides see about the same load.
    console.log(`\n| events | round | collect JSONL SQLite | collect JSONL PostgreSQL | PostgreSQL / SQLite time | peak RSS SQLite, PostgreSQL | same records digest | load |`);
    console.log('|---|---|---|---|---|---|---|---|');
    const summary = [];
    for (const { n, jsonl } of pgRows) {
      const ratios = [];
      for (let i = 0; i < rounds; i++) {
        const pair = i % 2 === 0 ? [child(self, ['sqlite', jsonl]), child(self, ['pg', jsonl, pgUrl])] : [child(self, ['pg', jsonl, pgUrl]), child(self, ['sqlite', jsonl])].reverse();
        const [sqlite, pg] = pair;
        ratios.push(pg.seconds / sqlite.seconds);
        console.log(`| ${n.toLocaleString('en-US')} | ${i + 1}${i % 2 ? ' (PostgreSQL first)' : ''} | ${sqlite.seconds.toFixed(1)} s | ${pg.seconds.toFixed(1)} s | ${(pg.seconds / sqlite.seconds).toFixed(2)} | ${Math.round(sqlite.peakRssMb)}, ${Math.round(pg.peakRssMb)} MB | ${sqlite.recordsDigest === pg.recordsDigest ? 'yes' : 'NO'} | ${load()} |`);
      }
      summary.push(`${n.toLocaleString('en-US')}: median ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`);
    }
    console.log(`\nPostgreSQL / SQLite collect time, ${summary.join('; ')}`);
  }
}
