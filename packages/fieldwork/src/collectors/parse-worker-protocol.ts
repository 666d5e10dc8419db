import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkErrorCode } from '@fieldwork/core/errors';
import type { StoredRecordColumns } from '../store/stored-record.js';
import type { IgnoredField } from './input/ignored-fields.js';

/** Records per message from the parse worker (a few hundred KB of JSON text). */
export const BATCH_RECORDS = 512;
/** Batches the worker may send before the main thread takes one: bounds the memory between them. */
export const BATCHES_AHEAD = 8;
/** Bytes per read of a staged copy: fewer, larger reads for multi-GB exports. */
export const READ_CHUNK = 1 << 20;
/** Chunks of an input the main thread may send the worker before it has taken one (see InputFeeds). */
export const FEED_CHUNKS_AHEAD = 3;

/** One artifact to parse: everything the worker needs to rebuild the collector's input and context. */
export interface ParseJob {
  kind: string;
  /** The source's options as written (workspace defaults merged); the worker validates them again. */
  options: unknown;
  source: string;
  timezone: string;
  workspaceDir: string;
  secret?: string;
  env?: NodeJS.ProcessEnv;
  input: { path: string; displayName: string; sha256: string; size: number; bytesPath: string };
}

/** An error as it crosses the thread boundary: a FieldworkError keeps its code, place and hint. */
export interface SerializedError {
  fieldwork: boolean;
  code?: string;
  message: string;
  hint?: string;
  where?: unknown;
}

/** The worker's collector opened an input stream (`open`), took a chunk of it (`took`) or stopped reading it (`close`). */
export interface FeedRequest {
  type: 'feed';
  id: number;
  op: 'open' | 'took' | 'close';
}

/** A stream's next bytes (guarded: valid UTF-8, no NUL, nesting within bounds), its end, or the refusal that ends it. */
export type FeedMessage =
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'fail'; id: number; error: SerializedError };

export type WorkerMessage =
  | FeedRequest
  | { type: 'rows'; rows: StoredRecordColumns }
  | { type: 'done'; ignored: IgnoredField[] }
  | { type: 'error'; error: SerializedError };

/** The error again on this side of the thread boundary (a FieldworkError with its code, hint and place). */
export function reviveError(e: SerializedError): Error {
  if (!e.fieldwork) return new Error(e.message);
  return new FieldworkError(e.code as FieldworkErrorCode, e.message, { ...(e.hint !== undefined ? { hint: e.hint } : {}), ...(e.where !== undefined ? { where: e.where as never } : {}) });
}

export function serializeError(e: unknown, fieldwork: boolean): SerializedError {
  if (fieldwork) {
    const f = e as { code: string; message: string; hint?: string; where?: unknown };
    return { fieldwork: true, code: f.code, message: f.message, ...(f.hint !== undefined ? { hint: f.hint } : {}), ...(f.where !== undefined ? { where: f.where } : {}) };
  }
  return { fieldwork: false, message: e instanceof Error ? e.message : String(e) };
}
