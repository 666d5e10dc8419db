import { codeAt } from './code-at.js';

/** The connectors of place names ("Rio de Janeiro", "Isle of Man"), each before one space. */
export const CONNECTORS: readonly string[] = ['de', 'do', 'da', 'del', 'of', 'and', 'am', 'an', 'der', 'sur', 'en', 'la', 'le', 'el'];

// The two-letter connectors as bits of a 26 × 26 table indexed by their letters; the four of
// three letters are compared in code. A slice and a regex per call cost more than the rest of
// the call (about 470 calls a pass over the Presidio records reach it).
const TWO = new Uint8Array(26 * 26);
for (const w of CONNECTORS) if (w.length === 2) TWO[(w.charCodeAt(0) - 97) * 26 + (w.charCodeAt(1) - 97)] = 1;

/**
 * Whether a connector and one space stand at `at` (lowercase ASCII, as written in the lists),
 * read by char code.
 */
export function connectorAt(text: string, at: number): boolean {
  const a = codeAt(text, at) - 97;
  const b = codeAt(text, at + 1) - 97;
  if (a >>> 0 >= 26 || b >>> 0 >= 26) return false;
  const c = codeAt(text, at + 2);
  if (c === 32) return TWO[a * 26 + b] === 1;
  if (codeAt(text, at + 3) !== 32) return false;
  // del, der, and, sur
  if (a === 3 && b === 4) return c === 108 || c === 114;
  if (a === 0 && b === 13) return c === 100;
  return a === 18 && b === 20 && c === 114;
}

/**
 * Whether a capitalised place name can go on at `at`, the character after the space that follows
 * its last word: a capital (ASCII or not) or a connector ("Rio de Janeiro", "Isle of Man").
 * Shared by place() and the scan's person gate, which must agree on it.
 */
export function placeGoesOn(text: string, at: number): boolean {
  const next = text.charCodeAt(at);
  return (next >= 65 && next <= 90) || next >= 128 || connectorAt(text, at);
}
