import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from './blob-store.js';

/**
 * Content-addressed blobs in `<root>/<aa>/<sha256>`. A blob appears whole or not at all (hard
 * link or copy-then-rename) and is never overwritten; only garbage collection under the
 * collection lock removes one.
 */
export class FsBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  pathOf(sha256: string): string {
    return join(this.#root, sha256.slice(0, 2), sha256);
  }

  async stream(sha256: string): Promise<AsyncIterable<Buffer> | undefined> {
    const path = this.pathOf(sha256);
    return existsSync(path) ? createReadStream(path) : undefined;
  }

  /** Where collections stage the bytes they read: beside the blobs (same file system, so a staged copy links into place). */
  stagingDir(): string {
    return join(dirname(this.#root), 'staging');
  }

  async putFile(sha256: string, path: string): Promise<void> {
    const dest = this.pathOf(sha256);
    if (existsSync(dest)) return;
    await mkdir(join(this.#root, sha256.slice(0, 2)), { recursive: true });
    try {
      await link(path, dest);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
    }
    const tmp = `${dest}.tmp-${process.pid}-${Date.now()}`;
    try {
      await copyFile(path, tmp);
      await rename(tmp, dest);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Deletes a blob. Only garbage collection calls this, under the collection lock. */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Removes staged copies left by collections that were killed (call under the collection lock). */
  async clearStaging(): Promise<number> {
    const dir = this.stagingDir();
    if (!existsSync(dir)) return 0;
    const names = await readdir(dir);
    for (const n of names) await rm(join(dir, n), { force: true });
    return names.length;
  }

  async read(sha256: string): Promise<Buffer | undefined> {
    const p = this.pathOf(sha256);
    return existsSync(p) ? readFile(p) : undefined;
  }

  async has(sha256: string): Promise<boolean> {
    return existsSync(this.pathOf(sha256));
  }

  async list(): Promise<string[]> {
    if (!existsSync(this.#root)) return [];
    // Read synchronously: up to 257 small directory reads take a few ms of CPU in one go, while a
    // round trip through the thread pool per folder (and a stat each) took 0.2-0.5 s under load,
    // most of a small store's verify. A folder's type comes with its name unless it is a link.
    const out: string[] = [];
    for (const d of readdirSync(this.#root, { withFileTypes: true })) {
      if (!/^[0-9a-f]{2}$/.test(d.name) || !(d.isDirectory() || (d.isSymbolicLink() && statSync(join(this.#root, d.name)).isDirectory()))) continue;
      for (const f of readdirSync(join(this.#root, d.name))) if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
    }
    return out.sort();
  }
}
