import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat, utimes } from 'node:fs/promises';
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
 * Streams `from` (a path or a stream) into a new file in `dir`, hashing the bytes as they pass.
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
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    // The copy keeps the original's modification time: some kinds date a scan by it (file-mtime).
    const times = typeof from === 'string' ? await stat(from) : undefined;
    await pipeline(typeof from === 'string' ? createReadStream(from) : from, tap, createWriteStream(path, { flags: 'wx' }));
    if (times) await utimes(path, times.atime, times.mtime);
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { path, sha256: hash.digest('hex'), size, discard: () => rm(path, { force: true }) };
}
