import type { Readable } from 'node:stream';
import { isFieldworkError } from '@fieldwork/core/errors';
import type { FeedMessage, FeedRequest } from './parse-worker-protocol.js';
import { FEED_CHUNKS_AHEAD, serializeError } from './parse-worker-protocol.js';

interface Feed {
  stream: Readable;
  chunks: AsyncIterator<Buffer>;
  /** Chunks the worker may still be sent before it has taken one. */
  credits: number;
  pumping: boolean;
}

/**
 * The main thread's half of the parse worker's input: each stream the worker's collector opens
 * is read and checked (the text guard) here and its chunks are sent across, transferred rather
 * than copied, at most {@link FEED_CHUNKS_AHEAD} ahead of what the worker has taken. The worker
 * is the critical path of a collection (parse, mapping, record checks, JSON text) while this
 * thread mostly waits for rows to insert, so the read and the guard's byte scan run here. A
 * refusal reaches the worker after the chunks before it, as it reaches a parser on one thread.
 *
 * @example
 * const feeds = new InputFeeds((m, t) => worker.postMessage(m, t), () => guardTextStream(createReadStream(path), name));
 * worker.on('message', (m) => m.type === 'feed' && feeds.handle(m));
 */
export class InputFeeds {
  readonly #feeds = new Map<number, Feed>();

  constructor(
    private readonly post: (m: FeedMessage, transfer?: ArrayBuffer[]) => void,
    private readonly open: () => Readable,
  ) {}

  handle(m: FeedRequest): void {
    if (m.op === 'open') {
      const stream = this.open();
      const f: Feed = { stream, chunks: stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>, credits: FEED_CHUNKS_AHEAD, pumping: false };
      this.#feeds.set(m.id, f);
      void this.#pump(m.id, f);
    } else if (m.op === 'took') {
      const f = this.#feeds.get(m.id);
      if (!f) return;
      f.credits++;
      void this.#pump(m.id, f);
    } else this.#drop(m.id);
  }

  /** Ends every open stream (the worker stopped or was closed). */
  closeAll(): void {
    for (const id of [...this.#feeds.keys()]) this.#drop(id);
  }

  #drop(id: number): void {
    const f = this.#feeds.get(id);
    if (!f) return;
    this.#feeds.delete(id);
    f.stream.destroy();
  }

  async #pump(id: number, f: Feed): Promise<void> {
    if (f.pumping) return;
    f.pumping = true;
    try {
      while (f.credits > 0) {
        const next = await f.chunks.next();
        if (this.#feeds.get(id) !== f) return;
        if (next.done) {
          this.#feeds.delete(id);
          this.post({ type: 'end', id });
          return;
        }
        f.credits--;
        const bytes = ownBytes(next.value);
        this.post({ type: 'chunk', id, bytes }, [bytes.buffer as ArrayBuffer]);
      }
    } catch (e) {
      if (this.#feeds.get(id) !== f) return;
      this.#feeds.delete(id);
      f.stream.destroy();
      this.post({ type: 'fail', id, error: serializeError(e, isFieldworkError(e)) });
    } finally {
      f.pumping = false;
    }
  }
}

/**
 * The chunk's bytes in an ArrayBuffer of their own, which can be transferred: a file stream's
 * chunk usually is one already; a slice of a larger or shared buffer (Buffer's pool) is copied.
 */
function ownBytes(chunk: Buffer): Uint8Array {
  if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && !(chunk.buffer instanceof SharedArrayBuffer)) return new Uint8Array(chunk.buffer, 0, chunk.byteLength);
  return new Uint8Array(chunk);
}
