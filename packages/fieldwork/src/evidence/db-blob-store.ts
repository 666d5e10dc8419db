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

  /**
   * `serverDigest`: the database computes SHA-256 itself (PostgreSQL's `sha256(bytea)`), see {@link storedDigests}.
   * `copy`: chunks go up by binary `COPY` (PostgreSQL through `copyCapablePool`), see {@link putFile}.
   */
  constructor(db: Kysely<Database>, o: { chunkBytes?: number; serverDigest?: boolean; copy?: boolean } = {}) {
    this.#db = db;
    this.#chunk = o.chunkBytes ?? BLOB_CHUNK_BYTES;
    this.#serverDigest = o.serverDigest ?? false;
    this.#copy = o.copy ?? false;
  }

  /**
   * The SHA-256 of each blob kept in one row, computed by the database in one query for the whole
   * batch, so verify moves 32 bytes per blob instead of the blob (as hex text, twice its size).
   * Blobs kept in chunks are absent from the answer (hash them from {@link stream}); so are
   * missing ones. Undefined when the database cannot hash (SQLite).
   */
  async storedDigests(shas: readonly string[]): Promise<Map<string, { sha256: string } | { chunks: number }> | undefined> {
    if (!this.#serverDigest || shas.length === 0) return this.#serverDigest ? new Map() : undefined;
    const { rows } = await sql<{ sha256: string; chunks: number; digest: string }>`
      select sha256, chunks, encode(sha256(bytes), 'hex') as digest from blobs where sha256 in (${sql.join([...shas])})`.execute(this.#db);
    return new Map(rows.map((r) => [r.sha256, Number(r.chunks) === 0 ? { sha256: r.digest } : { chunks: Number(r.chunks) }]));
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
