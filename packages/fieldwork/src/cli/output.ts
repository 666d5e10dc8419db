import { exitCodeFor, formatWhere, isFieldworkError } from '@fieldwork/core';

/** Colour only on a TTY and when NO_COLOR is unset (https://no-color.org). */
export const useColor = (stream: NodeJS.WriteStream = process.stdout) => !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

const wrap = (code: number, reset: number) => (s: string) => (useColor() ? `\u001b[${code}m${s}\u001b[${reset}m` : s);
export const bold = wrap(1, 22);
export const dim = wrap(2, 22);
export const red = wrap(31, 39);
export const green = wrap(32, 39);
export const yellow = wrap(33, 39);
export const cyan = wrap(36, 39);

export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Prints an error the way a person can act on it; returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  if (isFieldworkError(e)) {
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
