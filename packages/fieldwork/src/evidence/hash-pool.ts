import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// The worker's code, evaluated in the thread (no file to resolve, so it runs the same from dist/
// and from source under the test runner): hash each file it is sent in 1 MiB blocks, reusing one
// buffer. Synchronous reads block only the worker. `hashFileSync` below is the same loop.
const WORKER = `
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const { parentPort } = require('node:worker_threads');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    parentPort.postMessage(e.code === 'ENOENT' ? { id, missing: true } : { id, error: e.message });
    return;
  }
  try {
    const h = createHash('sha256');
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      h.update(buffer.subarray(0, n));
    }
    parentPort.postMessage({ id, sha256: h.digest('hex') });
  } catch (e) {
    parentPort.postMessage({ id, error: e.message });
  } finally {
    closeSync(fd);
  }
});
`;

/**
 * The main thread's read block: 128 KiB stays in the core's cache between the read and the hash
 * (a 39 MB store hashed 4-5 % faster than with 1 MiB blocks, medians of 7 rounds; bench/README).
 */
const BLOCK = 128 << 10;
let block: Buffer | undefined;

/**
 * The SHA-256 hex of the file at `path` read on this thread in 128 KiB blocks (one buffer reused
 * across calls), or undefined when there is no such file. Blocks the thread while it reads: for
 * few bytes, or while the pool's workers are still starting.
 */
export function hashFileSync(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    block ??= Buffer.allocUnsafe(BLOCK);
    const h = createHash('sha256');
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) break;
      h.update(block.subarray(0, n));
    }
    return h.digest('hex');
  } finally {
    closeSync(fd);
  }
}

interface Pending {
  resolve(sha256: string | undefined): void;
  reject(e: Error): void;
}

/**
 * Worker threads that hash files in parallel (one file per worker at a time, read in 1 MiB
 * blocks), so `verify` hashes as many blobs at once as the machine has cores instead of one at
 * a time on the main thread. A worker takes jobs once it is online: starting one costs tens of
 * milliseconds on a quiet machine and hundreds under load, and meanwhile `hashHere` lets the
 * caller hash a queued file itself instead of waiting. Close it when done.
 *
 * @example
 * const pool = new HashPool()
 * try { console.log(await pool.hash('/path/to/blob')) } finally { await pool.close() }
 */
export class HashPool {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: { id: number; path: string }[] = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #closed = false;

  /** `threads` defaults to the machine's available parallelism (at most 8). */
  constructor(threads = Math.min(8, availableParallelism())) {
    for (let i = 0; i < Math.max(1, threads); i++) {
      const w = new Worker(WORKER, { eval: true });
      // Kept referenced while it starts (queued jobs wait for it), then only while it works.
      w.once('online', () => {
        w.unref();
        if (this.#closed) return;
        this.#idle.push(w);
        this.#pump();
      });
      w.on('message', (m: { id: number; sha256?: string; missing?: boolean; error?: string }) => this.#done(w, m));
      w.on('error', (e) => this.#fail(e));
      this.#workers.push(w);
    }
  }

  /** The SHA-256 hex of the file at `path`, or undefined when there is no such file. */
  hash(path: string): Promise<string | undefined> {
    if (this.#closed) return Promise.reject(new Error('HashPool is closed'));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#queue.push({ id, path });
      this.#pump();
    });
  }

  /**
   * Hashes `path` on the calling thread now when its job is still queued (no worker free or
   * online yet) and settles that job's promise; false when a worker has it or it was never asked.
   */
  hashHere(path: string): boolean {
    const i = this.#queue.findIndex((j) => j.path === path);
    if (i < 0) return false;
    const [job] = this.#queue.splice(i, 1);
    const p = this.#pending.get(job.id)!;
    this.#pending.delete(job.id);
    try {
      p.resolve(hashFileSync(path));
    } catch (e) {
      p.reject(e as Error);
    }
    return true;
  }

  /** Stops the workers (pending hashes fail); does not wait for the threads to exit. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(new Error('HashPool closed'));
    this.#pending.clear();
    this.#queue.length = 0;
    // Terminating takes tens of milliseconds per thread; the threads end on their own.
    for (const w of this.#workers) w.terminate().catch(() => undefined);
  }

  #pump(): void {
    while (this.#idle.length && this.#queue.length) {
      const w = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      w.ref();
      w.postMessage(job);
    }
  }

  #done(w: Worker, m: { id: number; sha256?: string; missing?: boolean; error?: string }): void {
    w.unref();
    if (this.#closed) return;
    this.#idle.push(w);
    const p = this.#pending.get(m.id);
    this.#pending.delete(m.id);
    if (p) {
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.missing ? undefined : m.sha256);
    }
    this.#pump();
  }

  // A worker that dies takes the pool with it: every hash still pending fails with its error.
  #fail(e: Error): void {
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
    this.#queue.length = 0;
  }
}
