import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { FieldworkError } from '@fieldwork/core';
import SqliteDatabase from 'better-sqlite3';
import { loadPg } from './open-database.js';
import type { StoreLocation } from './open-database.js';

/** A held workspace lock; `release()` is idempotent. */
export interface CollectionLock {
  release(): Promise<void>;
}

/** Who holds the lock, for the refusal message. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface AcquireOptions {
  /** Wait for the running collection to finish instead of refusing. */
  wait?: boolean;
  /** Called once when waiting starts, with the holder's description. */
  onWait?: (holder: string) => void;
  /** Poll interval while waiting (ms). */
  pollMs?: number;
}

const PG_LOCK_CLASS = 4242002;
/** How often a refusal looks again when the lock is held but nobody is named yet (25 ms apart). */
const UNNAMED_RETRIES = 20;

function describe(h: Holder | undefined): string {
  return h ? `since ${h.since} (pid ${h.pid}${h.host !== hostname() ? ` on ${h.host}` : ''})` : 'since an unknown time (its holder left no note)';
}

function busy(h: Holder | undefined): FieldworkError {
  return new FieldworkError('COLLECTION_RUNNING', `Another collection is running ${describe(h)}.`, {
    hint: 'Collections of one workspace run one at a time. Wait for it to finish, or pass --wait to queue behind it.',
  });
}

/**
 * Takes the workspace's collection lock, so collections (CLI, schedule, dashboard) serialize.
 *
 * On SQLite the lock is an exclusive transaction on `.fieldwork/collect.lock` (a tiny SQLite
 * file): the operating system drops it when the holder exits, even after `kill -9`, so a crash
 * never leaves a stale lock. On PostgreSQL it is a session advisory lock keyed by the schema,
 * dropped when the holder's connection closes. A note beside it says who holds it.
 *
 * @example
 * const lock = await acquireCollectionLock(location, { wait: false });
 * try { await collect(); } finally { await lock.release(); }
 */
export async function acquireCollectionLock(location: StoreLocation, o: AcquireOptions = {}): Promise<CollectionLock> {
  return location.dialect === 'sqlite' ? acquireSqlite(`${location.file}.collect.lock`, o) : acquirePostgres(location.url, o);
}

async function acquireSqlite(file: string, o: AcquireOptions): Promise<CollectionLock> {
  const note = `${file}.json`;
  const db = new SqliteDatabase(file);
  db.pragma('busy_timeout = 0');
  let waited = false;
  let unnamed = 0;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') {
        db.close();
        throw e;
      }
      const holder = readNote(note);
      // The holder writes its note just after taking the lock (and removes it just before
      // releasing): a moment without a note is a race, not an anonymous holder, so look again.
      if (!holder && unnamed++ < UNNAMED_RETRIES) {
        await sleep(25);
        continue;
      }
      if (!o.wait) {
        db.close();
        throw busy(holder);
      }
      if (!waited) o.onWait?.(describe(holder));
      waited = true;
      await sleep(o.pollMs ?? 200);
    }
  }
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeFileSync(note, JSON.stringify(me));
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      // Remove the note before the lock goes, so a new holder's note is never removed.
      if (readNote(note)?.pid === me.pid) rmSync(note, { force: true });
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}

function readNote(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

async function acquirePostgres(url: string, o: AcquireOptions): Promise<CollectionLock> {
  const since = new Date().toISOString();
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url, application_name: `fieldwork-collect ${process.pid} ${since}`.slice(0, 63) });
  await client.connect();
  try {
    const schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    let waited = false;
    let unnamed = 0;
    for (;;) {
      const got = (await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [PG_LOCK_CLASS, schema])).rows[0]!.ok;
      if (got) break;
      const row = (await client.query<{ app: string; host: string | null }>(
        `select a.application_name as app, coalesce(host(a.client_addr), 'local') as host from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = (hashtext($2)::bigint & 4294967295)::oid and l.objsubid = 2 limit 1`,
        [PG_LOCK_CLASS, schema],
      )).rows[0];
      const m = row ? /^fieldwork-collect (\d+) (\S+)/.exec(row.app) : null;
      const holder: Holder | undefined = m ? { pid: Number(m[1]), since: m[2]!, host: !row!.host || row!.host === 'local' || row!.host === '127.0.0.1' ? hostname() : row!.host } : undefined;
      // The holder may have released between the two queries: try the lock again before refusing.
      if (!holder && unnamed++ < UNNAMED_RETRIES) {
        await sleep(25);
        continue;
      }
      if (!o.wait) throw busy(holder);
      if (!waited) o.onWait?.(describe(holder));
      waited = true;
      await sleep(o.pollMs ?? 500);
    }
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      // Ending the session drops its advisory locks.
      await client.end();
    },
  };
}
