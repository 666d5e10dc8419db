/**
 * The worker thread of {@link ParseWorker}: parses one artifact at a time with its collector
 * (from bytes the main thread reads and guards),
 * checks each record against its schema, and sends the records to the main thread as stored
 * rows (JSON text and columns, a column per array) in batches, at most a few batches ahead of the inserts.
 */
import { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { isFieldworkError } from '@fieldwork/core/errors';
import { pushStoredRecord, storedRecordColumns } from '../store/stored-record.js';
import type { StoredRecordColumns } from '../store/stored-record.js';
import { createPseudonymizer } from '../workspace/pseudonymizer.js';
import { loadWorkspaceSecret } from '../workspace/workspace-secret.js';
import type { ParseContext } from './collector.js';
import { IgnoredFields } from './input/ignored-fields.js';
import type { FeedMessage, ParseJob, WorkerMessage } from './parse-worker-protocol.js';
import { BATCH_RECORDS, BATCHES_AHEAD, READ_CHUNK, reviveError, serializeError } from './parse-worker-protocol.js';
import { validated } from './validated.js';
import { workerCollector } from './worker-collectors.js';

const port = parentPort!;
/** Batches sent and not yet taken by the main thread. */
let ahead = 0;
let wake: (() => void) | undefined;

const post = (m: WorkerMessage) => port.postMessage(m);

/** Input streams open in this thread, fed by the main thread (see InputFeeds), and how many chunks' "took" is owed. */
const feeds = new Map<number, { stream: Readable; owed: number }>();
let lastFeed = 0;

/**
 * A stream of the job's input: the main thread reads the staged copy and checks it with the
 * text guard, and sends the checked chunks; this side says when it has taken one, so no more
 * than a few MB wait here. Destroying it (a collector that reads only the first line) stops the
 * read there.
 */
function fedStream(): Readable {
  const id = ++lastFeed;
  const feed = {
    owed: 0,
    stream: new Readable({
      highWaterMark: READ_CHUNK,
      read() {
        for (; feed.owed > 0; feed.owed--) post({ type: 'feed', id, op: 'took' });
      },
      destroy(error, done) {
        if (feeds.delete(id)) post({ type: 'feed', id, op: 'close' });
        done(error);
      },
    }),
  };
  feeds.set(id, feed);
  post({ type: 'feed', id, op: 'open' });
  return feed.stream;
}

function fed(m: FeedMessage): void {
  const feed = feeds.get(m.id);
  if (!feed) return;
  if (m.type === 'chunk') {
    // Taken at once while the stream wants more; otherwise when it next asks (read above). The
    // main thread has at most FEED_CHUNKS_AHEAD chunks out, so no more than that wait here.
    if (feed.stream.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength))) post({ type: 'feed', id: m.id, op: 'took' });
    else feed.owed++;
  } else {
    feeds.delete(m.id);
    if (m.type === 'end') feed.stream.push(null);
    else feed.stream.destroy(reviveError(m.error));
  }
}

async function send(rows: StoredRecordColumns): Promise<void> {
  while (ahead >= BATCHES_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  ahead++;
  post({ type: 'rows', rows });
}

async function run(job: ParseJob): Promise<void> {
  const collector = await workerCollector(job.kind);
  const options = collector.options.parse(job.options);
  const ignored = new IgnoredFields();
  // Read (or created) only when the collector meets an end-user identifier, as on the main thread.
  let keyed: ((value: string) => string) | undefined;
  const ctx: ParseContext = {
    source: job.source, timezone: job.timezone,
    cite: (locator: string) => ({ source: job.source, artifact: job.input.sha256, locator: locator || '/' }),
    pseudonymize: (value: string) => (keyed ??= createPseudonymizer(job.secret ?? loadWorkspaceSecret(job.workspaceDir, job.env ?? process.env)))(value),
    ignore: (field, at) => ignored.add(field, at),
  };
  const { path, displayName, sha256, size } = job.input;
  // Read and guarded on the main thread (InputFeeds): what arrives here is checked text.
  const input = { path, displayName, sha256, size, open: fedStream };
  let batch = storedRecordColumns();
  for await (const r of validated(collector.parse(input, options, ctx), displayName)) {
    if (pushStoredRecord(batch, r) === BATCH_RECORDS) {
      await send(batch);
      batch = storedRecordColumns();
    }
  }
  if (batch.data.length) await send(batch);
  post({ type: 'done', ignored: ignored.list() });
}

port.on('message', (m: { type: 'ack' } | { type: 'parse'; job: ParseJob } | FeedMessage) => {
  if (m.type === 'chunk' || m.type === 'end' || m.type === 'fail') fed(m);
  else if (m.type === 'ack') {
    ahead--;
    const w = wake;
    wake = undefined;
    w?.();
  } else {
    run(m.job).catch((e: unknown) => post({ type: 'error', error: serializeError(e, isFieldworkError(e)) }));
  }
});
