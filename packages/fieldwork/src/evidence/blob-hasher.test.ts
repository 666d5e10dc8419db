import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobHasher } from './blob-hasher.js';
import { FsBlobStore } from './fs-blob-store.js';
import { HashPool } from './hash-pool.js';
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

  it('hashes a store of many blobs in ledger order through the pool and names a changed or missing one', async () => {
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
    const hasher = new BlobHasher(store, shas, { threads: 2 });
    try {
      const got: (string | undefined)[] = [];
      for (const sha of shas) got.push(await hasher.hashOf(sha));
      expect(got.map((h, i) => (h === shas[i] ? 'ok' : h === undefined ? 'missing' : 'changed'))).toEqual(shas.map((_, i) => (i === 7 ? 'changed' : i === 30 ? 'missing' : 'ok')));
    } finally {
      await hasher.close();
    }
  });
});
