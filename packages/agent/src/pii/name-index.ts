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
 * part is a typed array. A key of one to ten characters from a-z, `'`, `-`, `.` and the space (most
 * listed words) is packed into its slot exactly, five bits a character, so a listed word of that
 * kind is settled by its slot alone: no read of a key list. Other keys keep their characters in a
 * pool. A word in no list is settled by the hashes in the slots, as before.
 */
interface HashTable {
  /**
   * Three ints per slot: the key's hash + 1 (0 = empty); a packed key's first six characters |
   * {@link PACKED}, or else the key's pool offset (below 2^23); the packed key's next four
   * characters << 8 (0 when not packed) | its flags.
   */
  readonly slots: Int32Array;
  /** The keys that are not packed, each as its length, then its UTF-16 units. */
  readonly pool: Uint16Array;
  /** Slot count - 1. */
  readonly mask: number;
}

/** Slots per key in the table. */
const SLOTS_PER_KEY = 3;
/** Marks a packed key's first characters in its slot; pool offsets stay below it. */
const PACKED = 1 << 30;
/** The longest key packed: six characters in one int, four in another. */
const PACK_MAX = 10;

/** Five-bit code of each ASCII unit in a packed key (0: none), capitals folded onto lowercase. */
const PACK_FOLD = new Uint8Array(128);
/** The same without the capitals: {@link lookupKey} compares keys exactly. */
const PACK_EXACT = new Uint8Array(128);
for (let c = 97; c <= 122; c++) {
  PACK_FOLD[c] = PACK_FOLD[c - 32] = PACK_EXACT[c] = c - 96;
}
for (const [c, code] of [[39, 27], [45, 28], [32, 29], [46, 30]] as const) PACK_FOLD[c] = PACK_EXACT[c] = code;

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
    const stored = slots[slot * 3] as number;
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
    const at = slot * 3;
    const stored = slots[at] as number;
    if (stored === 0) return 0;
    if (stored !== h + 1) continue;
    const key = slots[at + 1] as number;
    const data = slots[at + 2] as number;
    if (key >= PACKED ? samePacked(text, start, length, key, data >>> 8, PACK_FOLD) : sameKey(t.pool, key, text, start, length)) return data & 0xff;
  }
}

/**
 * Whether `text[start..start+length)`, each unit lowercased as the hash lowercases it
 * ({@link lowerCode}; `codes` PACK_EXACT for no lowercasing), is the packed key `first`, `rest`.
 */
function samePacked(text: string, start: number, length: number, first: number, rest: number, codes: Uint8Array): boolean {
  if (length > PACK_MAX) return false;
  for (let k = 0; k < length; k++) {
    const c = text.charCodeAt(start + k);
    let code = 0;
    if (c < 128) code = codes[c] as number;
    else if (codes === PACK_FOLD) {
      const lower = lowerCode(c);
      if (lower < 128) code = codes[lower] as number;
    }
    const want = k < 6 ? (first >>> (5 * k)) & 31 : (rest >>> (5 * (k - 6))) & 31;
    if (code !== want || code === 0) return false;
  }
  // The key ends where the text does.
  return length < 6 ? ((first & (PACKED - 1)) >>> (5 * length)) === 0 && rest === 0 : rest >>> (5 * (length - 6)) === 0;
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
  const t = table ?? buildTable();
  const slots = t.slots;
  const mask = t.mask;
  let h = HASH_SEED;
  for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const at = slot * 3;
    const stored = slots[at] as number;
    if (stored === 0) return 0;
    if (stored !== h + 1) continue;
    const packed = slots[at + 1] as number;
    const data = slots[at + 2] as number;
    if (packed >= PACKED) {
      if (samePacked(key, 0, key.length, packed, data >>> 8, PACK_EXACT)) return data & 0xff;
      continue;
    }
    if (t.pool[packed] !== key.length) continue;
    let same = true;
    for (let k = 0; k < key.length; k++) {
      if (t.pool[packed + 1 + k] !== key.charCodeAt(k)) {
        same = false;
        break;
      }
    }
    if (same) return data & 0xff;
  }
}

/**
 * `s[start..end)` packed by `codes` (first six characters + the next four * 2^30, a number below
 * 2^50), or -1 when it is empty, longer than {@link PACK_MAX} or has a character `codes` lacks.
 */
function pack(s: string, start: number, end: number, codes: Uint8Array): number {
  const length = end - start;
  if (length < 1 || length > PACK_MAX) return -1;
  let first = 0;
  let rest = 0;
  for (let k = 0; k < length; k++) {
    const c = s.charCodeAt(start + k);
    const code = c < 128 ? (codes[c] as number) : 0;
    if (code === 0) return -1;
    if (k < 6) first |= code << (5 * k);
    else rest |= code << (5 * (k - 6));
  }
  return first + rest * PACKED;
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
  while (final < state.keys * SLOTS_PER_KEY) final <<= 1;
  const slots = new Int32Array(final * 3);
  const mask = final - 1;
  // The keys that cannot be packed go to a new pool (the packed ones need none).
  const kept = new Uint16Array(state.at);
  let keptAt = 0;
  for (let s = 0; s < size; s++) {
    const h1 = roomy[s << 1] as number;
    if (h1 === 0) continue;
    const data = roomy[(s << 1) + 1] as number;
    const at = data >>> 8;
    const length = pool[at] as number;
    const key = String.fromCharCode(...pool.subarray(at + 1, at + 1 + length));
    const packed = pack(key, 0, length, PACK_EXACT);
    let slot = (h1 - 1) & mask;
    while (slots[slot * 3] !== 0) slot = (slot + 1) & mask;
    slots[slot * 3] = h1;
    if (packed >= 0) {
      slots[slot * 3 + 1] = (packed % PACKED) | PACKED;
      slots[slot * 3 + 2] = (Math.floor(packed / PACKED) << 8) | (data & 0xff);
    } else {
      kept.set(pool.subarray(at, at + 1 + length), keptAt);
      slots[slot * 3 + 1] = keptAt;
      slots[slot * 3 + 2] = data & 0xff;
      keptAt += length + 1;
    }
  }
  table = { slots, pool: kept.slice(0, keptAt), mask };
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
