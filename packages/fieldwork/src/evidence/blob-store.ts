/**
 * Where artifact bytes live, addressed by SHA-256. The filesystem store sits beside SQLite;
 * the database store keeps bytes in the `blobs` table (PostgreSQL).
 */
export interface BlobStore {
  /** Stores the file at `path` under `sha256` (no-op when present). */
  putFile(sha256: string, path: string): Promise<void>;
  /** Reads the bytes, or undefined when missing. */
  read(sha256: string): Promise<Buffer | undefined>;
  /** The bytes in order without holding them all in memory, or undefined when missing. */
  stream(sha256: string): Promise<AsyncIterable<Buffer> | undefined>;
  /** True when the blob is present. */
  has(sha256: string): Promise<boolean>;
  /** Every stored digest (to find orphans). */
  list(): Promise<string[]>;
  /** A filesystem path to the bytes when the store has one (for streaming); undefined otherwise. */
  pathOf(sha256: string): string | undefined;
  /** The folder collections stage the bytes they read into before parsing and storing them. */
  stagingDir(): string;
  /** Deletes a blob: garbage collection only, under the collection lock. */
  remove(sha256: string): Promise<void>;
}
