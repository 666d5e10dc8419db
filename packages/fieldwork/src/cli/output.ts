import { exitCodeFor, formatWhere, isFieldworkError } from '@fieldwork/core/errors';

/** Colour only on a TTY and when NO_COLOR is unset (https://no-color.org). */
export const useColor = (stream: NodeJS.WriteStream = process.stdout) => !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

const wrap = (code: number, reset: number) => (s: string) => (useColor() ? `\u001b[${code}m${s}\u001b[${reset}m` : s);
export const bold = wrap(1, 22);
export const dim = wrap(2, 22);
export const red = wrap(31, 39);
export const green = wrap(32, 39);
export const yellow = wrap(33, 39);
export const cyan = wrap(36, 39);

let closed = false;

/** True once the reader of stdout or stderr has gone away (EPIPE); output is dropped from then on. */
export function pipeClosed(): boolean {
  return closed;
}

/**
 * Turns a closed pipe (`fieldwork check | head`) into quiet: the command finishes its work
 * (nothing half-written), its remaining output is dropped, and the entry point exits 0. Other
 * stream errors still surface.
 */
export function watchClosedPipes(): void {
  // The EPIPE can arrive after the command has settled its exit code (e.g. 1 from --strict).
  process.on('exit', () => {
    if (closed) process.exitCode = 0;
  });
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || (closed && e.code === 'ERR_STREAM_DESTROYED')) {
        closed = true;
        return;
      }
      throw e;
    });
  }
}

/** Writes to stdout unless its reader has gone away. */
export function write(text: string | Uint8Array): void {
  if (!closed) process.stdout.write(text);
}

export function out(line = ''): void {
  write(line + '\n');
}

export function printJson(value: unknown): void {
  write(JSON.stringify(value, null, 2) + '\n');
}

/**
 * {@link printJson} of an object, written a member at a time and each array member an element at
 * a time: the same bytes, but never the whole document as one string (a large run's `--json`).
 * An element may be a function, called when it is written, so its JSON is built only then.
 */
export function printJsonStreamed(value: Record<string, unknown>): void {
  const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);
  const members = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (members.length === 0) return write('{}\n');
  write('{');
  members.forEach(([k, v], i) => {
    write(`${i === 0 ? '' : ','}\n  ${JSON.stringify(k)}: `);
    if (!Array.isArray(v) || v.length === 0) return write(indent(JSON.stringify(v, null, 2), '  '));
    write('[');
    v.forEach((el, j) => {
      const item = typeof el === 'function' ? (el as () => unknown)() : el;
      write(`${j === 0 ? '' : ','}\n    `);
      writeJson(item, '    ');
    });
    write('\n  ]');
  });
  write('\n}\n');
}

/** Arrays longer than this are written an element at a time (a control's exception rows at 10M records are a million). */
const LONG = 1000;
const isLongArray = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > LONG;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Writes `JSON.stringify(value, null, 2)` indented by `pad`, but an object holding a long array,
 * and the long array itself, a member or an element at a time: the same bytes without the one
 * string, which past V8's limit (~512 MB) cannot be built ("Invalid string length").
 */
function writeJson(value: unknown, pad: string): void {
  // JSON.stringify writes null for an array element it cannot represent.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return write('null');
  if (isLongArray(value)) {
    write('[');
    value.forEach((el, j) => {
      write(`${j === 0 ? '' : ','}\n${pad}  `);
      writeJson(el, `${pad}  `);
    });
    return write(`\n${pad}]`);
  }
  if (isPlainObject(value) && Object.values(value).some(isLongArray)) {
    const members = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    write('{');
    members.forEach(([k, v], i) => {
      write(`${i === 0 ? '' : ','}\n${pad}  ${JSON.stringify(k)}: `);
      writeJson(v, `${pad}  `);
    });
    return write(`\n${pad}}`);
  }
  write(JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`));
}

/** One line on stderr (warnings, notes) unless its reader has gone away. */
export function note(line: string): void {
  if (!closed) process.stderr.write(line + '\n');
}

/** Prints an error the way a person can act on it; returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  if (isFieldworkError(e)) {
    if (e.code === 'INTERRUPTED' && !json) {
      // The person chose to stop: one line, no hint, no "error".
      note(e.message);
      return exitCodeFor(e.code);
    }
    if (json) printJson({ error: e.toJSON() });
    else {
      const where = formatWhere(e.where);
      process.stderr.write(`${red('error')} ${e.message}${where ? `\n  at ${where}` : ''}${e.hint ? `\n  ${dim('hint:')} ${e.hint}` : ''}\n`);
    }
    return exitCodeFor(e.code);
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (json) printJson({ error: { code: 'INTERNAL', message: msg } });
  else process.stderr.write(`${red('error')} ${msg}\n  ${dim('hint:')} this is a bug in Fieldwork; set FIELDWORK_DEBUG=1 for the stack and please report it.\n`);
  if (process.env.FIELDWORK_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 70;
}

/** A one-line progress indicator on a TTY (stderr); silent otherwise. */
export function progress(label: string): { update(done: number, total: number, note?: string): void; done(): void } {
  const tty = !!process.stderr.isTTY;
  return {
    update(done, total, note) {
      if (!tty) return;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${note ? ` ${note}` : ''}\u001b[K`);
    },
    done() {
      if (tty) process.stderr.write('\r\u001b[K');
    },
  };
}
