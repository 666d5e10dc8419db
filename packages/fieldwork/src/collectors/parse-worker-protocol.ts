import type { StoredRecordColumns } from '../store/stored-record.js';
import type { IgnoredField } from './input/ignored-fields.js';

/** Records per message from the parse worker (a few hundred KB of JSON text). */
export const BATCH_RECORDS = 512;
/** Batches the worker may send before the main thread takes one: bounds the memory between them. */
export const BATCHES_AHEAD = 8;
/** Bytes per read of a staged copy: fewer, larger reads for multi-GB exports. */
export const READ_CHUNK = 1 << 20;

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

export type WorkerMessage =
  | { type: 'rows'; rows: StoredRecordColumns }
  | { type: 'done'; ignored: IgnoredField[] }
  | { type: 'error'; error: SerializedError };

export function serializeError(e: unknown, fieldwork: boolean): SerializedError {
  if (fieldwork) {
    const f = e as { code: string; message: string; hint?: string; where?: unknown };
    return { fieldwork: true, code: f.code, message: f.message, ...(f.hint !== undefined ? { hint: f.hint } : {}), ...(f.where !== undefined ? { where: f.where } : {}) };
  }
  return { fieldwork: false, message: e instanceof Error ? e.message : String(e) };
}
