/** A word just before a position: its text lowercased and where it starts. */
export interface WordBefore {
  readonly word: string;
  readonly start: number;
}

/**
 * The word that ends just before `pos`, skipping at most `gap` spaces (and a trailing `.` when
 * `dot`), or `undefined` when something else sits between. Letters are Unicode letters and marks.
 */
export function wordBefore(text: string, pos: number, gap = 1, dot = false): WordBefore | undefined {
  let i = pos;
  let spaces = 0;
  while (i > 0 && text.charCodeAt(i - 1) === 32 && spaces < gap) {
    i--;
    spaces++;
  }
  if (dot && i > 0 && text.charCodeAt(i - 1) === 46) i--;
  const end = i;
  while (i > 0 && isLetter(text.charCodeAt(i - 1))) i--;
  if (i === end) return undefined;
  return { word: text.slice(i, end).toLowerCase(), start: i };
}

/** Letters of any script (and combining marks), by a cheap test for ASCII and a regex beyond it. */
export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 192) return c === 170 || c === 181 || c === 186;
  if (c < 0x250) return c !== 215 && c !== 247;
  return LETTER.test(String.fromCharCode(c));
}

const LETTER = /[\p{L}\p{M}]/u;
