import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// The worker's code, evaluated in the thread (no file to resolve, so it runs the same from dist/
// and from source under the test runner): hash each file it is sent in 1 MiB blocks, reusing one
// buffer. Synchronous reads block only the worker.
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

interface Pending {
  resolve(sha256: string | undefined): void;
  reject(e: Error): void;
}

/**
 * Worker threads that hash files in parallel (one file per worker at a time, read in 1 MiB
 * blocks), so `verify` hashes as many blobs at once as the machine has cores instead of one at
 * a time on the main thread. Close it when done.
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
  readonly #busy = new Map<Worker, number>();
  #next = 0;
  #closed = false;

  /** `threads` defaults to the machine's available parallelism (at most 8). */
  constructor(threads = Math.min(8, availableParallelism())) {
    for (let i = 0; i < Math.max(1, threads); i++) {
      const w = new Worker(WORKER, { eval: true });
      w.on('message', (m: { id: number; sha256?: string; missing?: boolean; error?: string }) => this.#done(w, m));
      w.on('error', (e) => this.#fail(w, e));
      w.unref();
      this.#workers.push(w);
      this.#idle.push(w);
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

  /** Stops the workers (pending hashes fail). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(new Error('HashPool closed'));
    this.#pending.clear();
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #pump(): void {
    while (this.#idle.length && this.#queue.length) {
      const w = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      this.#busy.set(w, job.id);
      w.ref();
      w.postMessage(job);
    }
  }

  #done(w: Worker, m: { id: number; sha256?: string; missing?: boolean; error?: string }): void {
    this.#busy.delete(w);
    w.unref();
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
  #fail(_w: Worker, e: Error): void {
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}
