import { isFieldworkError } from '@fieldwork/core';
import type { FieldworkErrorCode } from '@fieldwork/core';

/** Codes the server adds to FieldworkError's for HTTP-only outcomes. */
export type ServerErrorCode = 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'NOT_RETAINED' | 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_REQUESTS' | 'GONE' | 'CONFLICT';

/** The one JSON error shape of the API: `{ error: { code, message, hint?, where? } }`. */
export interface ErrorBody {
  error: { code: FieldworkErrorCode | ServerErrorCode; message: string; hint?: string; where?: unknown };
}

/**
 * An error with an HTTP status, thrown by routes and middleware and turned into {@link ErrorBody}
 * (or an HTML page) by the app's error handler.
 *
 * @example
 * throw new ServerError(403, 'FORBIDDEN', 'Auditors have read-only access.')
 */
export class ServerError extends Error {
  readonly status: number;
  readonly code: ServerErrorCode | FieldworkErrorCode;
  readonly hint?: string;

  constructor(status: number, code: ServerErrorCode | FieldworkErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'ServerError';
    this.status = status;
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }
}

/**
 * HTTP status for a FieldworkError code, following the CLI's exit-code groups: usage and
 * configuration 400, bad input 422, a failing upstream API 502, evidence integrity 409,
 * an unreachable store 503, anything else 500.
 */
export function httpStatusFor(code: FieldworkErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'CONFIG_INVALID':
    case 'CONFIG_NOT_FOUND':
    case 'SOURCE_UNKNOWN_KIND':
    case 'SOURCE_BAD_OPTIONS':
      return 400;
    case 'INPUT_NOT_FOUND':
    case 'INPUT_MALFORMED':
    case 'INPUT_WRONG_FORMAT':
    case 'INPUT_INVALID_RECORD':
    case 'INPUT_UNSAFE_PATH':
      return 422;
    case 'API_FAILED':
      return 502;
    case 'EVIDENCE_INTEGRITY':
    case 'COLLECTION_RUNNING':
      return 409;
    case 'STORE_FAILED':
      return 503;
    default:
      return 500;
  }
}

/** Any thrown value as a status and the JSON error body; internal details stay in the log. */
export function toErrorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof ServerError) return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } } };
  if (isFieldworkError(e)) return { status: httpStatusFor(e.code), body: { error: e.toJSON() } };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal server error.', hint: 'See the server log; set FIELDWORK_DEBUG=1 for the stack.' } } };
}
