import { createHash } from 'node:crypto';
import type { BlobStore } from './blob-store.js';
import type { DbBlobStore } from './db-blob-store.js';
import { hashFileSync, HashPool } from './hash-pool.js';

/**
 * Fewer bytes than this (or, when the caller does not say how many, fewer blobs than
 * POOL_FROM) are hashed on the main thread: this thread hashes them before worker threads
 * would have started (50-100 ms on a quiet machine, several hundred under load).
 */
const POOL_FROM_BYTES = 64 << 20;
const POOL_FROM = 16;

/** Blobs a database store hashes per query. */
const DIGEST_BATCH = 64;
/**
 * Digest queries in flight at once: each runs in its own server process on its own pooled
 * connection (the pool holds 4; the record reader takes one), so the server hashes on every core.
 */
const DIGEST_QUERIES = 3;

/**
 * Hashes a store's blobs in the order `verify` will ask for them, a bounded window ahead: files
 * (SQLite's blob folder) on a pool of worker threads, database blobs (PostgreSQL) a few streams
 * at a time. Memory stays bounded by the window whatever the number of blobs.
 *
 * @example
 * const hasher = new BlobHasher(store, shas)
 * try { for (const sha of shas) console.log(await hasher.hashOf(sha)) } finally { await hasher.close() }
 */
export class BlobHasher {
  readonly #store: BlobStore;
  readonly #order: readonly string[];
  readonly #position = new Map<string, number>();
  readonly #started = new Map<string, Promise<string | undefined>>();
  readonly #pool: HashPool | undefined;
  readonly #window: number;
  /** Digests the database computed, by batch (PostgreSQL): sha → promise of the batch's answers. */
  readonly #batches = new Map<string, Promise<Map<string, { sha256: string } | { chunks: number }> | undefined>>();
  #cursor = 0;

  /**
   * `bytes`: about how many bytes the blobs hold (the artifacts table's sizes), to decide
   * whether worker threads are worth starting; `threads: 1` hashes on the main thread.
   */
  constructor(store: BlobStore, order: readonly string[], o: { threads?: number; bytes?: number } = {}) {
    this.#store = store;
    this.#order = order;
    order.forEach((sha, i) => this.#position.set(sha, i));
    const files = order.length > 0 && store.pathOf(order[0]) !== undefined;
    const many = o.bytes !== undefined ? o.bytes >= POOL_FROM_BYTES : order.length >= POOL_FROM;
    this.#pool = files && many && o.threads !== 1 ? new HashPool(o.threads) : undefined;
    // Enough files in flight to keep every worker busy; database digests a batch ahead; files
    // hashed on this thread when asked for.
    this.#window = this.#pool ? 64 : files ? 0 : DIGEST_BATCH * DIGEST_QUERIES;
  }

  /** The SHA-256 of the stored bytes, or undefined when the blob is missing. */
  hashOf(sha: string): Promise<string | undefined> {
    const at = this.#position.get(sha) ?? this.#cursor;
    while (this.#cursor < this.#order.length && this.#cursor <= at + this.#window) this.#start(this.#order[this.#cursor++]);
    const p = this.#started.get(sha) ?? this.#hash(sha);
    this.#started.delete(sha);
    // Still queued means no worker is online yet: hash it here rather than wait for one.
    const path = this.#pool && this.#store.pathOf(sha);
    if (path) this.#pool!.hashHere(path);
    return p;
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }

  #start(sha: string): void {
    if (this.#started.has(sha)) return;
    // Database stores that hash in place: one query per batch of blobs, started with its first.
    const digests = (this.#store as Partial<DbBlobStore>).storedDigests;
    if (digests && !this.#batches.has(sha)) {
      const at = this.#position.get(sha) ?? 0;
      const batch = this.#order.slice(at, at + DIGEST_BATCH).filter((s) => !this.#batches.has(s));
      const p = digests.call(this.#store, batch);
      p.catch(() => undefined);
      for (const s of batch) this.#batches.set(s, p);
    }
    const p = this.#hash(sha);
    // Awaited later by hashOf; a failure must not surface as an unhandled rejection meanwhile.
    p.catch(() => undefined);
    this.#started.set(sha, p);
  }

  async #hash(sha: string): Promise<string | undefined> {
    const batch = this.#batches.get(sha);
    if (batch) {
      this.#batches.delete(sha);
      const answers = await batch;
      if (answers) {
        const a = answers.get(sha);
        if (a === undefined) return undefined;
        if ('sha256' in a) return a.sha256;
      }
    }
    const path = this.#store.pathOf(sha);
    if (path !== undefined) {
      return this.#pool ? this.#pool.hash(path) : hashFileSync(path);
    }
    const parts = await this.#store.stream(sha);
    if (!parts) return undefined;
    const h = createHash('sha256');
    for await (const part of parts) h.update(part);
    return h.digest('hex');
  }
}
