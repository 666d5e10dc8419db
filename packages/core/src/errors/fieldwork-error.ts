/**
 * @module The one error type of Fieldwork: a stable code, a message a person can act on,
 * a hint, and where the problem is (file:line:column or a JSON pointer).
 */

/** Stable error codes. Each maps to a CLI exit code (see {@link exitCodeFor}). */
export type FieldworkErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'SOURCE_UNKNOWN_KIND'
  | 'SOURCE_BAD_OPTIONS'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_MALFORMED'
  | 'INPUT_WRONG_FORMAT'
  | 'INPUT_INVALID_RECORD'
  /** A path or symlink that leads out of where Fieldwork may read (the workspace, a source's folder) or write, without an opt-in. */
  | 'INPUT_UNSAFE_PATH'
  | 'API_FAILED'
  | 'EVIDENCE_INTEGRITY'
  | 'STORE_FAILED'
  | 'COLLECTION_RUNNING'
  | 'INTERRUPTED'
  | 'INTERNAL';

/** Where a problem sits inside an input. */
export interface Where {
  file?: string;
  line?: number;
  column?: number;
  /** RFC 6901 JSON pointer inside the file (or inside the line for JSONL). */
  pointer?: string;
}

/**
 * The error every Fieldwork module throws.
 *
 * @example
 * throw new FieldworkError('INPUT_MALFORMED', 'Unexpected end of JSON', {
 *   where: { file: 'okta.json', line: 12 },
 *   hint: 'The export looks truncated; export it again.',
 * })
 */
export class FieldworkError extends Error {
  readonly code: FieldworkErrorCode;
  readonly hint?: string;
  readonly where?: Where;

  constructor(code: FieldworkErrorCode, message: string, opts: { hint?: string; where?: Where; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FieldworkError';
    this.code = code;
    if (opts.hint !== undefined) this.hint = opts.hint;
    if (opts.where !== undefined) this.where = opts.where;
  }

  /** `file:line:column` or `file#/pointer`, whichever is known. */
  get location(): string | undefined {
    return formatWhere(this.where);
  }

  toJSON(): { code: FieldworkErrorCode; message: string; hint?: string; where?: Where } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), ...(this.where ? { where: this.where } : {}) };
  }
}

/** Formats a {@link Where} the way editors link it: `file:12:3` or `file:12#/a/0`. */
export function formatWhere(where: Where | undefined): string | undefined {
  if (!where) return undefined;
  let s = where.file ?? '';
  if (where.line !== undefined) s += `:${where.line}`;
  if (where.column !== undefined) s += `:${where.column}`;
  if (where.pointer !== undefined) s += `#${where.pointer}`;
  return s || undefined;
}

/** Exit codes promised in DESIGN.md: 2 usage/config, 3 bad input, 4 integrity, 130 interrupted at a prompt; 70 for an internal error. */
export function exitCodeFor(code: FieldworkErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'CONFIG_INVALID':
    case 'CONFIG_NOT_FOUND':
    case 'SOURCE_UNKNOWN_KIND':
    case 'SOURCE_BAD_OPTIONS':
    case 'COLLECTION_RUNNING':
      return 2;
    case 'INPUT_NOT_FOUND':
    case 'INPUT_MALFORMED':
    case 'INPUT_WRONG_FORMAT':
    case 'INPUT_INVALID_RECORD':
    case 'INPUT_UNSAFE_PATH':
    case 'API_FAILED':
      return 3;
    case 'EVIDENCE_INTEGRITY':
      return 4;
    case 'INTERRUPTED':
      // The person stopped a prompt (Ctrl+C, Ctrl+D): the shell convention 128 + SIGINT.
      return 130;
    default:
      // A bug, not a finding: kept apart from 1 ("exceptions found" with --strict).
      return 70;
  }
}

/** True when `e` is a {@link FieldworkError}, also across package copies. */
export function isFieldworkError(e: unknown): e is FieldworkError {
  return e instanceof FieldworkError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'FieldworkError' && typeof (e as { code?: unknown }).code === 'string');
}
