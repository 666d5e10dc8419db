import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { BlobStore } from './blob-store.js';

/** Blobs in the `blobs` table, so several PostgreSQL-backed instances share them. */
export class DbBlobStore implements BlobStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  pathOf(): undefined {
    return undefined;
  }

  /** Staged copies live in the machine's temporary folder; the bytes go into the table. */
  stagingDir(): string {
    return join(tmpdir(), 'fieldwork-staging');
  }

  async putFile(sha256: string, path: string, db: Kysely<Database> = this.#db): Promise<void> {
    const bytes = await readFile(path);
    await db.insertInto('blobs').values({ sha256, bytes }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  }

  /** Deletes a blob. Only garbage collection calls this, under the collection lock. */
  async remove(sha256: string): Promise<void> {
    await this.#db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
  }

  async read(sha256: string): Promise<Buffer | undefined> {
    const row = await this.#db.selectFrom('blobs').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
    return row ? Buffer.from(row.bytes) : undefined;
  }

  async has(sha256: string): Promise<boolean> {
    return !!(await this.#db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
  }

  async list(): Promise<string[]> {
    return (await this.#db.selectFrom('blobs').select('sha256').orderBy('sha256').execute()).map((r) => r.sha256);
  }
}
