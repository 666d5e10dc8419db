import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';

/** Content-addressed blobs in `<root>/<aa>/<sha256>`; writes go to a temp file, then rename. */
export class FsBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  pathOf(sha256: string): string {
    return join(this.#root, sha256.slice(0, 2), sha256);
  }

  async putFile(sha256: string, path: string): Promise<void> {
    const dest = this.pathOf(sha256);
    if (existsSync(dest)) return;
    await mkdir(join(this.#root, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${dest}.tmp-${process.pid}-${Date.now()}`;
    try {
      await copyFile(path, tmp);
      await rename(tmp, dest);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Deletes a blob (used to drop the copy of an artifact whose collection failed). */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
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
    const out: string[] = [];
    for (const d of await readdir(this.#root)) {
      for (const f of await readdir(join(this.#root, d))) if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
    }
    return out.sort();
  }
}
