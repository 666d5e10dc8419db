import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { integrityWorkspace, openTestStore, TEST_DIALECTS } from '../testing/index.js';
import { BLOB_CHUNK_BYTES, DbBlobStore } from './db-blob-store.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

for (const dialect of TEST_DIALECTS) {
  describe(`database blobs on ${dialect}`, () => {
    // PostgreSQL stores take chunks by binary COPY; the statement-per-chunk path stays for any other database.
    for (const copy of dialect === 'postgres' ? [false, true] : [false]) it(`keeps a blob larger than a chunk as ordered chunks and gives back the same bytes, whole or streamed${copy ? ' (COPY)' : ''}`, async () => {
      const t = await openTestStore(dialect);
      try {
        const blobs = new DbBlobStore(t.store.db, { chunkBytes: 64 * 1024, copy });
        const big = randomBytes(17 * 64 * 1024 + 123);
        const small = randomBytes(1000);
        const bigFile = join(t.dir, 'big.bin');
        const smallFile = join(t.dir, 'small.bin');
        writeFileSync(bigFile, big);
        writeFileSync(smallFile, small);
        await blobs.putFile(sha(big), bigFile);
        await blobs.putFile(sha(big), bigFile); // again: a no-op
        await blobs.putFile(sha(small), smallFile);
        const rows = await t.store.db.selectFrom('blob_chunks').select(['seq']).where('sha256', '=', sha(big)).orderBy('seq').execute();
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i));
        expect((await t.store.db.selectFrom('blobs').select('chunks').where('sha256', '=', sha(big)).executeTakeFirstOrThrow()).chunks).toBe(18);
        expect(sha((await blobs.read(sha(big)))!)).toBe(sha(big));
        expect((await blobs.read(sha(small)))!.equals(small)).toBe(true);
        const seen: number[] = [];
        for await (const part of (await blobs.stream(sha(big)))!) seen.push(part.length);
        expect(Math.max(...seen)).toBe(64 * 1024);
        expect(seen.reduce((a, b) => a + b, 0)).toBe(big.length);
        expect(await blobs.list()).toEqual([sha(big), sha(small)].sort());
        await blobs.remove(sha(big));
        expect(await blobs.has(sha(big))).toBe(false);
        expect(await blobs.stream(sha(big))).toBeUndefined();
        expect(await t.store.db.selectFrom('blob_chunks').select('seq').execute()).toEqual([]);
      } finally {
        await t.dispose();
      }
    });

    it('lists chunks a killed write left without their blob row, so garbage collection can remove them', async () => {
      const t = await openTestStore(dialect);
      try {
        const blobs = new DbBlobStore(t.store.db, { chunkBytes: 1024 });
        await t.store.db.insertInto('blob_chunks').values({ sha256: 'f'.repeat(64), seq: 0, bytes: Buffer.from('partial') }).execute();
        expect(await blobs.has('f'.repeat(64))).toBe(false);
        expect(await blobs.list()).toEqual(['f'.repeat(64)]);
      } finally {
        await t.dispose();
      }
    });
  });
}

if (TEST_DIALECTS.includes('postgres')) {
  describe('large blobs by COPY on postgres', () => {
    it('stores the bytes once when two transactions write the same blob at once, and replaces chunks a killed write left', async () => {
      const t = await openTestStore('postgres');
      try {
        const blobs = new DbBlobStore(t.store.db, { chunkBytes: 64 * 1024, copy: true });
        const big = randomBytes(5 * 64 * 1024 + 7);
        const file = join(t.dir, 'big.bin');
        writeFileSync(file, big);
        // A killed write of an older version: a stray chunk without its `blobs` row.
        await t.store.db.insertInto('blob_chunks').values({ sha256: sha(big), seq: 3, bytes: Buffer.from('partial') }).execute();
        await Promise.all([0, 1].map(() => t.store.db.transaction().execute((trx) => blobs.putFile(sha(big), file, trx))));
        const rows = await t.store.db.selectFrom('blob_chunks').select(['seq']).where('sha256', '=', sha(big)).orderBy('seq').execute();
        expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
        expect((await blobs.read(sha(big)))!.equals(big)).toBe(true);
        // Rolled back with its transaction: neither the claim nor a chunk stays.
        const other = randomBytes(3 * 64 * 1024);
        writeFileSync(file, other);
        await expect(t.store.db.transaction().execute(async (trx) => {
          await blobs.putFile(sha(other), file, trx);
          throw new Error('parse failed');
        })).rejects.toThrow('parse failed');
        expect(await blobs.has(sha(other))).toBe(false);
        expect(await t.store.db.selectFrom('blob_chunks').select('seq').where('sha256', '=', sha(other)).execute()).toEqual([]);
      } finally {
        await t.dispose();
      }
    });
  });

  describe('a collected artifact larger than a chunk on postgres', () => {
    it('is verified chunk by chunk, and an edited chunk is named by verify', async () => {
      const iw = await integrityWorkspace('postgres');
      const store = await iw.open();
      try {
        // A little over one chunk, in few rows (long names), so the collection stays quick.
        const rows = ['Employee ID,Name,Work Email,Start Date,End Date'];
        const filler = 'n'.repeat(2000);
        let size = 0;
        for (let i = 0; size < BLOB_CHUNK_BYTES * 1.3; i += 1) {
          const row = `x-${i},Person ${i} ${filler},person.${i}@example.com,2025-01-06,`;
          rows.push(row);
          size += row.length + 1;
        }
        writeFileSync(join(iw.dir, 'hr', 'big.csv'), rows.join('\n') + '\n');
        await collectWorkspace(iw.ws, store);
        const chunked = await store.db.selectFrom('blobs').select(['sha256', 'chunks']).where('chunks', '>', 0).execute();
        expect(chunked).toHaveLength(1);
        expect(chunked[0]!.chunks).toBe(2);
        expect((await store.verify()).ok).toBe(true);
        await sql`update blob_chunks set bytes = ${Buffer.from('tampered')} where seq = 1`.execute(store.db);
        const v = await store.verify();
        expect(v.ok).toBe(false);
        expect(JSON.stringify(v.problems)).toContain(chunked[0]!.sha256);
      } finally {
        await store.close();
        await iw.dispose();
      }
    }, 180_000);
  });
}
