import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobHasher } from './blob-hasher.js';
import { FsBlobStore } from './fs-blob-store.js';
import { hashFileSync, HashPool } from './hash-pool.js';
import { sha256 } from './hash.js';

describe('parallel blob hashing', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes files on worker threads: the same digests as one at a time, undefined for a missing file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-hash-pool-'));
    const files = Array.from({ length: 12 }, (_, i) => {
      const path = join(dir, `f${i}`);
      // Sizes on both sides of the worker's 1 MiB read block.
      writeFileSync(path, Buffer.alloc(i * 200_000 + 1, i));
      return path;
    });
    const pool = new HashPool(2);
    try {
      const got = await Promise.all([...files, join(dir, 'absent')].map((p) => pool.hash(p)));
      expect(got.slice(0, -1)).toEqual(files.map((_, i) => sha256(Buffer.alloc(i * 200_000 + 1, i))));
      expect(got.at(-1)).toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  it('hashes a queued file on the calling thread while no worker is online, and settles the same promise', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-hash-here-'));
    const path = join(dir, 'f');
    writeFileSync(path, Buffer.alloc(3 << 20, 7));
    const pool = new HashPool(1);
    try {
      // Workers go online only after this synchronous block: both jobs are still queued.
      const first = pool.hash(path);
      const second = pool.hash(join(dir, 'absent'));
      expect(pool.hashHere(path)).toBe(true);
      expect(pool.hashHere(path)).toBe(false);
      expect(pool.hashHere(join(dir, 'never asked'))).toBe(false);
      expect(await first).toBe(sha256(Buffer.alloc(3 << 20, 7)));
      // The other one a worker hashes once it is online.
      expect(await second).toBeUndefined();
      expect(hashFileSync(path)).toBe(sha256(Buffer.alloc(3 << 20, 7)));
      expect(hashFileSync(join(dir, 'absent'))).toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  // Through the pool (threads started), and on this thread alone (few bytes: no threads).
  for (const [name, o] of [['through the pool', { threads: 2 }], ['on the main thread when the bytes are few', { bytes: 1000 }]] as const) {
    it(`hashes a store of many blobs in ledger order ${name} and names a changed or missing one`, async () => {
      dir = mkdtempSync(join(tmpdir(), 'fw-blob-hasher-'));
      const store = new FsBlobStore(join(dir, 'blobs'));
      const shas: string[] = [];
      for (let i = 0; i < 40; i++) {
        const path = join(dir, `in${i}`);
        const bytes = `blob ${i} `.repeat(i * 50 + 1);
        writeFileSync(path, bytes);
        const sha = sha256(bytes);
        await store.putFile(sha, path);
        shas.push(sha);
      }
      appendFileSync(store.pathOf(shas[7]), 'tampered');
      rmSync(store.pathOf(shas[30]));
      const hasher = new BlobHasher(store, shas, o);
      try {
        const got: (string | undefined)[] = [];
        for (const sha of shas) got.push(await hasher.hashOf(sha));
        expect(got.map((h, i) => (h === shas[i] ? 'ok' : h === undefined ? 'missing' : 'changed'))).toEqual(shas.map((_, i) => (i === 7 ? 'changed' : i === 30 ? 'missing' : 'ok')));
      } finally {
        await hasher.close();
      }
    });
  }

  it('lists the stored digests sorted, through linked prefix folders, and nothing else', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-blob-list-'));
    const store = new FsBlobStore(join(dir, 'blobs'));
    const shas = ['a', 'b', 'c', 'd'].map((x) => sha256(x));
    for (const [i, sha] of shas.entries()) {
      writeFileSync(join(dir, `in${i}`), String(i));
      await store.putFile(sha, join(dir, `in${i}`));
    }
    // A prefix folder that is a link to a folder elsewhere, a stray file, a folder not named by a prefix, a staged leftover.
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const linked = sha256('linked');
    writeFileSync(join(elsewhere, linked), 'linked');
    symlinkSync(elsewhere, join(dir, 'blobs', linked.slice(0, 2)));
    writeFileSync(join(dir, 'blobs', 'ab'), 'a file, not a folder');
    mkdirSync(join(dir, 'blobs', 'tmp'));
    writeFileSync(join(dir, 'blobs', 'tmp', sha256('x')), 'x');
    writeFileSync(`${store.pathOf(shas[0])}.tmp-1-2`, 'partial');
    expect(await store.list()).toEqual([...shas, linked].sort());
  });
});
