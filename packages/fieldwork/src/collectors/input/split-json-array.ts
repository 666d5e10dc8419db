import { FieldworkError } from '@fieldwork/core/errors';
import { MAX_LINE_BYTES } from './read-lines.js';

/** One element of a top-level JSON array: its text (for JSON.parse) and its index. */
export interface ArrayElementText {
  text: string;
  index: number;
}

const SPACE = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Splits a byte stream holding one JSON array into the text of each element, with flat
 * memory: a byte scan that tracks only strings and bracket depth, so each element is handed to
 * `JSON.parse` whole (V8's parser is several times faster than assembling values from token
 * events). An element is what lies between two top-level commas; its syntax is left to
 * `JSON.parse`. Refuses with INPUT_MALFORMED a stream that is not one array, ends before its
 * `]`, has text after it, or holds an element larger than 64 MB.
 *
 * @example
 * for await (const { text, index } of splitJsonArray(input.open(), input.displayName)) JSON.parse(text);
 */
export async function* splitJsonArray(stream: AsyncIterable<unknown> & { destroy?(): void }, file: string, maxBytes = MAX_LINE_BYTES): AsyncGenerator<ArrayElementText> {
  // 0: before `[`; 1: inside the array; 2: after `]`.
  let phase = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let index = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  /** Whether the current element has started (a non-space byte since the last comma). */
  let started = false;
  let bom = 0;
  const element = (): ArrayElementText => {
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    partBytes = 0;
    started = false;
    return { text: buf.toString('utf8'), index: index++ };
  };
  try {
    for await (const c of stream) {
      const chunk = c as Buffer;
      const n = chunk.length;
      // Start of the current element's bytes in this chunk (-1: none here yet).
      let from = started ? 0 : -1;
      const out: ArrayElementText[] = [];
      for (let i = 0; i < n; i++) {
        const b = chunk[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) inString = false;
          continue;
        }
        if (phase !== 1) {
          if (SPACE(b)) continue;
          // A UTF-8 byte order mark before the array.
          if (phase === 0 && bom < 3 && b === [0xef, 0xbb, 0xbf][bom]) {
            bom++;
            continue;
          }
          if (phase === 0 && b === 0x5b) {
            phase = 1;
            continue;
          }
          throw malformed(file, index, phase === 0 ? 'does not start with a JSON array' : 'has text after the end of its array');
        }
        if (depth === 0) {
          if (b === 0x2c || b === 0x5d) {
            if (started) {
              if (from >= 0) parts.push(chunk.subarray(from, i));
              out.push(element());
            } else if (b === 0x2c || index > 0) {
              // `[,` `[1,,2]` and `[1,]`: an element is missing.
              throw malformed(file, index, 'has an empty element');
            }
            from = -1;
            if (b === 0x5d) phase = 2;
            continue;
          }
          if (SPACE(b)) continue;
          if (!started) {
            started = true;
            from = i;
          }
        }
        if (b === 0x22) inString = true;
        else if (b === 0x5b || b === 0x7b) depth++;
        else if (b === 0x5d || b === 0x7d) depth--;
        if (depth < 0) throw malformed(file, index, 'closes a bracket it never opened');
      }
      if (started && from >= 0) {
        const rest = chunk.subarray(from);
        partBytes += rest.length;
        if (partBytes > maxBytes) throw malformed(file, index, `has an element larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
        // The stream may reuse its buffer: keep a copy of a piece that waits for the next chunk.
        parts.push(Buffer.from(rest));
      }
      yield* out;
    }
    if (phase !== 2) throw malformed(file, index, phase === 0 ? 'is empty' : 'ends before its array is closed', true);
  } finally {
    stream.destroy?.();
  }
}

function malformed(file: string, index: number, what: string, truncated = false): FieldworkError {
  return new FieldworkError('INPUT_MALFORMED', `${file} is not valid JSON near element ${index}: it ${what}.`, {
    where: { file, pointer: `/${index}` },
    hint: truncated ? 'The array ends early or an element is broken; the file looks truncated or edited. Export it again.' : 'Fix the JSON at that element, or export the file again.',
  });
}
