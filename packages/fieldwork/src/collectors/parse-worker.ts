import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoredRecordColumns } from '../store/stored-record.js';
import type { IgnoredField } from './input/ignored-fields.js';
import { guardTextStream } from './input/text-guard.js';
import { InputFeeds } from './input-feeds.js';
import type { ParseJob, WorkerMessage } from './parse-worker-protocol.js';
import { READ_CHUNK, reviveError } from './parse-worker-protocol.js';
import { parsesInWorker } from './worker-collectors.js';

/** The thread's entry, built beside this file (absent when the sources run under the test runner). */
const THREAD = fileURLToPath(new URL('./parse-worker-thread.js', import.meta.url));

/** Artifacts smaller than this are parsed on the main thread: starting the worker costs more. */
export const PARSE_WORKER_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Whether an artifact of `kind` and `size` bytes is parsed in a worker thread. Off by default:
 * FIELDWORK_PARSE_WORKER=1 turns it on for artifacts of at least 32 MiB of the kinds listed in
 * worker-collectors.ts, `always` for every artifact of those kinds. On a machine whose cores are
 * busy with other work the thread only adds CPU time (its own module loading, copying the rows
 * across) and memory (a second heap): see docs/scale.md, "OTLP collect, round 3" and "round 6".
 */
export function useParseWorker(kind: string, size: number, env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env.FIELDWORK_PARSE_WORKER;
  if ((mode !== '1' && mode !== 'always') || !parsesInWorker(kind)) return false;
  return (mode === 'always' || size >= PARSE_WORKER_MIN_BYTES) && existsSync(THREAD);
}

type Event = Exclude<WorkerMessage, { type: 'feed' }> | { type: 'failed'; error: Error };

/**
 * A worker thread that parses artifacts (collector, record checks, JSON text) while the main
 * thread reads and guards the bytes for it (InputFeeds) and inserts the rows it sends: the two
 * halves of a collection run on two cores. One
 * artifact at a time, in order, so the records and their digest are exactly those of a parse on
 * the main thread. A job the caller stops taking (the store failed) ends the thread; the next
 * job starts a new one.
 *
 * @example
 * const w = new ParseWorker();
 * try { await store.ingest({ ...input, records: w.parse(job) }); } finally { await w.close(); }
 */
export class ParseWorker {
  #worker: Worker | undefined;
  #events: Event[] = [];
  #waiting: ((e: Event) => void) | undefined;
  #ignored: IgnoredField[] = [];
  /** The current job's input, read and guarded on this thread for the worker. */
  #feeds: InputFeeds | undefined;

  #start(): Worker {
    const w = new Worker(THREAD);
    const push = (e: Event) => {
      if (w !== this.#worker) return;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting) waiting(e);
      else this.#events.push(e);
    };
    w.on('message', (m: WorkerMessage) => {
      if (m.type !== 'feed') push(m);
      else if (w === this.#worker) this.#feeds?.handle(m);
    });
    w.on('error', (error: Error) => push({ type: 'failed', error }));
    w.on('exit', (code) => push({ type: 'failed', error: new Error(`The parse worker stopped (exit code ${code}).`) }));
    this.#worker = w;
    this.#events = [];
    return w;
  }

  /** Starts the thread now (its modules load while the caller stages the file). */
  warm(): void {
    if (!this.#worker) this.#start();
  }

  #next(): Promise<Event> {
    const e = this.#events.shift();
    return e ? Promise.resolve(e) : new Promise((resolve) => (this.#waiting = resolve));
  }

  /**
   * The records of `job` as stored rows, in batches; the job is sent when the first batch is
   * asked for (a duplicate artifact the store skips is never parsed).
   */
  parse(job: ParseJob): { batches: AsyncIterable<StoredRecordColumns> } {
    return { batches: this.#batches(job) };
  }

  /** Fields the last finished job's collector did not read. */
  ignored(): IgnoredField[] {
    return this.#ignored;
  }

  async *#batches(job: ParseJob): AsyncGenerator<StoredRecordColumns> {
    const w = this.#worker ?? this.#start();
    this.#ignored = [];
    const { bytesPath, displayName } = job.input;
    this.#feeds?.closeAll();
    this.#feeds = new InputFeeds((m, transfer) => w.postMessage(m, transfer), () => guardTextStream(createReadStream(bytesPath, { highWaterMark: READ_CHUNK }), displayName));
    let finished = false;
    w.postMessage({ type: 'parse', job });
    try {
      for (;;) {
        const e = await this.#next();
        if (e.type === 'rows') {
          // Taken: the worker may parse one more batch while this one is inserted.
          w.postMessage({ type: 'ack' });
          yield e.rows;
        } else if (e.type === 'done') {
          this.#ignored = e.ignored;
          finished = true;
          return;
        } else {
          throw e.type === 'error' ? reviveError(e.error) : e.error;
        }
      }
    } finally {
      this.#feeds?.closeAll();
      this.#feeds = undefined;
      // Stopped early or failed: the thread may still be parsing (or be gone); start afresh next time.
      if (!finished) await this.close();
    }
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.#events = [];
    this.#feeds?.closeAll();
    this.#feeds = undefined;
    if (w) await w.terminate();
    waiting?.({ type: 'failed', error: new Error('The parse worker was closed.') });
  }
}
