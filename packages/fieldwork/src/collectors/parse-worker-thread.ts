/**
 * The worker thread of {@link ParseWorker}: parses one artifact at a time with its collector,
 * checks each record against its schema, and sends the records to the main thread as stored
 * rows (JSON text and columns, a column per array) in batches, at most a few batches ahead of the inserts.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { isFieldworkError } from '@fieldwork/core/errors';
import { pushStoredRecord, storedRecordColumns } from '../store/stored-record.js';
import type { StoredRecordColumns } from '../store/stored-record.js';
import { createPseudonymizer } from '../workspace/pseudonymizer.js';
import { loadWorkspaceSecret } from '../workspace/workspace-secret.js';
import type { ParseContext } from './collector.js';
import { IgnoredFields } from './input/ignored-fields.js';
import { guardTextInput } from './input/text-guard.js';
import type { ParseJob, WorkerMessage } from './parse-worker-protocol.js';
import { BATCH_RECORDS, BATCHES_AHEAD, READ_CHUNK, serializeError } from './parse-worker-protocol.js';
import { validated } from './validated.js';
import { workerCollector } from './worker-collectors.js';

const port = parentPort!;
/** Batches sent and not yet taken by the main thread. */
let ahead = 0;
let wake: (() => void) | undefined;

const post = (m: WorkerMessage) => port.postMessage(m);

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
  const { path, displayName, sha256, size, bytesPath } = job.input;
  const input = guardTextInput({ path, displayName, sha256, size, open: () => createReadStream(bytesPath, { highWaterMark: READ_CHUNK }) });
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

port.on('message', (m: { type: 'ack' } | { type: 'parse'; job: ParseJob }) => {
  if (m.type === 'ack') {
    ahead--;
    const w = wake;
    wake = undefined;
    w?.();
  } else {
    run(m.job).catch((e: unknown) => post({ type: 'error', error: serializeError(e, isFieldworkError(e)) }));
  }
});
