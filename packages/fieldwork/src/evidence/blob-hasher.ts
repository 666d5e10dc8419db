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

/**
 * Hashes a store's blobs: files (SQLite's blob folder) in the order `verify` will ask for them, a
 * bounded window ahead, on a pool of worker threads; database blobs (PostgreSQL) all at once,
 * by the server, in key ranges on two connections ({@link DbBlobStore.digestsByRange}), in
 * whatever order the ranges finish ({@link inOrder} is false: ask for every blob first, then
 * await the answers). Blobs kept in chunks are streamed here one at a time. Memory stays bounded
 * whatever the size of the blobs: a window of files, or a digest per database blob.
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
  /** Every digest the database computed (PostgreSQL), started when the hasher is made. */
  #digests: Promise<Map<string, { sha256: string } | { chunks: number }> | undefined> | undefined;
  /** Blobs kept in chunks are streamed one after another: one chunk in memory at a time. */
  #streamed: Promise<unknown> = Promise.resolve();
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
    // Enough files in flight to keep every worker busy; files hashed on this thread when asked for.
    this.#window = this.#pool ? 64 : 0;
    this.inOrder = typeof (store as Partial<DbBlobStore>).digestsByRange !== 'function';
    // The server starts hashing now, while verify reads the first records and checks the chain.
    if (!this.inOrder && order.length > 0) this.#startDigests();
  }

  /**
   * True when each blob should be awaited as it is asked for (files: the window moves with the
   * requests); false when every blob should be asked for first and the answers awaited after
   * (database digests arrive by key range, not in the order asked).
   */
  readonly inOrder: boolean;

  /** The SHA-256 of the stored bytes, or undefined when the blob is missing. */
  hashOf(sha: string): Promise<string | undefined> {
    if (!this.inOrder) return this.#fromDatabase(sha);
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

  #startDigests(): Promise<Map<string, { sha256: string } | { chunks: number }> | undefined> {
    if (!this.#digests) {
      this.#digests = (this.#store as DbBlobStore).digestsByRange({ count: this.#order.length });
      // Awaited by hashOf; a failure must not surface as an unhandled rejection meanwhile.
      this.#digests.catch(() => undefined);
    }
    return this.#digests;
  }

  async #fromDatabase(sha: string): Promise<string | undefined> {
    const digests = await this.#startDigests();
    const a = digests?.get(sha);
    if (digests && a === undefined) return undefined;
    if (a && 'sha256' in a) return a.sha256;
    const streamed = this.#streamed.then(() => this.#hash(sha));
    this.#streamed = streamed.catch(() => undefined);
    return streamed;
  }

  #start(sha: string): void {
    if (this.#started.has(sha)) return;
    const p = this.#hash(sha);
    // Awaited later by hashOf; a failure must not surface as an unhandled rejection meanwhile.
    p.catch(() => undefined);
    this.#started.set(sha, p);
  }

  async #hash(sha: string): Promise<string | undefined> {
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
