import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { FieldworkError } from '@fieldwork/core/errors';
import type { ArtifactInput } from '../collector.js';

/**
 * Deepest nesting of `[`/`{` a JSON document may have. Real exports stay under 20 levels; a
 * hostile one of 100,000 levels would overflow the stack of the schema validators later on.
 */
export const MAX_JSON_NESTING = 256;

/**
 * Checks the bytes of a text artifact as they stream: valid UTF-8, no NUL byte, and (for a
 * document that starts with `[` or `{`) nesting no deeper than {@link MAX_JSON_NESTING}. The
 * first violation ends the stream with INPUT_MALFORMED naming the file, line and byte offset,
 * so a collector never parses text that was silently mangled by decoding.
 *
 * @example
 * const safe = guardTextInput(input);
 * for await (const chunk of safe.open()) … // errors with a FieldworkError on bad bytes
 */
export function guardTextInput(input: ArtifactInput): ArtifactInput {
  return { ...input, open: () => guardTextStream(input.open(), input.displayName) };
}

/** Pipes `source` through the checks of {@link guardTextInput}; destroying the result destroys the source. */
export function guardTextStream(source: Readable, file: string): Readable {
  const guard = new TextGuard(file);
  source.on('error', (e) => guard.destroy(e));
  guard.on('close', () => source.destroy());
  // `pipe` does not pass errors on: collectors write `input.open().pipe(parser)`, so the
  // refusal must reach the parser (and its reader) instead of being an unhandled 'error'.
  const pipe = guard.pipe.bind(guard);
  guard.pipe = <T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T => {
    guard.on('error', (e) => (dest as unknown as { destroy(e: Error): void }).destroy?.(e));
    return pipe(dest, opts);
  };
  return source.pipe(guard);
}

class TextGuard extends Transform {
  readonly #file: string;
  /** Bytes of an incomplete UTF-8 sequence at the end of the previous chunk. */
  #carry: Buffer = Buffer.alloc(0);
  /** Offset in the file of the first byte of the current chunk (carry included). */
  #offset = 0;
  #line = 1;
  #lineStart = 0;
  /** 'sniff' until the first non-space byte decides whether nesting is tracked. */
  #json: 'sniff' | 'yes' | 'no' = 'sniff';
  #depth = 0;
  #inString = false;
  #escaped = false;

  constructor(file: string) {
    super();
    this.#file = file;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const buf = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
    const cut = completeLength(buf);
    const whole = buf.subarray(0, cut);
    const err = this.#check(whole);
    if (err) return done(err);
    this.#carry = Buffer.from(buf.subarray(cut));
    this.#offset += cut;
    done(null, whole);
  }

  override _flush(done: TransformCallback): void {
    if (this.#carry.length) return done(this.#refuse(this.#carry, 0, 'ends inside a UTF-8 character'));
    done();
  }

  #check(buf: Buffer): FieldworkError | undefined {
    const nul = buf.indexOf(0);
    const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
    const first = nul >= 0 && (bad < 0 || nul < bad) ? nul : bad;
    const end = first >= 0 ? first : buf.length;
    const deep = this.#json === 'no' ? -1 : this.#scanNesting(buf, end);
    if (deep >= 0) return this.#refuse(buf, deep, `is nested more than ${MAX_JSON_NESTING} levels deep`, 'No real export nests this deep; the file is damaged or crafted. Export it again.');
    if (first >= 0) {
      return first === nul
        ? this.#refuse(buf, nul, 'contains a NUL byte', 'Text exports never contain NUL bytes; the file is binary, damaged or in UTF-16. Export it again as UTF-8 text.')
        : this.#refuse(buf, bad, 'is not valid UTF-8', 'Save or export the file as UTF-8 (not Latin-1, Windows-1252 or UTF-16).');
    }
    this.#countLines(buf, buf.length);
    return undefined;
  }

  /** Tracks bracket depth outside strings up to `end`; the index where it exceeds the limit, or -1. */
  #scanNesting(buf: Buffer, end: number): number {
    let i = 0;
    if (this.#json === 'sniff') {
      for (; i < end; i++) {
        const b = buf[i];
        if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
        this.#json = b === 0x5b || b === 0x7b ? 'yes' : 'no';
        break;
      }
      if (this.#json !== 'yes') return -1;
    }
    // The state lives in locals for the loop (this runs over every byte of every JSON artifact).
    let depth = this.#depth;
    let inString = this.#inString;
    let escaped = this.#escaped;
    let deep = -1;
    while (i < end) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        // Most bytes of a JSON export are inside strings: run to the next one that matters there.
        let b = buf[i];
        while (b !== 0x22 && b !== 0x5c && b !== 0x0a && ++i < end) b = buf[i];
        if (i === end) break;
        if (b === 0x5c) escaped = true;
        // A quote ends the string; so does a newline (JSON Lines: a broken line must not leave the next one inside a string).
        else inString = false;
        i++;
        continue;
      }
      const b = buf[i];
      if (b === 0x22) inString = true;
      else if (b === 0x5b || b === 0x7b) {
        if (++depth > MAX_JSON_NESTING) {
          deep = i;
          break;
        }
      } else if ((b === 0x5d || b === 0x7d) && depth > 0) depth--;
      i++;
    }
    this.#depth = depth;
    this.#inString = inString;
    this.#escaped = escaped;
    return deep;
  }

  #countLines(buf: Buffer, end: number): void {
    for (let nl = buf.indexOf(0x0a); nl >= 0 && nl < end; nl = buf.indexOf(0x0a, nl + 1)) {
      this.#line++;
      this.#lineStart = this.#offset + nl + 1;
    }
  }

  #refuse(buf: Buffer, at: number, what: string, hint = 'Export the file again as UTF-8 text.'): FieldworkError {
    this.#countLines(buf, at);
    const offset = this.#offset + at;
    return new FieldworkError('INPUT_MALFORMED', `${this.#file} ${what} at byte ${offset} (line ${this.#line}).`, {
      where: { file: this.#file, line: this.#line, column: offset - this.#lineStart + 1 },
      hint,
    });
  }
}

/** Length of `buf` without a trailing UTF-8 sequence that the next chunk may complete. */
function completeLength(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= buf.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
