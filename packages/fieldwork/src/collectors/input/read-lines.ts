import { StringDecoder } from 'node:string_decoder';
import { FieldworkError } from '@fieldwork/core/errors';

/**
 * Longest line (bytes) read from a line-oriented file (JSON Lines). One OTLP export request per
 * line can be tens of MB; beyond this a "line" is a file without line breaks, which would
 * otherwise be held whole in memory before the first record.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Splits a byte stream into lines (without `\n` or `\r\n`), numbered from 1, refusing a line
 * longer than `maxBytes` with INPUT_MALFORMED naming the file and line.
 *
 * @example
 * for await (const { text, line } of readLines(input.open(), input.displayName)) …
 */
export async function* readLines(stream: AsyncIterable<unknown> & { destroy?(): void }, file: string, maxBytes = MAX_LINE_BYTES): AsyncGenerator<{ text: string; line: number }> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let pendingBytes = 0;
  let line = 0;
  try {
    for await (const c of stream) {
      const chunk = c as Buffer;
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        if (pendingBytes + nl - start > maxBytes) throw tooLong(file, line + 1, maxBytes);
        parts.push(decoder.write(chunk.subarray(start, nl)));
        const text = parts.join('');
        parts = [];
        pendingBytes = 0;
        yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: ++line };
        start = nl + 1;
      }
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxBytes) throw tooLong(file, line + 1, maxBytes);
      parts.push(decoder.write(chunk.subarray(start)));
    }
    const rest = parts.join('') + decoder.end();
    if (rest !== '') yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: ++line };
  } finally {
    stream.destroy?.();
  }
}

function tooLong(file: string, line: number, max: number): FieldworkError {
  return new FieldworkError('INPUT_MALFORMED', `${file}: line ${line} is longer than ${Math.round(max / 1024 / 1024)} MB.`, {
    where: { file, line }, hint: 'The file has no line breaks where one record per line is expected, or is not this format. Export it again.',
  });
}
