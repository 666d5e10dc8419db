import { createInterface } from 'node:readline';
import { FieldworkError } from '@fieldwork/core';

/** Questions on a terminal; see {@link openPrompt}. */
export interface Prompt {
  /** Asks one question; resolves to the answer as typed (untrimmed). */
  question(label: string): Promise<string>;
  close(): void;
}

/**
 * A prompt that turns Ctrl+C and Ctrl+D (end of input) into one `INTERRUPTED` error (exit 130),
 * so leaving a question is a person's choice, not "a bug in Fieldwork".
 *
 * @example
 * const p = openPrompt();
 * try { const name = await p.question('Name? '); } finally { p.close(); }
 */
export function openPrompt(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Prompt {
  const rl = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  let closed = false;
  let reject: ((e: Error) => void) | undefined;
  const stop = (how: string) => {
    // End the half-typed prompt line so the message starts on its own line.
    output.write('\n');
    reject?.(new FieldworkError('INTERRUPTED', `Stopped at a question (${how}); nothing was written.`));
    reject = undefined;
  };
  rl.on('SIGINT', () => {
    stop('Ctrl+C');
    closed = true;
    rl.close();
  });
  rl.on('close', () => {
    if (!closed) stop('Ctrl+D');
    closed = true;
  });
  return {
    question(label) {
      if (closed) return Promise.reject(new FieldworkError('INTERRUPTED', 'Stopped at a question (input closed); nothing was written.'));
      return new Promise((resolve, rej) => {
        reject = rej;
        rl.question(label, (answer) => {
          reject = undefined;
          resolve(answer);
        });
      });
    },
    close() {
      closed = true;
      rl.close();
    },
  };
}
