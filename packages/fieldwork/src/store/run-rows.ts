/**
 * @module Stored runs as results plus one row per exception, never copies of the population.
 *
 * A check run keeps, per control, its status, population count and query, notes, and the
 * artifacts its population traces cite (`itemArtifacts`); each exception is a `run_exceptions`
 * row with its citations. An audit run keeps its samples with their traces and moves each
 * control's exceptions to rows the same way. The run's data commits to the rows (`exceptionRows`:
 * count and SHA-256), and the run's results digest covers the data, so the rows stay verifiable
 * through the chain of runs. Runs stored before (format 1) are read as they are.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The stored run format that keeps exceptions as rows. */
export const RUN_FORMAT = 2;

/** The list in each run type's data whose entries carry `exceptions` (types not listed are stored whole). */
const LISTS: Readonly<Record<string, 'results' | 'controls'>> = { check: 'results', audit: 'controls' };

/** What a format-2 run's data says about its exception rows. */
export interface ExceptionRowsCommitment {
  count: number;
  /** SHA-256 over `entry TAB body LF` of each row, in (entry, ord) order. */
  sha256: string;
}

type Row = Database['run_exceptions'];
type Entry = Record<string, unknown> & { control?: string; exceptions?: unknown[]; itemArtifacts?: string[]; items?: { trace?: { citation?: { artifact?: string } }[] }[] };
type Exception = { rule?: unknown; subject?: unknown; at?: unknown };

const INSERT_BATCH = 500;

/** Incremental digest of exception rows, in the order they are stored. */
class RowsDigest {
  readonly #hash = createHash('sha256');
  count = 0;
  add(entry: number, body: string): void {
    this.#hash.update(`${entry}\t${body}\n`);
    this.count++;
  }
  done(): ExceptionRowsCommitment {
    return { count: this.count, sha256: this.#hash.digest('hex') };
  }
}

/**
 * Splits a run into the text stored in `runs.data` and its exception rows (without `run_id`).
 * Undefined for run types stored whole.
 *
 * @example
 * const compact = compactRun('check', { period, asOf, results, controls })
 * // compact.data has no `items` and no `exceptions`; compact.rows holds one row per exception
 */
export function compactRun(type: string, data: unknown): { data: string; rows: Omit<Row, 'run_id'>[] } | undefined {
  const list = LISTS[type];
  const entries = list && data && typeof data === 'object' ? (data as Record<string, unknown>)[list] : undefined;
  if (!Array.isArray(entries)) return undefined;
  const rows: Omit<Row, 'run_id'>[] = [];
  const digest = new RowsDigest();
  const compact = (entries as Entry[]).map((e, entry) => {
    const { exceptions = [], items, itemArtifacts, ...rest } = e;
    for (const [ord, x] of (exceptions as Exception[]).entries()) {
      const body = JSON.stringify(x);
      digest.add(entry, body);
      rows.push({ entry, ord, control: String(e.control ?? ''), rule: String(x.rule ?? ''), subject: String(x.subject ?? ''), at: typeof x.at === 'string' ? x.at : null, body });
    }
    // The population is not copied: its size and query stay, and the artifacts its traces cite
    // (worked out here, or already by the check run when it dropped the items as it went).
    const cited = itemArtifacts ? { itemArtifacts } : items ? { itemArtifacts: [...new Set(items.flatMap((i) => (i.trace ?? []).flatMap((t) => (t.citation?.artifact ? [t.citation.artifact] : []))))].sort() } : {};
    return { ...rest, exceptionCount: exceptions.length, ...cited };
  });
  const text = JSON.stringify({ ...(data as object), format: RUN_FORMAT, [list]: compact, exceptionRows: digest.done() });
  return { data: text, rows };
}

/** Inserts a run's exception rows (inside the transaction that appends the run). */
export async function insertRunExceptions(trx: Kysely<Database>, runId: number, rows: readonly Omit<Row, 'run_id'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx.insertInto('run_exceptions').values(rows.slice(i, i + INSERT_BATCH).map((r) => ({ run_id: runId, ...r }))).execute();
  }
}

/**
 * A stored run's data as the readers know it: for format 2, each entry gets its `exceptions`
 * back from the rows (none when the run was pruned) and check results an empty `items`.
 */
export async function readStoredRun<T>(db: Kysely<Database>, row: { id: unknown; type: string; data: string; pruned_at?: string | null }): Promise<T> {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const list = LISTS[row.type];
  if (data.format !== RUN_FORMAT || !list || !Array.isArray(data[list])) return data as T;
  const entries = data[list] as Entry[];
  for (const e of entries) {
    e.exceptions = [];
    if ('itemArtifacts' in e) e.items = [];
  }
  if (row.pruned_at != null) return data as T;
  const rows = await db.selectFrom('run_exceptions').select(['entry', 'body']).where('run_id', '=', Number(row.id)).orderBy('entry').orderBy('ord').execute();
  for (const r of rows) entries[r.entry]?.exceptions!.push(JSON.parse(r.body));
  return data as T;
}

/**
 * Checks a format-2 run's exception rows against the count and digest its data commits to.
 * Returns what is wrong, or null (also for other formats and for pruned runs, whose rows are gone).
 */
export async function checkRunExceptions(db: Kysely<Database>, row: { id: unknown; data: string; pruned_at: string | null }): Promise<string | null> {
  if (row.pruned_at != null) return null;
  const data = JSON.parse(row.data) as { format?: number; exceptionRows?: ExceptionRowsCommitment };
  if (data.format !== RUN_FORMAT || !data.exceptionRows) return null;
  const digest = new RowsDigest();
  let after: { entry: number; ord: number } | undefined;
  for (;;) {
    let q = db.selectFrom('run_exceptions').select(['entry', 'ord', 'body']).where('run_id', '=', Number(row.id));
    if (after) {
      const { entry, ord } = after;
      q = q.where((eb) => eb.or([eb('entry', '>', entry), eb.and([eb('entry', '=', entry), eb('ord', '>', ord)])]));
    }
    const page = await q.orderBy('entry').orderBy('ord').limit(5000).execute();
    for (const r of page) digest.add(r.entry, r.body);
    if (page.length < 5000) break;
    after = { entry: page.at(-1)!.entry, ord: page.at(-1)!.ord };
  }
  const got = digest.done();
  const want = data.exceptionRows;
  if (got.count !== want.count) return `holds ${got.count} exception row(s) but its results commit to ${want.count}`;
  if (got.sha256 !== want.sha256) return 'has exception rows that no longer match the digest its results commit to';
  return null;
}

/** True when a run stored before format 2 had its data cut down to results by the keep policy. */
export function isPrunedLegacyRun(row: { data: string; pruned_at: string | null }): boolean {
  if (row.pruned_at == null) return false;
  try {
    return (JSON.parse(row.data) as { prunedLegacy?: unknown }).prunedLegacy === true;
  } catch {
    return false;
  }
}

/** How many full runs of each type the keep policy leaves by default. */
export const DEFAULT_RUNS_KEPT = 5;
/** The fewest runs of a type kept whole (`runs.keep` minimum): the digest compares the latest two. */
export const MIN_RUNS_KEPT = 2;

/**
 * The keep policy: every check or audit run but the latest `keep` of its type is cut down to its results. A
 * format-2 run loses its exception rows (its data, and so its digest, is untouched: counts,
 * populations and the rows' digest remain). A run stored before keeps only the results the
 * format-2 data would hold, marked `prunedLegacy`: its committed digest stays in the chain but
 * can no longer be rechecked. Returns the ids pruned.
 */
export async function pruneRuns(trx: Kysely<Database>, type: string, keep: number, now = new Date()): Promise<number[]> {
  if (!LISTS[type]) return [];
  const kept = await trx.selectFrom('runs').select('id').where('type', '=', type).orderBy('id', 'desc').limit(keep).execute();
  if (kept.length < keep) return [];
  const oldestKept = Number(kept.at(-1)!.id);
  const stale = await trx.selectFrom('runs').select('id').where('type', '=', type).where('id', '<', oldestKept).where('pruned_at', 'is', null).orderBy('id').execute();
  const at = now.toISOString();
  for (const { id } of stale) {
    const runId = Number(id);
    await trx.deleteFrom('run_exceptions').where('run_id', '=', runId).execute();
    const row = await trx.selectFrom('runs').select('data').where('id', '=', runId).executeTakeFirstOrThrow();
    let data: string | undefined;
    const parsed = JSON.parse(row.data) as Record<string, unknown>;
    if (parsed.format !== RUN_FORMAT) {
      const compact = compactRun(type, parsed);
      if (compact) data = JSON.stringify({ ...(JSON.parse(compact.data) as object), prunedLegacy: true });
    }
    await trx.updateTable('runs').set(data === undefined ? { pruned_at: at } : { pruned_at: at, data }).where('id', '=', runId).execute();
  }
  return stale.map((r) => Number(r.id));
}
