import { CITIES } from './lists/cities.js';
import { COUNTRIES } from './lists/countries.js';
import { GIVEN_NAMES } from './lists/given-names.js';
import { COMMON_NAME_WORDS, KNOWN_NAME_WORDS } from './lists/name-words.js';
import { SURNAMES } from './lists/surnames.js';

/** Bit flags of a lowercased token in {@link nameIndex}. */
export const GIVEN = 1;
export const SURNAME = 2;
/** Also an everyday English word (Wikipedia rank ≤ 3000): "will", "grant", "may". */
export const COMMON = 4;
/** Also a known English word (rank 3001–20000): a name only with its capital letter. */
export const KNOWN = 8;
/** A city name (or the first word of one). */
export const CITY = 16;
/** A stop word: never a name on its own, whatever the lists say. */
export const STOP = 32;
/** A country name in one of 19 languages. */
export const COUNTRY = 64;
/** The first word of a city or country name of several words ("marshall" of "marshall islands"). */
export const PLACE_HEAD = 128;

// Words that start sentences and headings in support conversations and collide with names in
// some locale; a capital letter says nothing about them.
const STOP_WORDS =
  'i a an the this that these those there then than thanks thank please hello hi hey dear yes no not ok okay ' +
  'my your our their his her its we you he she they it me us them mine yours ours who what when where why how ' +
  'which whose whom if so but and or nor for with without from into onto over under about above below after before ' +
  'since until while during between among is are was were be been being have has had do does did can could will would ' +
  'shall should may might must also just only even still yet here now today tomorrow yesterday monday tuesday wednesday ' +
  'thursday friday saturday sunday january february march april june july august september october november december ' +
  'mr mrs ms miss mx dr prof sir madam street road avenue lane drive apt suite unit floor order invoice ticket account ' +
  'customer support team regards best kind sincerely cheers love all any some every each other another such same ' +
  'new old good great first last next one two three four five six seven eight nine ten hope hopefully sorry welcome ' +
  'ltd inc llc gmbh co corp company bank card phone email mobile fax tel address city country state zip postcode ' +
  'user assistant system bot admin note re fwd subject date time';

let index: Map<string, number> | undefined;
// The table, built on first use. A field of a constant, not a module `let`: a `let` is loaded
// from the module's context and checked before each use, at every lookup.
const TABLE: { current: HashTable | undefined } = { current: undefined };

/**
 * Open addressing over the scanner's own hash: a lookup reads the text, never slices it. Every
 * part is a typed array, so a lookup touches one slot (its hash, flags and key offset side by
 * side) and, on a hash match, the key's characters in one pool: no pointer into the heap and no
 * separate filter. A word in no list is settled by the slot alone (the table is a third full).
 */
interface HashTable {
  /** Two ints per slot: the key's hash + 1 (0 = empty), then its pool offset << 8 | its flags. */
  readonly slots: Int32Array;
  /** Each key as its length, then its UTF-16 units. */
  readonly pool: Uint16Array;
  /** Slot count - 1. */
  readonly mask: number;
}

/**
 * A step of the hash the word scanner computes while it reads a token, over lowercased UTF-16
 * code units (FNV-1a, 32 bits). The name table is keyed by it, so a word is looked up without
 * slicing the text.
 */
export function hashStep(h: number, c: number): number {
  // Kept to 30 bits so the value stays a small integer and never needs a heap number.
  return Math.imul(h ^ c, 16777619) & 0x3fffffff;
}
export const HASH_SEED = 2166136261 & 0x3fffffff;

/** Whether a hash may belong to an indexed token (some key has it; the key is not compared). */
export function mayBeIndexed(h: number): boolean {
  const t = TABLE.current ?? buildTable();
  const slots = t.slots;
  const mask = t.mask;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const stored = slots[slot << 1] as number;
    if (stored === 0) return false;
    if (stored === h + 1) return true;
  }
}

/** The lowercase form of one UTF-16 code unit, as the scanner hashes it. */
export function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c < 192) return c;
  const known = LOWER_CODES[c] as number;
  if (known !== 0) return known;
  // The first unit of the lowercase form, worked out once per unit per process: a string and
  // `toLowerCase()` per letter made every word with an accent several times slower to hash.
  const lower = String.fromCharCode(c).toLowerCase().charCodeAt(0);
  LOWER_CODES[c] = lower;
  return lower;
}

// Lowercase of each UTF-16 unit from 192 up (0 = not worked out yet; no unit lowercases to 0).
const LOWER_CODES = new Uint16Array(65536);

/**
 * Flags of the token `text[start..end)` lowercased, given its {@link hashStep} hash `h`; 0 when
 * it is in no list. Compares the characters in place, so nothing is allocated.
 */
export function lookupToken(text: string, start: number, end: number, h: number): number {
  const t = TABLE.current ?? buildTable();
  const slots = t.slots;
  const mask = t.mask;
  const length = end - start;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const stored = slots[slot << 1] as number;
    if (stored === 0) return 0;
    if (stored !== h + 1) continue;
    const data = slots[(slot << 1) + 1] as number;
    if (sameKey(t.pool, data >>> 8, text, start, length)) return data & 0xff;
  }
}

/**
 * {@link lookupToken} for a word of ASCII letters only (the text scan's words): a letter `c`
 * lowercased is `c | 32`, and no other unit of a key (a space, an apostrophe, a unit beyond ASCII)
 * equals `c | 32` for a letter, so the compare needs no `lowerCode` per letter.
 */
export function lookupAscii(text: string, start: number, end: number, h: number): number {
  const t = TABLE.current ?? buildTable();
  const slots = t.slots;
  const mask = t.mask;
  const length = end - start;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const stored = slots[slot << 1] as number;
    if (stored === 0) return 0;
    if (stored !== h + 1) continue;
    const data = slots[(slot << 1) + 1] as number;
    const pool = t.pool;
    let at = data >>> 8;
    if (pool[at] !== length) continue;
    // The key's units follow its length: `at` is moved to stand one before `text[start]`'s.
    at -= start - 1;
    let k = start;
    while (k < end && (text.charCodeAt(k) | 32) === pool[at + k]) k++;
    if (k === end) return data & 0xff;
  }
}

/** Whether the key at `at` in the pool is `text[start..start+length)` lowercased. */
function sameKey(pool: Uint16Array, at: number, text: string, start: number, length: number): boolean {
  if (pool[at] !== length) return false;
  for (let k = 0; k < length; k++) {
    const c = text.charCodeAt(start + k);
    const want = pool[at + 1 + k] as number;
    if (lowerCode(c) !== want) return false;
  }
  return true;
}

/**
 * The flags of `text[start..end)` lowercased — a word or a phrase of several ("rio de janeiro") —
 * as `nameIndex().get(text.slice(start, end).toLowerCase())` gives them, without the slice: below
 * U+0370 (İ excepted) lowercasing is one unit for one unit, so the text is hashed and compared in
 * place. Other text takes the slice (final sigma and İ lowercase by context or into two units).
 */
export function lookupSpan(text: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x370 || c === 0x130) return lookupKey(text.slice(start, end).toLowerCase());
    h = hashStep(h, lowerCode(c));
  }
  return lookupToken(text, start, end, h);
}

/**
 * The flags of `key` exactly as given (the lists' tokens are lowercase): `nameIndex().get(key) ?? 0`
 * from the table, so the detectors never build the map.
 */
export function lookupKey(key: string): number {
  const t = TABLE.current ?? buildTable();
  const slots = t.slots;
  const mask = t.mask;
  let h = HASH_SEED;
  for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const stored = slots[slot << 1] as number;
    if (stored === 0) return 0;
    if (stored !== h + 1) continue;
    const data = slots[(slot << 1) + 1] as number;
    const at = data >>> 8;
    if (t.pool[at] !== key.length) continue;
    let same = true;
    for (let k = 0; k < key.length; k++) {
      if (t.pool[at + 1 + k] !== key.charCodeAt(k)) {
        same = false;
        break;
      }
    }
    if (same) return data & 0xff;
  }
}

/** The lists and their flags, as {@link nameIndex} reads them: list, flag, separator. */
const LISTS: ReadonlyArray<readonly [string, number, number]> = [
  [GIVEN_NAMES, GIVEN, 32],
  [SURNAMES, SURNAME, 32],
  [COMMON_NAME_WORDS, COMMON, 32],
  [KNOWN_NAME_WORDS, KNOWN, 32],
  [STOP_WORDS, STOP, 32],
  [CITIES, CITY, 124],
  [COUNTRIES, COUNTRY, 124],
];

/**
 * Builds the table straight from the list strings (the same keys and flags as {@link nameIndex},
 * checked by its test): each token is hashed where it stands in its list, no substring, no map,
 * no array of entries. Building the map first cost about 200 ms of CPU on the first call.
 */
function buildTable(): HashTable {
  let tokens = 0;
  let chars = 0;
  for (const [list, , sep] of LISTS) {
    chars += list.length;
    tokens++;
    for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === sep) tokens++;
  }
  // First into a table roomy enough for every token and place head, then into one a third full.
  let size = 1;
  while (size < tokens * 2 * 2) size <<= 1;
  const roomy = new Int32Array(size * 2);
  const pool = new Uint16Array(2 * (chars + tokens));
  const state = { slots: roomy, mask: size - 1, pool, at: 0, keys: 0 };
  for (const [list, flag, sep] of LISTS) {
    let start = 0;
    for (let i = 0; i <= list.length; i++) {
      if (i < list.length && list.charCodeAt(i) !== sep) continue;
      if (i > start) insert(state, list, start, i, flag);
      start = i + 1;
    }
  }
  // The first word of a city or country name of several words ("marshall" of "marshall islands").
  for (const [list, , sep] of LISTS.slice(5)) {
    let start = 0;
    let space = -1;
    for (let i = 0; i <= list.length; i++) {
      const c = i < list.length ? list.charCodeAt(i) : sep;
      if (c === 32 && space < 0) space = i;
      if (c !== sep) continue;
      if (space > start) insert(state, list, start, space, PLACE_HEAD);
      start = i + 1;
      space = -1;
    }
  }
  if (state.at >= 1 << 23) throw new Error('name lists too large for the name table');
  let final = 1;
  while (final < state.keys * 3) final <<= 1;
  const slots = new Int32Array(final * 2);
  const mask = final - 1;
  for (let s = 0; s < size; s++) {
    const h1 = roomy[s << 1] as number;
    if (h1 === 0) continue;
    let slot = (h1 - 1) & mask;
    while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
    slots[slot << 1] = h1;
    slots[(slot << 1) + 1] = roomy[(s << 1) + 1] as number;
  }
  const table = { slots, pool: pool.slice(0, state.at), mask };
  TABLE.current = table;
  return table;
}

interface Building {
  readonly slots: Int32Array;
  readonly mask: number;
  readonly pool: Uint16Array;
  at: number;
  keys: number;
}

/** Adds `flag` to the key `list[start..end)`, adding the key when it is new. */
function insert(b: Building, list: string, start: number, end: number, flag: number): void {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, list.charCodeAt(i));
  const length = end - start;
  for (let slot = h & b.mask; ; slot = (slot + 1) & b.mask) {
    const stored = b.slots[slot << 1] as number;
    if (stored === 0) {
      b.slots[slot << 1] = h + 1;
      b.slots[(slot << 1) + 1] = (b.at << 8) | flag;
      b.pool[b.at] = length;
      for (let i = 0; i < length; i++) b.pool[b.at + 1 + i] = list.charCodeAt(start + i);
      b.at += length + 1;
      b.keys++;
      return;
    }
    if (stored !== h + 1) continue;
    const data = b.slots[(slot << 1) + 1] as number;
    const at = data >>> 8;
    if (b.pool[at] !== length) continue;
    let same = true;
    for (let i = 0; i < length; i++) {
      if (b.pool[at + 1 + i] !== list.charCodeAt(start + i)) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    b.slots[(slot << 1) + 1] = data | flag;
    return;
  }
}

/**
 * Lowercased token → flags, built on first use from the bundled lists. The detectors look tokens
 * up in the name table instead ({@link lookupToken}, {@link lookupSpan}, {@link lookupKey}), which
 * holds the same keys and flags; the map is for tests and callers outside.
 */
export function nameIndex(): Map<string, number> {
  if (index !== undefined) return index;
  const map = new Map<string, number>();
  const mark = (list: string, flag: number, sep = ' ') => {
    for (const w of list.split(sep)) if (w !== '') map.set(w, (map.get(w) ?? 0) | flag);
  };
  mark(GIVEN_NAMES, GIVEN);
  mark(SURNAMES, SURNAME);
  mark(COMMON_NAME_WORDS, COMMON);
  mark(KNOWN_NAME_WORDS, KNOWN);
  mark(STOP_WORDS, STOP);
  mark(CITIES, CITY, '|');
  mark(COUNTRIES, COUNTRY, '|');
  for (const list of [CITIES, COUNTRIES]) {
    for (const phrase of list.split('|')) {
      const space = phrase.indexOf(' ');
      if (space > 0) {
        const head = phrase.slice(0, space);
        map.set(head, (map.get(head) ?? 0) | PLACE_HEAD);
      }
    }
  }
  index = map;
  return map;
}
