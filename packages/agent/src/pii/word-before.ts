import { codeAt } from './code-at.js';

/**
 * Where the word just before `pos` ends, skipping at most `gap` spaces (and a trailing `.` when
 * `dot`), or -1 when something else sits between; its start is {@link wordStart}. Letters are
 * Unicode letters and marks. Nothing is allocated: callers look the word up in a `WordTable`.
 */
export function wordEndBefore(text: string, pos: number, gap = 1, dot = false): number {
  let i = pos;
  let spaces = 0;
  while (i > 0 && text.charCodeAt(i - 1) === 32 && spaces < gap) {
    i--;
    spaces++;
  }
  if (dot && i > 0 && text.charCodeAt(i - 1) === 46) i--;
  return i > 0 && isLetter(text.charCodeAt(i - 1)) ? i : -1;
}

/** Start of the run of letters that ends at `end`. */
export function wordStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && isLetter(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Letters of any script (and combining marks), by a cheap test for ASCII and a regex beyond it. */
export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 192) return c === 170 || c === 181 || c === 186;
  if (c < 0x250) return c !== 215 && c !== 247;
  return charClass(c) & IS_LETTER ? true : false;
}

/** Whether the character at `i` (a UTF-16 unit or a surrogate pair) is a capital letter (Unicode Lu). */
export function isUpper(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  if (c >= 0xd800 && c <= 0xdbff) return UPPER.test(text.slice(i, i + 2));
  return (charClass(c) & IS_UPPER) !== 0;
}

const LETTER = /[\p{L}\p{M}]/u;
const UPPER = /^\p{Lu}/u;
const KNOWN = 1;
const IS_LETTER = 2;
const IS_UPPER = 4;
// What the regexes said about each UTF-16 unit seen so far: each unit is classified once per process.
const CLASSES = new Uint8Array(65536);

function charClass(c: number): number {
  const known = CLASSES[c] as number;
  if (known !== 0) return known;
  const s = String.fromCharCode(c);
  const k = KNOWN | (LETTER.test(s) ? IS_LETTER : 0) | (UPPER.test(s) ? IS_UPPER : 0);
  CLASSES[c] = k;
  return k;
}

/** End of the word whose letters continue at `i`: letters and marks, inner apostrophes and hyphens. */
export function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  for (;;) {
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    const d = codeAt(text, j);
    if ((d === 39 || d === 8217 || d === 45) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) j += 2;
    else return j;
  }
}
