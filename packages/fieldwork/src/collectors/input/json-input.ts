import { FieldworkError } from '@fieldwork/core/errors';
import type { ArtifactInput } from '../collector.js';
import { readLines } from './read-lines.js';
import { splitJsonArray } from './split-json-array.js';

/** Files larger than this are not parsed as one document (use a streaming collector). */
const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/** Line and column (1-based) of character offset `pos` in `text`. */
export function lineColumnAt(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: pos - lastNl };
}

/** Parses JSON text; a syntax error becomes INPUT_MALFORMED with line and column. */
export function parseJsonText(text: string, file: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    // Node's message may quote the input around the error; never echo input (it may be a prompt).
    const msg = raw.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    const m = /position (\d+)/.exec(raw);
    const lc = /\(line (\d+) column (\d+)\)/.exec(raw);
    const pos = m ? Number(m[1]) : positionFromContext(raw, text);
    // An error at the very end of the text means the document stops early.
    const endOfInput = /end of (JSON|data) input|Unterminated string/i.test(raw) || (pos !== undefined && pos >= text.trimEnd().length);
    let where: { line?: number; column?: number } = {};
    if (pos !== undefined) where = lineColumnAt(text, pos);
    else if (lc) where = { line: Number(lc[1]), column: Number(lc[2]) };
    else if (endOfInput) where = lineColumnAt(text, text.length);
    if (where.line !== undefined) where.line += lineOffset;
    else if (lineOffset > 0) where = { line: lineOffset + 1 };
    throw new FieldworkError('INPUT_MALFORMED', `${file} is not valid JSON: ${msg}`, {
      where: { file, ...where },
      hint: endOfInput ? 'The file ends early; it looks truncated. Export it again.' : 'Fix the JSON at that place, or export the file again.',
    });
  }
}

/**
 * V8 reports some syntax errors with up to ten characters of context on each side instead of a
 * position (`Unexpected token 'M', ..."t": My SSN…" is not valid JSON`); find that context in
 * the text to recover the position.
 */
function positionFromContext(message: string, text: string): number | undefined {
  const m = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!m) return undefined;
  const at = text.indexOf(m[3]);
  if (at < 0) return undefined;
  return m[2] ? at + 10 : at + Math.max(0, m[3].indexOf(m[1]));
}

/** Reads a whole JSON document (for exports that are one object). */
export async function readJsonDocument(input: ArtifactInput): Promise<unknown> {
  if (input.size > MAX_DOCUMENT_BYTES) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is ${input.size} bytes, too large to read as one JSON document.`, {
      where: { file: input.displayName },
      hint: 'Split the export, or export it as JSON Lines (one object per line).',
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of input.open()) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the file again; an empty file is not evidence.' });
  }
  return parseJsonText(text, input.displayName);
}

/** One value from a JSON array file or a JSONL file, with where it came from. */
export interface JsonItem {
  value: unknown;
  /** `line 12` for JSONL, `/3` (JSON pointer) for an array document. */
  locator: string;
  line?: number;
}

/**
 * Yields the items of a file that is either a JSON array (each element), a single JSON object
 * (itself), or JSON Lines (each line). JSONL is streamed line by line; array and object
 * documents are read whole (up to 512 MB).
 */
export async function* iterateJsonItems(input: ArtifactInput): AsyncGenerator<JsonItem> {
  const first = await firstNonSpace(input);
  if (first === undefined) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the file again; an empty file is not evidence.' });
  }
  if (first === '[') {
    yield* streamJsonArray(input);
    return;
  }
  if (first !== '{') {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} does not start with a JSON object or array.`, {
      where: { file: input.displayName, line: 1 },
      hint: 'This kind reads JSON (an array, an object, or one object per line). Is this the right file for the kind?',
    });
  }
  // Object: JSON Lines when the first line is a complete value; otherwise one pretty-printed document.
  let mode: 'unknown' | 'jsonl' = 'unknown';
  for await (const { text: raw, line: lineNo } of readLines(input.open(), input.displayName)) {
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    if (mode === 'unknown') {
      try {
        const v = JSON.parse(line);
        mode = 'jsonl';
        yield { value: v, locator: `line ${lineNo}`, line: lineNo };
        continue;
      } catch {
        break;
      }
    }
    yield { value: parseJsonText(line, input.displayName, lineNo - 1), locator: `line ${lineNo}`, line: lineNo };
  }
  if (mode === 'unknown') yield { value: await readJsonDocument(input), locator: '' };
}

async function firstNonSpace(input: ArtifactInput): Promise<string | undefined> {
  for await (const chunk of input.open()) {
    const s = (chunk as Buffer).toString('utf8').replace(/^\uFEFF/, '');
    const m = /\S/.exec(s);
    if (m) return m[0];
  }
  return undefined;
}

/** Appends a JSON pointer segment, escaping `~` and `/` (RFC 6901). */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Streams the elements of a top-level JSON array with flat memory: each element's text is cut
 * out by {@link splitJsonArray} and parsed with JSON.parse (a syntax error names the element).
 */
export async function* streamJsonArray(input: ArtifactInput): AsyncGenerator<JsonItem> {
  for await (const { text, index } of splitJsonArray(input.open(), input.displayName)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const msg = (e instanceof Error ? e.message : String(e)).replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/s, '');
      throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is not valid JSON near element ${index}: ${msg}`, {
        where: { file: input.displayName, pointer: `/${index}` },
        hint: 'Fix the JSON at that element, or export the file again.',
      });
    }
    yield { value, locator: `/${index}` };
  }
}
