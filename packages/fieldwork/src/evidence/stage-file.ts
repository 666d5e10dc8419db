import { createHash, randomBytes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes copied once into a private file while hashed: what is parsed is what is stored. */
export interface StagedFile {
  /** The private copy (parse and store from here, never from the original). */
  path: string;
  sha256: string;
  size: number;
  /** Removes the private copy (a blob hard-linked from it stays). */
  discard(): Promise<void>;
}

/**
 * Copies `from` (a path or a stream) into a new file in `dir` and hashes the copy: a path is
 * copied by the kernel and the copy read once for its hash, a stream is hashed as it passes.
 * A file that changes while it is read is copied as it was read: the hash describes the copy,
 * and the copy is what gets stored and parsed, so the two can never disagree.
 *
 * @example
 * const staged = await stageFile('exports/okta.json', '/ws/.fieldwork/staging');
 * try { await parse(createReadStream(staged.path)); } finally { await staged.discard(); }
 */
export async function stageFile(from: string | Readable, dir: string): Promise<StagedFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.staged`);
  const hash = createHash('sha256');
  let size = 0;
  if (typeof from === 'string') {
    // The copy keeps the original's modification time: some kinds date a scan by it (file-mtime).
    const times = await stat(from);
    // A pipe (a FIFO, /dev/stdin, a shell's `<(…)`) is read as a stream: the kernel copy
    // would copy nothing from it and stage an empty file without an error.
    if (!times.isFile()) return stageFile(createReadStream(from), dir);
    try {
      size = await copyThenHash(from, path, hash);
      await utimes(path, times.atime, times.mtime);
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return { path, sha256: hash.digest('hex'), size, discard: () => rm(path, { force: true }) };
  }
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(from, tap, createWriteStream(path, { flags: 'wx' }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { path, sha256: hash.digest('hex'), size, discard: () => rm(path, { force: true }) };
}

/** Bytes per read while hashing the copy. */
const HASH_CHUNK = 1 << 20;

/**
 * Copies `from` to the new file `to` in the kernel, then hashes the copy (the bytes that will be
 * parsed and stored) in one read; returns its size. Against reading the original through a
 * stream into a write stream, no pass copies the bytes through JavaScript twice: staging 200 MiB
 * took 0.23 CPU s instead of 0.46–0.80 (docs/scale.md, round 5). The copy gets the mode a new
 * file gets here (as `createWriteStream` gave it), not the original's, which the kernel copy sets.
 */
async function copyThenHash(from: string, to: string, hash: Hash): Promise<number> {
  const created = await open(to, 'wx');
  const mode = (await created.stat()).mode & 0o7777;
  await created.close();
  await copyFile(from, to);
  await chmod(to, mode);
  const fh = await open(to, 'r');
  try {
    const buf = Buffer.allocUnsafe(HASH_CHUNK);
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return size;
      hash.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await fh.close();
  }
}
