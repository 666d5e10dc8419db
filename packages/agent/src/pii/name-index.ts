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
let table: HashTable | undefined;

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
  const t = table ?? buildTable();
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
  const t = table ?? buildTable();
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
    if (c >= 0x370 || c === 0x130) return nameIndex().get(text.slice(start, end).toLowerCase()) ?? 0;
    h = hashStep(h, lowerCode(c));
  }
  return lookupToken(text, start, end, h);
}

function buildTable(): HashTable {
  // Phrases ("rio de janeiro") too, for lookupSpan: a word has no space, so it never meets one.
  const entries = [...nameIndex()];
  let size = 1;
  while (size < entries.length * 3) size <<= 1;
  let chars = 0;
  for (const [key] of entries) chars += key.length + 1;
  if (chars >= 1 << 23) throw new Error('name lists too large for the name table');
  const slots = new Int32Array(size * 2);
  const pool = new Uint16Array(chars);
  const mask = size - 1;
  let at = 0;
  for (const [key, flags] of entries) {
    let h = HASH_SEED;
    for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
    let slot = h & mask;
    while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
    slots[slot << 1] = h + 1;
    slots[(slot << 1) + 1] = (at << 8) | flags;
    pool[at] = key.length;
    for (let i = 0; i < key.length; i++) pool[at + 1 + i] = key.charCodeAt(i);
    at += key.length + 1;
  }
  table = { slots, pool, mask };
  return table;
}

/** Lowercased token → flags, built on first use from the bundled lists. */
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
