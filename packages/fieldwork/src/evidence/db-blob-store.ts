import { open, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldworkError } from '@fieldwork/core';
import type { Kysely } from 'kysely';
import { CompiledQuery, sql } from 'kysely';
import { CopyData } from '../store/copy-capable-pool.js';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';

/** Bytes per row of `blob_chunks`: small enough to read back as one hex string, large enough to be few. */
export const BLOB_CHUNK_BYTES = 8 << 20;

/** Blobs per digest query, about (see {@link DbBlobStore.digestsByRange}). */
const DIGEST_RANGE_BLOBS = 64;
/** Digest queries in flight at once: one backend per core of this 2-core machine (see {@link DbBlobStore.digestsByRange}). */
const DIGEST_CONNECTIONS = 2;

/**
 * Key ranges `[lo, hi)` over the digest space, about `perRange` of `count` uniform keys each, cut
 * at 3-hex-digit prefixes (at most 4,096 ranges); the first is open below, the last open above.
 */
export function digestRanges(count: number, perRange: number): [string | undefined, string | undefined][] {
  const n = Math.max(1, Math.min(4096, Math.ceil(count / perRange)));
  const cut = (i: number) => Math.floor((i * 4096) / n).toString(16).padStart(3, '0');
  return Array.from({ length: n }, (_, i) => [i === 0 ? undefined : cut(i), i === n - 1 ? undefined : cut(i + 1)]);
}

const COPY_CHUNK = 'copy blob_chunks (sha256, seq, bytes) from stdin (format binary)';

/**
 * One `blob_chunks` row in PostgreSQL's binary COPY format: header, the row (3 fields: the
 * digest as text, `seq` as a 4-byte integer, the bytes), trailer. The bytes are not copied.
 */
function chunkRow(sha256: string, seq: number, bytes: Buffer): Buffer[] {
  const digest = Buffer.from(sha256, 'utf8');
  const head = Buffer.alloc(19 + 2 + 4 + digest.length + 4 + 4 + 4);
  head.write('PGCOPY\n\xff\r\n\0', 0, 'latin1');
  let at = head.writeInt16BE(3, 19);
  at = head.writeInt32BE(digest.length, at);
  at += digest.copy(head, at);
  at = head.writeInt32BE(4, at);
  at = head.writeInt32BE(seq, at);
  head.writeInt32BE(bytes.length, at);
  return [head, bytes, Buffer.from([0xff, 0xff])];
}

/**
 * Blobs in the database, so several PostgreSQL-backed instances share them. A blob up to one
 * chunk is a row of `blobs`; a larger one is a row of `blobs` naming its chunk count and its
 * bytes in order in `blob_chunks`, so blobs of any size can be written, read and hashed.
 */
export class DbBlobStore implements BlobStore {
  readonly #db: Kysely<Database>;
  readonly #chunk: number;
  readonly #serverDigest: boolean;
  readonly #copy: boolean;
  readonly #rangeBlobs: number;

  /**
   * `serverDigest`: the database computes SHA-256 itself (PostgreSQL's `sha256(bytea)`), see {@link digestsByRange}.
   * `copy`: chunks go up by binary `COPY` (PostgreSQL through `copyCapablePool`), see {@link putFile}.
   * `rangeBlobs`: about how many blobs one digest query hashes (tests make it small to get many ranges).
   */
  constructor(db: Kysely<Database>, o: { chunkBytes?: number; serverDigest?: boolean; copy?: boolean; rangeBlobs?: number } = {}) {
    this.#db = db;
    this.#chunk = o.chunkBytes ?? BLOB_CHUNK_BYTES;
    this.#serverDigest = o.serverDigest ?? false;
    this.#copy = o.copy ?? false;
    this.#rangeBlobs = o.rangeBlobs ?? DIGEST_RANGE_BLOBS;
  }

  /**
   * The SHA-256 of every blob kept in one row, computed by the database (PostgreSQL's
   * `sha256(bytea)`), so verify moves 32 bytes per blob instead of the blob. The digest space is cut
   * into key ranges of about `rangeBlobs` blobs (SHA-256 keys are uniform), and `connections` queries
   * run at once, each taking the next range: every backend is its own server process, so the
   * server hashes on that many cores, and no backend waits on the others. Two, not more: each new
   * backend pays page faults on every shared buffer it touches, so a third one costs more server
   * CPU than it saves on a 2-core machine (docs/scale.md, pgverify). The first range has no lower
   * bound and the last no upper bound, so every row falls in exactly one range whatever its key
   * and whatever the collation. Blobs kept in chunks are given as `{ chunks }` (hash them from
   * {@link stream}); a blob absent from the answer is missing. Undefined when the database cannot
   * hash (SQLite).
   */
  async digestsByRange(o: { count: number; connections?: number }): Promise<Map<string, { sha256: string } | { chunks: number }> | undefined> {
    if (!this.#serverDigest) return undefined;
    const ranges = digestRanges(o.count, this.#rangeBlobs);
    const out = new Map<string, { sha256: string } | { chunks: number }>();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < ranges.length; i = next++) {
        const [lo, hi] = ranges[i]!;
        const { rows } = await sql<{ sha256: string; chunks: number; digest: string }>`
          select sha256, chunks, encode(sha256(bytes), 'hex') as digest from blobs
          where ${lo === undefined ? sql`true` : sql`sha256 >= ${lo}`} and ${hi === undefined ? sql`true` : sql`sha256 < ${hi}`}`.execute(this.#db);
        for (const r of rows) out.set(r.sha256, Number(r.chunks) === 0 ? { sha256: r.digest } : { chunks: Number(r.chunks) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(o.connections ?? DIGEST_CONNECTIONS, ranges.length) }, worker));
    return out;
  }

  pathOf(): undefined {
    return undefined;
  }

  /** Staged copies live in the machine's temporary folder; the bytes go into the table. */
  stagingDir(): string {
    return join(tmpdir(), 'fieldwork-staging');
  }

  async putFile(sha256: string, path: string, db: Kysely<Database> = this.#db): Promise<void> {
    const { size } = await stat(path);
    if (size <= this.#chunk) {
      const bytes = await readFile(path);
      await db.insertInto('blobs').values({ sha256, bytes }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      return;
    }
    if (await this.has(sha256, db)) return;
    if (this.#copy) {
      await (db.isTransaction ? this.#copyChunks(sha256, path, size, db) : db.transaction().execute((t) => this.#copyChunks(sha256, path, size, t)));
      return;
    }
    // Chunks first, the `blobs` row last: the blob exists only once all its bytes do.
    const file = await open(path, 'r');
    let seq = 0;
    try {
      for (;;) {
        const buffer = Buffer.allocUnsafe(this.#chunk);
        const { bytesRead } = await file.read(buffer, 0, this.#chunk, null);
        if (bytesRead === 0) break;
        await db.insertInto('blob_chunks').values({ sha256, seq, bytes: buffer.subarray(0, bytesRead) })
          // `excluded.bytes`: the chunk is sent once, not a second time for the update.
          .onConflict((oc) => oc.columns(['sha256', 'seq']).doUpdateSet((eb) => ({ bytes: eb.ref('excluded.bytes') }))).execute();
        seq++;
      }
    } finally {
      await file.close();
    }
    await db.insertInto('blobs').values({ sha256, bytes: Buffer.alloc(0), chunks: seq }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  }

  /**
   * A large blob on PostgreSQL, in one transaction: the `blobs` row first, which claims the
   * digest (a writer of the same bytes in another transaction waits on it, then finds it taken and
   * stops), then each chunk as one binary `COPY` read into one reused buffer. Both appear at once
   * when the transaction commits. Against an `insert … on conflict` of each chunk as a statement
   * parameter, the client does not copy every chunk into a freshly allocated message.
   */
  async #copyChunks(sha256: string, path: string, size: number, trx: Kysely<Database>): Promise<void> {
    const chunks = Math.ceil(size / this.#chunk);
    const claimed = await trx.insertInto('blobs').values({ sha256, bytes: Buffer.alloc(0), chunks }).onConflict((oc) => oc.column('sha256').doNothing()).executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) return;
    // Chunks an older version's killed write left without their `blobs` row.
    await trx.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
    const file = await open(path, 'r');
    const buffer = Buffer.allocUnsafe(Math.min(this.#chunk, size));
    try {
      for (let seq = 0; seq < chunks; seq++) {
        const want = Math.min(this.#chunk, size - seq * this.#chunk);
        const { bytesRead } = await file.read(buffer, 0, want, seq * this.#chunk);
        if (bytesRead !== want) throw new FieldworkError('STORE_FAILED', `The file behind blob ${sha256.slice(0, 12)}… is shorter than when it was staged (${path}).`, { hint: 'Collect again.' });
        await trx.executeQuery(CompiledQuery.raw(COPY_CHUNK, [new CopyData(chunkRow(sha256, seq, buffer.subarray(0, want)))]));
      }
    } finally {
      await file.close();
    }
  }

  /** Deletes a blob. Only garbage collection calls this, under the collection lock. */
  async remove(sha256: string): Promise<void> {
    await this.#db.deleteFrom('blob_chunks').where('sha256', '=', sha256).execute();
    await this.#db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
  }

  async read(sha256: string): Promise<Buffer | undefined> {
    const parts = await this.stream(sha256);
    if (!parts) return undefined;
    const buffers: Buffer[] = [];
    for await (const part of parts) buffers.push(part);
    return buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
  }

  /** The bytes in order, a chunk at a time (never more than one chunk in memory). */
  async stream(sha256: string): Promise<AsyncIterable<Buffer> | undefined> {
    const row = await this.#db.selectFrom('blobs').select(['bytes', 'chunks']).where('sha256', '=', sha256).executeTakeFirst();
    if (!row) return undefined;
    const chunks = Number(row.chunks);
    const db = this.#db;
    return (async function* () {
      if (chunks === 0) {
        yield Buffer.from(row.bytes);
        return;
      }
      for (let seq = 0; seq < chunks; seq++) {
        const part = await db.selectFrom('blob_chunks').select('bytes').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
        // A missing chunk ends the bytes early: the hash then differs and verify names the blob.
        if (!part) return;
        yield Buffer.from(part.bytes);
      }
    })();
  }

  async has(sha256: string, db: Kysely<Database> = this.#db): Promise<boolean> {
    return !!(await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
  }

  /** Every stored digest, including chunks a killed write left without their `blobs` row (so garbage collection finds them). */
  async list(): Promise<string[]> {
    const whole = (await this.#db.selectFrom('blobs').select('sha256').execute()).map((r) => r.sha256);
    const chunked = (await this.#db.selectFrom('blob_chunks').select('sha256').distinct().execute()).map((r) => r.sha256);
    return [...new Set([...whole, ...chunked])].sort();
  }
}
