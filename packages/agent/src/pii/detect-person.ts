import * as codeAtModule from './code-at.js';
import { doubled } from './doubled.js';
import * as nameIndexModule from './name-index.js';
import * as personCueModule from './person-cue.js';
import * as textScanModule from './text-scan.js';
import { LOWER_NAME_CUES, type TextScan } from './text-scan.js';
import type { PiiConfidence, PiiFinding } from './pii-type.js';
import * as placeModule from './place.js';
import * as wordBeforeModule from './word-before.js';
import { WordTable } from './word-table.js';

// What this step uses of other modules, as constants of this one: optimized code loads an imported
// binding from its cell and checks it at every use (see text-scan.ts).
const { codeAt } = codeAtModule;
const { CITY, COMMON, COUNTRY, GIVEN, HASH_SEED, hashStep, KNOWN, lookupKey, lookupSpan, lookupToken, lowerCode, PLACE_HEAD, STOP, SURNAME } = nameIndexModule;
const { CUE_NAMING, CUE_TITLE, cueKind, cueStart, NO_CUE, personCue } = personCueModule;
const { INNER_CAPITAL, NOT_CUED, ONE_CAPITAL, POSSESSIVE } = textScanModule;
const { glued, place } = placeModule;
const { isLetter, isUpper, wordEnd } = wordBeforeModule;

const NAME = GIVEN | SURNAME;
const NO_INTS = new Int32Array(0);
const PLACE = CITY | COUNTRY;

// Capitalised words that were not a name on their own but may be one in a list of names, as
// parallel arrays reused from call to call (detectPerson runs to its end without calling out).
// They and the findings below are fields of `const` objects, not `let` bindings of the module:
// optimized code reads a field of a constant directly, where a `let` is loaded from the module's
// context and checked (initialised? its shape?) at every use.
const PENDING = { count: 0, starts: new Int32Array(16), ends: new Int32Array(16) };

function pushPending(start: number, end: number): void {
  if (PENDING.count === PENDING.starts.length) {
    PENDING.starts = doubled(PENDING.starts);
    PENDING.ends = doubled(PENDING.ends);
  }
  PENDING.starts[PENDING.count] = start;
  PENDING.ends[PENDING.count] = end;
  PENDING.count++;
}

// The person findings of a call, as parallel arrays reused from call to call: where each starts
// and ends, and its validation and confidence in one small integer (validated + 2 × confidence
// rank). No finding object is made until mergeAdjacent hands the call's findings out: one object
// per finding reported, none for the halves of a merged name, and no array of them per call.
const FOUND = { count: 0, starts: new Int32Array(16), ends: new Int32Array(16), kinds: new Int32Array(16) };
const VALIDATED = 1;
const LOW = 2;
const MEDIUM = 4;
const HIGH = 6;

function pushFound(start: number, end: number, kind: number): void {
  if (FOUND.count === FOUND.starts.length) {
    FOUND.starts = doubled(FOUND.starts);
    FOUND.ends = doubled(FOUND.ends);
    FOUND.kinds = doubled(FOUND.kinds);
  }
  FOUND.starts[FOUND.count] = start;
  FOUND.ends[FOUND.count] = end;
  FOUND.kinds[FOUND.count] = kind;
  FOUND.count++;
}

/**
 * Finds person names without a language model. A run of capitalised words is a full name when
 * it starts with a listed given name or surname ("Megan Payne", "Donald van der Voet") or follows
 * a cue ("my name is", "Dear", "Mr.", "From:"); those findings are validated. A single listed
 * name is reported unvalidated: medium confidence inside a sentence or after a cue, low at the
 * start of a sentence. Lowercase names count after a cue ("mr. martin", "named joshua"). Names that are everyday English words ("Will", "Grant") count only after
 * a cue or in a list of names; city and country names are left to the address detector. A title
 * before a name ("Dr.", "Mr.") is part of the finding. With the {@link scanText} of the text,
 * nothing is read when the scan rules every finding out, the capitalised words come from the
 * scan with their name-index flags, and the lowercase names are only looked for when a lowercase
 * cue stands before a lowercase word.
 */
export function detectPerson(text: string, out: PiiFinding[], places?: PiiFinding[], scan?: TextScan): void {
  if (scan !== undefined && !scan.person) return;
  FOUND.count = 0;
  PENDING.count = 0;
  // The words are read once, in text order, straight into findings. A run is the capitalised
  // words joined by one space or by particles ("Donald van der Voet"); a stop word in it splits
  // it ("Thanks Megan"), so what is read as one name is a group: the run's words between stop
  // words. A group needs only its ends, its first and last word's flags and two counts, kept
  // here in locals: no word is stored, and a group is settled the moment it ends.
  let runEnd = -1; // where the run's last word (a stop word too) ends; -1: no run (and no group)
  let words = 0; // the group's words; 0: no group
  let groupStart = 0;
  let groupEnd = 0;
  let firstFlags = 0;
  let lastFlags = 0;
  let listed = 0; // listed names in the group
  let strong = 0; // listed names that are no everyday word
  let at = 0;
  // The scan has listed every capital already, with the flags of the ASCII words it could settle;
  // without it a char-code scan finds the capitals (no regex call, no substring).
  const caps = scan?.capitals;
  // The scan's arrays in locals: the loads are not repeated after each call out of the loop.
  const capCount = caps === undefined ? 0 : caps.count;
  const capStarts = caps === undefined ? NO_INTS : caps.starts;
  const capEnds = caps === undefined ? NO_INTS : caps.ends;
  const capHashes = caps === undefined ? NO_INTS : caps.hashes;
  const capFlags = caps === undefined ? NO_INTS : caps.flags;
  let next = 0;
  for (;;) {
    let start: number;
    // Where the word's letters may go on after what the scan read of it, and the hash of what it
    // read (-1: none).
    let from: number;
    let h = -1;
    let known = -1;
    if (caps !== undefined) {
      while (next < capCount && (capStarts[next] as number) < at) next++;
      if (next === capCount) break;
      start = capStarts[next] as number;
      known = capFlags[next] as number;
      // A word the scan settled ends where the scan says: no letters, or an apostrophe or hyphen and
      // letters, follow.
      from = capEnds[next] as number;
      h = capHashes[next++] as number;
      if (known === INNER_CAPITAL) {
        // A capital inside a word ("iPhone"): glued to the letters before it.
        at = wordEnd(text, from);
        if (words !== 0) group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
        words = 0;
        runEnd = -1;
        continue;
      }
    } else {
      start = nextCapital(text, at);
      if (start < 0) break;
      from = start + (text.charCodeAt(start) >= 0xd800 && text.charCodeAt(start) <= 0xdbff ? 2 : 1);
    }
    if (glued(text, start)) {
      at = known >= 0 ? from : wordEnd(text, from);
      if (words !== 0) group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
      words = 0;
      runEnd = -1;
      continue;
    }
    let end: number;
    let flags: number;
    if (known >= 0) {
      // The scan's word, a possessive "Liam's" in it read as the name Liam.
      at = from;
      end = (known & POSSESSIVE) !== 0 ? from - 2 : from;
      flags = known;
    } else {
      // The rest of the word read and hashed in one pass, a possessive "Liam's" read as Liam.
      flags = readName(text, start, from, h);
      at = READ.end;
      end = READ.nameEnd;
    }
    if (places !== undefined && (flags & (PLACE | PLACE_HEAD)) !== 0 && end - start >= 3) {
      // A word the scan settled carries its hash into the phrases (-1 when the scan read past its run).
      const p = place(text, start, end, true, flags, undefined, known >= 0 ? h : -1);
      if (p !== undefined) {
        places.push(p);
        if (words !== 0) group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
        words = 0;
        runEnd = -1;
        at = Math.max(at, p.end);
        continue;
      }
    }
    if (known >= 0 && (known & ONE_CAPITAL) !== 0 ? !plainShaped(text, end) : !nameShaped(text, start, end)) {
      if (words !== 0) group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
      words = 0;
      runEnd = -1;
      continue;
    }
    // Whether the word joins the run only matters to a group in progress (none after a stop
    // word or at a run's start, where runEnd may be -1 too).
    if (words !== 0 && !joins(text, runEnd, start)) {
      group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
      words = 0;
    }
    runEnd = end;
    if ((flags & STOP) !== 0) {
      // A stop word ends the group before it and belongs to none, but the run goes on through it.
      if (words !== 0) group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
      words = 0;
      continue;
    }
    if (words === 0) {
      groupStart = start;
      firstFlags = flags;
      listed = 0;
      strong = 0;
    }
    words++;
    groupEnd = end;
    lastFlags = flags;
    if ((flags & NAME) !== 0) {
      listed++;
      if ((flags & COMMON) === 0) strong++;
    }
  }
  if (words !== 0) group(text, words, groupStart, groupEnd, firstFlags, lastFlags, listed, strong);
  if (scan === undefined || scan.nameCue) lowercaseNames(text);
  if (FOUND.count > 1) sortFound();
  promoteLists(text);
  mergeAdjacent(text, out);
}

/**
 * What readName read: where the word ends, and where the name ends (before a possessive "'s").
 * Fields of a constant, not module `let`s: optimized code loads a `let` from the module's context
 * and checks it before each use, a field of a constant is one load. Exported for its test.
 */
export const READ = { end: 0, nameEnd: 0 };

/**
 * The name-index flags of the word that starts at `start` and whose letters may go on at `from`
 * (`h` is the hash of `text[start..from)`, or -1), read as {@link wordEnd} reads it: letters and
 * marks, and an apostrophe or hyphen with a letter after it. A possessive "Liam's" (more than three
 * units) is the name Liam. The word is hashed lowercase (`lowerCode`) as it is read, so it is read
 * once; where it ends goes to `READ.end`, where the name ends to `READ.nameEnd`.
 */
export function readName(text: string, start: number, from: number, h: number): number {
  if (h < 0) {
    h = HASH_SEED;
    for (let k = start; k < from; k++) h = hashStep(h, lowerCode(text.charCodeAt(k)));
  }
  const n = text.length;
  let j = from;
  // The last apostrophe or hyphen read, and the hash before it.
  let sep = -1;
  let beforeSep = 0;
  for (;;) {
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (!isLetter(c)) break;
      h = hashStep(h, lowerCode(c));
    }
    const d = codeAt(text, j);
    if (!((d === 39 || d === 8217 || d === 45) && j + 1 < n && isLetter(text.charCodeAt(j + 1)))) break;
    sep = j;
    beforeSep = h;
    h = hashStep(hashStep(h, lowerCode(d)), lowerCode(text.charCodeAt(j + 1)));
    j += 2;
  }
  READ.end = j;
  // "'s" at the end is the last apostrophe read and the one letter after it.
  if (j - start > 3 && sep === j - 2 && (text.charCodeAt(j - 1) === 115 || text.charCodeAt(j - 1) === 83) && (text.charCodeAt(sep) === 39 || text.charCodeAt(sep) === 8217)) {
    READ.nameEnd = sep;
    return lookupToken(text, start, sep, beforeSep);
  }
  READ.nameEnd = j;
  return lookupToken(text, start, j, h);
}

/** The cue before the word `start` with flags `flags` (NOT_CUED from the scan settles it). */
function cueOf(text: string, start: number, flags: number): number {
  return (flags & NOT_CUED) !== 0 ? NO_CUE : personCue(text, start);
}

/**
 * Where the next capital letter (Unicode Lu) at or after `from` stands, or -1. The rest of the
 * word ("O'Neil", "Jean-Luc") is read by wordEnd, and a word glued to what stands before it (an
 * email, a path, an identifier) is dropped. A regex test (no match array) skips to the next unit
 * that may be one (A–Z, the Latin-1 capitals, anything from U+0100), faster than a char-code loop
 * (about 500 vs 620 ns for all the capitals of a record with a letter beyond ASCII).
 */
function nextCapital(text: string, from: number): number {
  MAY_BE_CAPITAL.lastIndex = from;
  while (MAY_BE_CAPITAL.test(text)) {
    const i = MAY_BE_CAPITAL.lastIndex - 1;
    if (text.charCodeAt(i) < 128 || isUpper(text, i)) return i;
  }
  return -1;
}
const MAY_BE_CAPITAL = /[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\uffff]/g;

// Lowercase names after a cue: "my name is joshua", "mr. martin", "named yulan", or a listed pair.
const LOWER_CUED = new RegExp(`\\b(?:${LOWER_NAME_CUES.join('|')})\\.?:?,? (\\p{Ll}[\\p{Ll}\\p{M}'’-]+)(?: (\\p{Ll}[\\p{Ll}\\p{M}'’-]+))?`, 'gu');
/** Particles between the words of a name ("van der", "de la", "bin"). */
export const PARTICLES: readonly string[] = ['van', 'der', 'den', 'de', 'da', 'di', 'do', 'dos', 'das', 'du', 'del', 'della', 'von', 'zu', 'le', 'la', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'y', 'af'];
const PARTICLE_WORDS = new WordTable(PARTICLES.map((w) => [w, 1] as const));
/** Bit `c - 97` for each letter `c` a particle starts with; the longest particle's length. */
const PARTICLE_FIRST = PARTICLES.reduce((bits, w) => bits | (1 << (w.charCodeAt(0) - 97)), 0);
const PARTICLE_LONGEST = Math.max(...PARTICLES.map((w) => w.length));

/** Whether the capitalised word at `start` continues the run ending at `end` (one space, or particles). */
function joins(text: string, end: number, start: number): boolean {
  const gap = start - end;
  if (gap === 1) return text.charCodeAt(end) === 32;
  if (gap < 4 || gap > 16) return false;
  return particleGap(text, end, start);
}

/**
 * Whether `text[end..start)` is one space, then particles each followed by one space (" van der "),
 * read by char code and looked up by hash in place: no slice and no regex for the gaps between
 * capitalised words (about 540 a pass over the Presidio records reached the regex, 51 matched).
 */
export function particleGap(text: string, end: number, start: number): boolean {
  if (start - end < 3 || codeAt(text, end) !== 32 || codeAt(text, start - 1) !== 32) return false;
  let k = end + 1;
  while (k < start) {
    const from = k;
    // Most gaps hold other words ("went to"): a word whose first letter starts no particle, or
    // longer than the longest particle, is none, before any hashing or lookup.
    const first = text.charCodeAt(k) - 97;
    if (first >>> 0 >= 26 || ((PARTICLE_FIRST >>> first) & 1) === 0) return false;
    let h = HASH_SEED;
    for (; k < start - 1; k++) {
      const c = text.charCodeAt(k);
      if (c === 32) break;
      if (!(c >= 97 && c <= 122) || k - from === PARTICLE_LONGEST) return false;
      h = hashStep(h, c);
    }
    if (k === from || PARTICLE_WORDS.getHashed(text, from, k, h) === 0) return false;
    k++;
  }
  return true;
}

/** Lowercase names after a cue ("mr. martin", "named joshua", "name roberto yamamura"). */
function lowercaseNames(text: string): void {
  LOWER_CUED.lastIndex = 0;
  for (let m = LOWER_CUED.exec(text); m !== null; m = LOWER_CUED.exec(text)) {
    const a = m[1] as string;
    const b = m[2];
    const fa = lookupKey(a);
    if ((fa & NAME) === 0 || (fa & STOP) !== 0) {
      LOWER_CUED.lastIndex = m.index + m[0].length - a.length - (b === undefined ? 0 : b.length + 1);
      continue;
    }
    const cueWord = m[0].slice(0, m[0].length - a.length - (b === undefined ? 0 : b.length + 1)).replace(/[.:,]? $/, '').toLowerCase();
    const title = /^(?:mr|mrs|ms|miss|dr|prof)$/.test(cueWord);
    const naming = title || /^(?:name is|named|called|i'?m|i am|this is|name)$/.test(cueWord);
    if (!naming && (fa & (COMMON | KNOWN)) !== 0) continue;
    const aStart = m.index + m[0].length - a.length - (b === undefined ? 0 : b.length + 1);
    const fb = b === undefined ? 0 : lookupKey(b);
    const pair = b !== undefined && (fb & NAME) !== 0 && (fb & (STOP | COMMON)) === 0;
    const end = pair ? aStart + a.length + 1 + (b as string).length : aStart + a.length;
    pushFound(title ? m.index : aStart, end, title || pair ? MEDIUM | VALIDATED : MEDIUM);
  }
}

/**
 * Orders the findings by start, stably, as `Array.prototype.sort` did: by insertion, which reads
 * the findings once when they are in order already (most are: the runs are read in text order).
 */
function sortFound(): void {
  let moves = 0;
  for (let i = 1; i < FOUND.count; i++) {
    const start = FOUND.starts[i] as number;
    let j = i - 1;
    if ((FOUND.starts[j] as number) <= start) continue;
    // Findings pushed after the walk (lowercase names, promoted list words) can stand anywhere
    // before the last one: in a long text each would move thousands. Past a small budget of
    // moves the rest is sorted by an index sort instead, O(n log n) however long the text.
    if (moves > SORT_MOVES) {
      sortFoundByIndex();
      return;
    }
    const end = FOUND.ends[i] as number;
    const kind = FOUND.kinds[i] as number;
    for (; j >= 0 && (FOUND.starts[j] as number) > start; j--) {
      FOUND.starts[j + 1] = FOUND.starts[j] as number;
      FOUND.ends[j + 1] = FOUND.ends[j] as number;
      FOUND.kinds[j + 1] = FOUND.kinds[j] as number;
      moves++;
    }
    FOUND.starts[j + 1] = start;
    FOUND.ends[j + 1] = end;
    FOUND.kinds[j + 1] = kind;
  }
}

/** Moves the insertion sort may make before {@link sortFoundByIndex} takes over. */
const SORT_MOVES = 256;

/** The findings ordered by start, ties in the order they stand now (stable), by sorting their indexes. */
function sortFoundByIndex(): void {
  const count = FOUND.count;
  const starts = FOUND.starts;
  const order = indexes(count);
  order.sort((a, b) => (starts[a] as number) - (starts[b] as number) || a - b);
  // Sized by this call's findings, not by the arrays' capacity: that is the most any call in the
  // process has needed (a 4 MB text grows it to tens of thousands), and zero-filling it on every
  // later short call cost more than the sort (pushFound doubles from here when needed).
  const size = Math.max(16, count);
  FOUND.starts = permuted(starts, order, size);
  FOUND.ends = permuted(FOUND.ends, order, size);
  FOUND.kinds = permuted(FOUND.kinds, order, size);
}

// The loops of sortFoundByIndex, each a function of its own. It runs rarely and long, so V8
// compiles its loops on the stack (OSR), the first time before the code after them had ever run;
// with the loops inline, every later call entered that stale code and left it again at the first
// field read after the loop (four deoptimizations a call, `--trace-deopt`).
function indexes(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

function permuted(from: Int32Array<ArrayBuffer>, order: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(size);
  for (let i = 0; i < order.length; i++) to[i] = from[order[i] as number] as number;
  return to;
}

/** {@link nameShaped} of a word whose only capital is its first letter: what follows it decides. */
export function plainShaped(text: string, end: number): boolean {
  const after = end < text.length ? text.charCodeAt(end) : 32;
  if (after >= 128) return true;
  // One load for what stands after most words (a space, a comma), not a chain of compares.
  const k = AFTER[after] as number;
  return k === 0 || (k === AFTER_DOT && !isLetter(codeAt(text, end + 1)));
}

// After a word, ASCII: 1 when it makes the word code ("@", "_", a digit), AFTER_DOT when a letter
// after it would ("." or "/": a file name, a path), 0 when it says nothing.
const AFTER_DOT = 2;
const AFTER = new Uint8Array(128);
AFTER[64] = 1;
AFTER[95] = 1;
for (let c = 48; c <= 57; c++) AFTER[c] = 1;
AFTER[46] = AFTER_DOT;
AFTER[47] = AFTER_DOT;

/** Whether the capitalised word can be a name: no identifier, acronym or heading. */
function nameShaped(text: string, start: number, end: number): boolean {
  if (!plainShaped(text, end)) return false;
  const length = end - start;
  let upper = 1;
  for (let k = start + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) {
      upper++;
      // camelCase identifiers are code, except Mc/Mac names.
      const prev = text.charCodeAt(k - 1);
      if (prev >= 97 && prev <= 122 && !(k - start === 2 && text.startsWith('Mc', start)) && !(k - start === 3 && text.startsWith('Mac', start))) return false;
    }
  }
  return !(length > 1 && upper === length); // ACRONYM, HEADING
}

/**
 * Settles a group of capitalised words without a stop word (see {@link detectPerson}): one word
 * by {@link single}, two or more a full name when a cue stands before them or they start with a
 * listed name. `firstFlags` and `lastFlags` are the first and last word's name-index flags,
 * `listed` the words that are listed names, `strong` those of them that are no everyday word.
 */
function group(text: string, words: number, start: number, end: number, firstFlags: number, lastFlags: number, listed: number, strong: number): void {
  if (words === 1) {
    single(text, start, end, firstFlags);
    return;
  }
  if ((firstFlags & (PLACE | PLACE_HEAD)) !== 0 && isPlace(text, start, end)) return;
  const cue = cueOf(text, start, firstFlags);
  if (cue !== NO_CUE) return pushFound(cueKind(cue) === CUE_TITLE ? cueStart(cue) : start, end, HIGH | VALIDATED);
  if ((firstFlags & NAME) !== 0 && (strong >= 1 || listed >= 2)) return pushFound(start, end, HIGH | VALIDATED);
  if (strong >= 1 && (lastFlags & SURNAME) !== 0) pushFound(start, end, MEDIUM | VALIDATED);
}

/** A group of one capitalised word (most groups): a name alone, after a cue, as a speaker label, or pending a list. */
function single(text: string, start: number, end: number, flags: number): void {
  if ((flags & STOP) !== 0) return;
  if ((flags & PLACE) !== 0 && (flags & NAME) === 0) return;
  const cue = cueOf(text, start, flags);
  if (cue !== NO_CUE) {
    const kind = cueKind(cue);
    if ((flags & NAME) !== 0 || kind === CUE_TITLE || kind === CUE_NAMING) {
      pushFound(kind === CUE_TITLE ? cueStart(cue) : start, end, kind === CUE_TITLE ? MEDIUM | VALIDATED : MEDIUM);
    }
    return;
  }
  if (codeAt(text, end) === 58 && lineStart(text, start) && (flags & NAME) !== 0 && (flags & (PLACE | COMMON)) === 0) {
    pushFound(start, end, MEDIUM);
    return;
  }
  if ((flags & NAME) === 0 || (flags & COMMON) !== 0) {
    if ((flags & PLACE) === 0) pushPending(start, end);
    return;
  }
  pushFound(start, end, sentenceStart(text, start) ? LOW : MEDIUM);
}

/** Capitalised words in a list with names ("Malon, Mark, Kaylee and Brandi") are names too. */
function promoteLists(text: string): void {
  if (PENDING.count === 0 || FOUND.count === 0) return;
  // A short text has a few findings, searched in place; a long one gets sets of their offsets.
  const offsets: Offsets | undefined = FOUND.count > 8 ? { starts: new Set(FOUND.starts.subarray(0, FOUND.count)), ends: new Set(FOUND.ends.subarray(0, FOUND.count)) } : undefined;
  if (promoteWords(text, offsets)) sortFound();
}

/**
 * The pending words that stand in a list with a name, added as findings; whether any was. Its
 * own function so that no code follows the loops (see `keepWinners` in resolve-overlaps.ts: a
 * long call's loop compiled on the stack before the call after it had run).
 */
function promoteWords(text: string, offsets: Offsets | undefined): boolean {
  let added = false;
  // A second pass can only promote a word next to one the first pass promoted: when the first
  // adds nothing, the second would read the same findings and add nothing either.
  for (let pass = 0; pass < 2 && (pass === 0 || added); pass++) {
    for (let k = 0; k < PENDING.count; k++) {
      const start = PENDING.starts[k] as number;
      const end = PENDING.ends[k] as number;
      if (!listy(text, start, end) || hasStart(offsets, start) || !listNeighbour(text, start, end, offsets)) continue;
      pushFound(start, end, LOW);
      offsets?.starts.add(start);
      offsets?.ends.add(end);
      added = true;
    }
  }
  return added;
}

/** Where the findings of a long text start and end. */
interface Offsets {
  readonly starts: Set<number>;
  readonly ends: Set<number>;
}

function hasStart(offsets: Offsets | undefined, start: number): boolean {
  if (offsets !== undefined) return offsets.starts.has(start);
  for (let i = 0; i < FOUND.count; i++) if (FOUND.starts[i] === start) return true;
  return false;
}

function hasEnd(offsets: Offsets | undefined, end: number): boolean {
  if (offsets !== undefined) return offsets.ends.has(end);
  for (let i = 0; i < FOUND.count; i++) if (FOUND.ends[i] === end) return true;
  return false;
}

/** A comma or a conjunction right next to the word: the only way it can be in a list. */
function listy(text: string, start: number, end: number): boolean {
  const after = codeAt(text, end);
  if (after === 44) return true;
  let i = start;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  if (i > 0 && text.charCodeAt(i - 1) === 44) return true;
  return after === 32 || i < start;
}

const LIST_WORDS = new Set(['and', 'or', 'und', 'et', 'y', 'e', 'en', 'i', 'och', 'og']);
const LIST_TABLE = new WordTable([...LIST_WORDS].map((w) => [w, 1] as const));
/** The longest list word: a longer word is none, without a lookup (most words next to a name are longer). */
const LIST_LONGEST = Math.max(...[...LIST_WORDS].map((w) => w.length));

/** Whether a list separator (", ", " and ", " & "…) joins the word to a person finding on either side. */
function listNeighbour(text: string, start: number, end: number, offsets: Offsets | undefined): boolean {
  // Before: "Malon, " or "Kaylee and ".
  let i = start;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  if (i > 0 && text.charCodeAt(i - 1) === 44) {
    let k = i - 1;
    while (k > 0 && text.charCodeAt(k - 1) === 32) k--;
    if (hasEnd(offsets, k)) return true;
  } else if (i < start) {
    // The word before, read back at most one letter past the longest list word.
    let wStart = i;
    while (wStart > 0 && i - wStart <= LIST_LONGEST && isLetter(text.charCodeAt(wStart - 1))) wStart--;
    if (wStart < i && i - wStart <= LIST_LONGEST && LIST_TABLE.get(text, wStart, i) !== 0) {
      let k = wStart;
      while (k > 0 && text.charCodeAt(k - 1) === 32) k--;
      if (hasEnd(offsets, k)) return true;
    }
  }
  // After: ", Kaylee" or " and Brandi".
  let j = end;
  if (codeAt(text, j) === 44) j++;
  while (codeAt(text, j) === 32) j++;
  if (j > end + 1 && hasStart(offsets, j) && codeAt(text, end) === 44) return true;
  // The word after, read at most one letter past the longest list word.
  let e = j;
  while (e < text.length && e - j <= LIST_LONGEST && isLetter(text.charCodeAt(e))) e++;
  if (e > j && e - j <= LIST_LONGEST && LIST_TABLE.get(text, j, e) !== 0) {
    while (codeAt(text, e) === 32) e++;
    if (hasStart(offsets, e)) return true;
  }
  return false;
}

/** Whether the words from `start` to `end` form a city or country name ("San Francisco", "Rio de Janeiro"). */
function isPlace(text: string, start: number, end: number): boolean {
  return (lookupSpan(text, start, end) & PLACE) !== 0;
}

function sentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 58 || c === 34 || c === 40 || c === 42 || c === 45 || c === 8226;
  }
  return true;
}

function lineStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 62 || c === 34 || c === 92) continue;
    return c === 10 || c === 13;
  }
  return true;
}

/**
 * Two person findings separated by one space are one name (validated, medium). Each finding is
 * made here, as it is handed out; a merged name is one object, its halves none.
 */
function mergeAdjacent(text: string, out: PiiFinding[]): void {
  if (FOUND.count === 0) return;
  let start = FOUND.starts[0] as number;
  let end = FOUND.ends[0] as number;
  let kind = FOUND.kinds[0] as number;
  for (let i = 1; i < FOUND.count; i++) {
    const s = FOUND.starts[i] as number;
    if (s - end === 1 && text.charCodeAt(end) === 32) {
      end = FOUND.ends[i] as number;
      kind = MEDIUM | VALIDATED;
      continue;
    }
    out.push(finding(start, end, kind));
    start = s;
    end = FOUND.ends[i] as number;
    kind = FOUND.kinds[i] as number;
  }
  out.push(finding(start, end, kind));
}

function finding(start: number, end: number, kind: number): PiiFinding {
  const rank = kind >> 1;
  const confidence: PiiConfidence = rank === 3 ? 'high' : rank === 2 ? 'medium' : 'low';
  return { type: 'person', start, end, validated: (kind & VALIDATED) !== 0, confidence };
}

