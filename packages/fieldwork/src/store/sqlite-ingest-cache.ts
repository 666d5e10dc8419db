import type SqliteDatabase from 'better-sqlite3';

/**
 * Page cache (KiB) while an artifact's records are written. SQLite's default is 2 MB: the
 * (source, kind, identity) index takes each new record at a random place (identities are
 * trace and span ids), so past a few MB of index nearly every insert missed the cache and
 * spilled dirty pages to the WAL mid-transaction, and ingest slowed as the table grew.
 * Measured on a 200 MiB OTLP collect (bench/otlp-ingest.mjs, load 13–16): 2 MB 19.5 CPU s and
 * 64 MB 16.7 s with the same collector; after its own changes 32 MB 15.6 s and 64 MB 15.5 s,
 * peak RSS 206 and 320 MB. At 1 GiB 32 MB peaked at 355 MB (the goal is under 300 MB), so
 * 16 MB: the 200 MiB index still fits.
 */
export const INGEST_CACHE_KIB = 16 * 1024;

/**
 * Runs `fn` with a larger page cache on this connection, restoring the previous size after
 * (the cache is freed when shrunk, so a long-lived `serve` keeps its usual footprint).
 * Durability is untouched: journal mode, synchronous and the one transaction stay as they are.
 *
 * @example
 * await withIngestCache(native, () => writeTransaction(...));
 */
export async function withIngestCache<T>(native: SqliteDatabase.Database | undefined, fn: () => Promise<T>): Promise<T> {
  if (!native) return fn();
  const before = native.pragma('cache_size', { simple: true }) as number;
  native.pragma(`cache_size = -${INGEST_CACHE_KIB}`);
  try {
    return await fn();
  } finally {
    native.pragma(`cache_size = ${before}`);
  }
}
