import * as codeAtModule from './code-at.js';
import * as nameIndexModule from './name-index.js';
import type { PiiFinding } from './pii-type.js';
import * as placeGoesOnModule from './place-goes-on.js';
import { LOWER_PLACE_CUES, type Positions } from './text-scan.js';
import * as wordBeforeModule from './word-before.js';
import { WordTable } from './word-table.js';

// What this step uses of other modules, as constants of this one: optimized code loads an imported
// binding from its cell and checks it at every use (see text-scan.ts).
const { codeAt } = codeAtModule;
const { CITY, COMMON, COUNTRY, HASH_SEED, hashStep, lookupKey, lookupSpan, lookupToken, lowerCode, mayBeIndexed, PLACE_HEAD } = nameIndexModule;
const { placeGoesOn } = placeGoesOnModule;
const { isLetter, wordEndBefore } = wordBeforeModule;

const PLACE_CUES = new Set(
  'in from to at near visit visited visiting live lives lived based moved born arrived flew travel travelled traveled trip office branch city town country nach aus à en em naar uit från till'.split(' '),
);
const PLACE_CUE = 1;
const LOWER_PLACE_CUE = 2;
const CUES = new WordTable([
  ...[...PLACE_CUES].map((w) => [w, PLACE_CUE] as const),
  ...LOWER_PLACE_CUES.map((w) => [w, LOWER_PLACE_CUE] as const),
]);
const PLACE = CITY | COUNTRY;

/**
 * A city or country name starting at the word `start`–`end` (the longest phrase of up to four
 * words in the bundled lists), as an unvalidated low-confidence address finding: a country when
 * capitalised, a city after "in", "from", "at"…, a lowercase name only after "in", "from", "at",
 * "to" or "near". Undefined when the word starts no place. A caller that knows the cue flags of
 * the word before a lowercase word passes them as `lowerCue`; one that knows the word's
 * {@link hashStep} hash over `lowerCode` (the scan's, for a word of ASCII letters) passes it as
 * `hash`, or -1.
 */
export function place(text: string, start: number, end: number, cap: boolean, flags?: number, lowerCue?: number, hash = -1): PiiFinding | undefined {
  // Most words start no place: one lookup of the word alone settles it.
  const own = flags ?? lookupSpan(text, start, end);
  if ((own & (PLACE | PLACE_HEAD)) === 0) return undefined;
  let cue = cap ? 0 : (lowerCue ?? cueBefore(text, start));
  if (!cap && (cue & LOWER_PLACE_CUE) === 0) return undefined;
  let best = end;
  let bestFlags = own;
  let words = 1;
  // The phrases go on from the word only when it heads one ("rio de janeiro"); each is looked up
  // as lookupSpan would (hashed lowercase from `start`), the hash carried on from the phrase
  // before it instead of read again from `start`, and the slice below U+0370 (İ excepted) only
  // where lookupSpan takes it.
  if ((own & PLACE_HEAD) !== 0 && codeAt(text, end) === 32) {
    let h = hash;
    let plain = true;
    if (h < 0) {
      h = HASH_SEED;
      for (let k = start; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c >= 0x370 || c === 0x130) plain = false;
        h = hashStep(h, lowerCode(c));
      }
    }
    let j = end;
    const n = text.length;
    for (let k = 1; k < 4; k++) {
      // The space after the phrase so far, then the next word.
      const at = j + 1;
      if (cap ? !placeGoesOn(text, at) : !isLetter(codeAt(text, at))) break;
      h = hashStep(h, 32);
      j = at;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (!(isLetter(c) || c === 39 || c === 45)) break;
        if (c >= 0x370 || c === 0x130) plain = false;
        h = hashStep(h, lowerCode(c));
      }
      if (j === at) break;
      const f = plain ? lookupToken(text, start, j, h) : lookupKey(text.slice(start, j).toLowerCase());
      if ((f & PLACE) !== 0) {
        best = j;
        bestFlags = f;
        words = k + 1;
      }
      if (codeAt(text, j) !== 32) break;
    }
  }
  if ((bestFlags & PLACE) === 0) return undefined;
  if (words === 1 && (bestFlags & COMMON) !== 0) return undefined;
  // A country needs no cue: the word before is read only for a city.
  if ((bestFlags & COUNTRY) !== 0) return { type: 'address', start, end: best, validated: false, confidence: 'low' };
  if (cap) cue = cueBefore(text, start);
  if ((cue & PLACE_CUE) === 0) return undefined;
  return { type: 'address', start, end: best, validated: false, confidence: 'low' };
}

/** The longest word of {@link CUES}: a longer word before a place is no cue, without a lookup. */
const CUE_LONGEST = Math.max(...[...PLACE_CUES, ...LOWER_PLACE_CUES].map((w) => w.length));

/** The cue flags of the word before `start` (one space at most between), 0 when none. */
function cueBefore(text: string, start: number): number {
  const end = wordEndBefore(text, start, 1);
  if (end < 0) return 0;
  // Read back at most one letter more than the longest cue word has.
  let from = end;
  while (from > 0 && end - from <= CUE_LONGEST && isLetter(text.charCodeAt(from - 1))) from--;
  return end - from > CUE_LONGEST ? 0 : CUES.get(text, from, end);
}

// Capitalised words; what stands before them (a letter, an email, a path) is checked in code.
const CAPITALISED = /\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
// Lowercase place names only after "in", "from", "at", "to" or "near": the cue is found by a
// regex without the `u` flag (no match array), the word after it by char code, or by the second
// regex where it has a letter beyond ASCII.
const LOWER_CUE = new RegExp(`\\b(?:${LOWER_PLACE_CUES.join('|')}) `, 'g');
const LOWER_WORD = /\p{Ll}[\p{Ll}\p{M}'’-]{2,}/uy;

/** Places among the capitalised words of a text (see {@link place}). */
export function capitalisedPlaces(text: string, found: PiiFinding[]): void {
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(text); m !== null; m = CAPITALISED.exec(text)) {
    const end = m.index + m[0].length;
    if (end - m.index < 3 || glued(text, m.index) || !indexed(text, m.index, end)) continue;
    const f = place(text, m.index, end, true);
    if (f === undefined) continue;
    found.push(f);
    CAPITALISED.lastIndex = Math.max(CAPITALISED.lastIndex, f.end);
  }
}

/**
 * Lowercase places after "in", "from", "at", "to", "near" ("arrived at bauru"): the matches of
 * `\b(?:in|from|at|to|near) (\p{Ll}[\p{Ll}\p{M}'’-]{2,})` in turn, each word a place or not. With
 * the scan's {@link TextScan.placeCues} the cues come from the scan, not from a regex over the text.
 */
export function lowercasePlaces(text: string, found: PiiFinding[], cues?: Positions): void {
  if (cues !== undefined) {
    // Where the regex would search on from: cues that start before it are not read.
    let from = 0;
    for (let k = 0; k < cues.count; k++) {
      const cue = cues.at[k] as number;
      if (cue < from) continue;
      // The cue word (two to four lowercase letters) and its space.
      let start = cue + 2;
      while (text.charCodeAt(start) !== 32) start++;
      start++;
      from = start;
      const end = placeWordEnd(text, start);
      if (end - start < 3) continue;
      from = end;
      // After a cue word with nothing before it that could lengthen it, the cue is what
      // cueBefore would read: every lowercase cue is a place cue and a lowercase one.
      const f = lowercasePlace(text, start, end, cue === 0 || text.charCodeAt(cue - 1) < 128 ? LOWER_CUED : undefined);
      if (f === undefined) continue;
      found.push(f);
      from = Math.max(end, f.end);
    }
    return;
  }
  LOWER_CUE.lastIndex = 0;
  while (LOWER_CUE.test(text)) {
    const start = LOWER_CUE.lastIndex;
    const end = placeWordEnd(text, start);
    // No word: the search goes on after the space (no cue can start before it).
    if (end - start < 3) continue;
    LOWER_CUE.lastIndex = end;
    const f = lowercasePlace(text, start, end);
    if (f === undefined) continue;
    found.push(f);
    LOWER_CUE.lastIndex = Math.max(end, f.end);
  }
}

/** The cue flags of each of LOWER_PLACE_CUES in {@link CUES}. */
const LOWER_CUED = PLACE_CUE | LOWER_PLACE_CUE;

/** End of the lowercase word `\p{Ll}[\p{Ll}\p{M}'’-]*` at `start` (`start` when none), by char code in ASCII. */
function placeWordEnd(text: string, start: number): number {
  const end = lowerWordEnd(text, start);
  if (end >= 0) return end;
  LOWER_WORD.lastIndex = start;
  return LOWER_WORD.test(text) ? LOWER_WORD.lastIndex : start;
}

/** The place the lowercase word after a cue starts, if any; one lookup for most words ("to the"). */
function lowercasePlace(text: string, start: number, end: number, cue?: number): PiiFinding | undefined {
  let h = HASH_SEED;
  let plain = true;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x370 || c === 0x130) plain = false;
    h = hashStep(h, lowerCode(c));
  }
  // Below U+0370 lookupSpan hashes the word just so and looks it up by that hash (place() would).
  if (!plain) return mayBeIndexed(h) ? place(text, start, end, false, undefined, cue) : undefined;
  const flags = lookupToken(text, start, end, h);
  return (flags & (PLACE | PLACE_HEAD)) === 0 ? undefined : place(text, start, end, false, flags, cue);
}

/**
 * The end of the lowercase word `\p{Ll}[\p{Ll}\p{M}'’-]*` at `start` (`start` when none starts
 * there), or -1 at a character beyond ASCII other than ’, which only the regex can class.
 */
function lowerWordEnd(text: string, start: number): number {
  const n = text.length;
  if (start >= n) return start;
  const first = text.charCodeAt(start);
  if (first >= 128) return -1;
  if (!(first >= 97 && first <= 122)) return start;
  let k = start + 1;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || c === 39 || c === 45 || c === 8217) continue;
    if (c >= 128) return -1;
    break;
  }
  return k;
}

/** Whether the word continues a token before it: a letter, a digit, an email or a path. */
export function glued(text: string, start: number): boolean {
  if (start === 0) return false;
  const b = text.charCodeAt(start - 1);
  // ASCII by one table load (before most words stands a space), the rest by isLetter.
  return b < 128 ? GLUES[b] === 1 : isLetter(b);
}

/** 1 for each ASCII unit a word is glued to: a letter, a digit, `_`, `@`, `.`, `/`, `\`, `#`, `=`. */
const GLUES = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 64 || c === 46 || c === 47 || c === 92 || c === 35 || c === 61) GLUES[c] = 1;

function indexed(text: string, start: number, end: number): boolean {
  let h = HASH_SEED;
  for (let k = start; k < end; k++) h = hashStep(h, lowerCode(text.charCodeAt(k)));
  return mayBeIndexed(h);
}
