import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { integrityWorkspace, openTestStore, TEST_DIALECTS } from '../testing/index.js';
import { BlobHasher } from './blob-hasher.js';
import { BLOB_CHUNK_BYTES, DbBlobStore, digestRanges } from './db-blob-store.js';

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

describe('digest key ranges', () => {
  it('cut the key space in order, open at both ends, about the asked number of keys each', () => {
    expect(digestRanges(10, 64)).toEqual([[undefined, undefined]]);
    const ranges = digestRanges(1000, 64);
    expect(ranges).toHaveLength(16);
    expect(ranges[0]![0]).toBeUndefined();
    expect(ranges.at(-1)![1]).toBeUndefined();
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
    const cuts = ranges.slice(1).map((r) => r[0]!);
    expect([...cuts].sort()).toEqual(cuts);
    // 4,096 ranges at most (3-hex-digit cuts), however many keys.
    expect(digestRanges(10_000_000, 64)).toHaveLength(4096);
    // Every key, hex or not, falls in exactly one range.
    const keys = [...Array.from({ length: 200 }, (_, i) => sha(Buffer.from(String(i)))), '', 'zz', '000', 'fff', '0ff0'];
    for (const k of keys) expect(ranges.filter(([lo, hi]) => (lo === undefined || k >= lo) && (hi === undefined || k < hi))).toHaveLength(1);
  });
});

if (TEST_DIALECTS.includes('postgres')) {
  describe('blob digests by key range on postgres', () => {
    it('hashes every blob on the server, two ranges at a time, and names a changed and a missing blob in every range', async () => {
      const t = await openTestStore('postgres');
      try {
        // Eight blobs per range: 96 blobs make 12 ranges, each with its own tampered blob.
        const blobs = new DbBlobStore(t.store.db, { serverDigest: true, rangeBlobs: 8 });
        const shas: string[] = [];
        for (let i = 0; i < 96; i++) {
          const bytes = Buffer.from(`blob ${i} `.repeat(i * 40 + 1));
          const file = join(t.dir, `b${i}`);
          writeFileSync(file, bytes);
          shas.push(sha(bytes));
          await blobs.putFile(sha(bytes), file);
        }
        const ranges = digestRanges(shas.length, 8);
        expect(ranges).toHaveLength(12);
        const inRange = (k: string) => ranges.findIndex(([lo, hi]) => (lo === undefined || k >= lo) && (hi === undefined || k < hi));
        const changed = new Set<string>();
        const missing = new Set<string>();
        for (let r = 0; r < ranges.length; r++) {
          const mine = shas.filter((s) => inRange(s) === r);
          // Each range holds some of the 96 keys (uniform); tamper with its first, delete its last.
          expect(mine.length).toBeGreaterThan(1);
          changed.add(mine[0]!);
          missing.add(mine.at(-1)!);
        }
        for (const s of changed) await sql`update blobs set bytes = bytes || ${Buffer.from('x')} where sha256 = ${s}`.execute(t.store.db);
        for (const s of missing) await t.store.db.deleteFrom('blobs').where('sha256', '=', s).execute();
        const hasher = new BlobHasher(blobs, shas);
        expect(hasher.inOrder).toBe(false);
        const got = await Promise.all(shas.map((s) => hasher.hashOf(s)));
        await hasher.close();
        const verdict = (s: string, h: string | undefined) => (h === s ? 'ok' : h === undefined ? 'missing' : 'changed');
        expect(shas.map((s, i) => verdict(s, got[i]))).toEqual(shas.map((s) => (changed.has(s) ? 'changed' : missing.has(s) ? 'missing' : 'ok')));
      } finally {
        await t.dispose();
      }
    });
  });

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
