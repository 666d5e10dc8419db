import type SqliteDatabase from 'better-sqlite3';

/**
 * The indexes of `records` whose new entries land all over the B-tree: identities are trace and
 * span ids, and `at` interleaves across kinds. `records_ledger_seq` takes each new row at its
 * right edge, which costs less than a rebuild's scan of the whole table.
 */
const DEFERRED = ['records_source_kind_identity', 'records_kind_at'];

/** Page cache (KiB) while the indexes are built again. */
const REBUILD_CACHE_KIB = 2048;

/**
 * Runs `insert` (which writes one artifact's records, inside the open ingest transaction) with
 * the scattered secondary indexes of `records` dropped, then creates them again from their own
 * SQL, when the artifact is at least as large as the whole database file: for a bulk load into
 * a small store, sorting every row once is cheaper than inserting each new row at a random place
 * of the B-tree. A large store keeps its indexes and inserts into them, so a small daily artifact
 * never rebuilds them. The drop and the rebuild are part of the transaction: a failure or a kill
 * rolls both back with the records.
 *
 * @example
 * await withDeferredRecordIndexes(native, input.size, async () => { ...insert rows...; await rows.flush(); });
 */
export async function withDeferredRecordIndexes(native: SqliteDatabase.Database | undefined, artifactBytes: number, insert: () => Promise<void>): Promise<void> {
  if (!native || !native.inTransaction || artifactBytes < databaseBytes(native)) return insert();
  const indexes = (native.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'records' and sql is not null order by name").all() as { name: string; sql: string }[])
    .filter((i) => DEFERRED.includes(i.name));
  for (const i of indexes) native.exec(`drop index "${i.name.replaceAll('"', '""')}"`);
  await insert();
  // The sort of each rebuild holds up to the page cache's size in memory: the ingest's larger
  // cache would add its size to the peak again (200 MiB of OTLP: +31 MB at 16 MB, +5 MB at 2 MB,
  // and the smaller sort was faster too: 0.60 -> 0.41 CPU s for both indexes).
  const cache = native.pragma('cache_size', { simple: true }) as number;
  native.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
  try {
    for (const i of indexes) native.exec(i.sql);
  } finally {
    native.pragma(`cache_size = ${cache}`);
  }
}

function databaseBytes(native: SqliteDatabase.Database): number {
  return (native.pragma('page_count', { simple: true }) as number) * (native.pragma('page_size', { simple: true }) as number);
}
