import * as names from './name-index.js';

// The hashing helpers as constants of this module: optimized code loads an imported binding from
// its cell and checks it at every use, here once per unit of every word looked up.
const { HASH_SEED, hashStep, lowerCode } = names;

/**
 * A small set of lowercase words (cue words, street words, month names…) with a value each,
 * looked up straight from the text: the word is hashed as it is read and compared in place, so a
 * lookup allocates nothing (no slice, no `toLowerCase()`).
 *
 * A word matches a key when the text, lowercased, equals it. A character whose lowercase form is
 * more than one UTF-16 unit ("İ") matches nothing, as it never could after `toLowerCase()`.
 */
export class WordTable {
  readonly #hashes: Int32Array;
  readonly #values: Int32Array;
  readonly #keys: string[];
  /**
   * Each slot's key as UTF-16 units, at `#starts[slot]` in `#units`: {@link getAscii} compares
   * with a typed-array load where `key.charCodeAt(k)` is a string-shape dispatch (about ten
   * instructions a unit in optimized code).
   */
  readonly #starts: Int32Array;
  readonly #units: Uint16Array;
  readonly #mask: number;

  /** Keys must be lowercase; values must not be 0 (0 means "not in the table"). */
  constructor(entries: Iterable<readonly [string, number]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 4) size <<= 1;
    this.#hashes = new Int32Array(size);
    this.#values = new Int32Array(size);
    this.#keys = new Array<string>(size).fill('');
    this.#mask = size - 1;
    for (const [key, value] of list) {
      if (key !== key.toLowerCase()) throw new Error(`WordTable key not lowercase: ${key}`);
      let h = HASH_SEED;
      for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
      let slot = h & this.#mask;
      while (this.#hashes[slot] !== 0 && this.#keys[slot] !== key) slot = (slot + 1) & this.#mask;
      this.#hashes[slot] = h + 1;
      this.#values[slot] = (this.#values[slot] as number) | value;
      this.#keys[slot] = key;
    }
    this.#starts = new Int32Array(size);
    this.#units = new Uint16Array(this.#keys.reduce((n, key) => n + key.length, 0));
    let at = 0;
    for (let slot = 0; slot < size; slot++) {
      const key = this.#keys[slot] as string;
      this.#starts[slot] = at;
      for (let k = 0; k < key.length; k++) this.#units[at++] = key.charCodeAt(k);
    }
  }

  /**
   * A 65,536-bit filter of the keys' hashes: bit `h & 0xffff` is set for every key's hash `h`. A
   * caller that looks up most words in vain tests the bit inline first (no call, one load).
   */
  filter(): Uint32Array {
    const bits = new Uint32Array(2048);
    for (let slot = 0; slot < this.#hashes.length; slot++) {
      const stored = this.#hashes[slot] as number;
      if (stored === 0) continue;
      const h = (stored - 1) & 0xffff;
      bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
    }
    return bits;
  }

  /** The value of the word `text[start..end)` lowercased, or 0. */
  get(text: string, start: number, end: number): number {
    let h = HASH_SEED;
    for (let k = start; k < end; k++) h = hashStep(h, lowerCode(text.charCodeAt(k)));
    return this.getHashed(text, start, end, h);
  }

  /**
   * {@link getHashed} for a word of ASCII letters only (the text scan's words): a letter `c`
   * lowercased is `c | 32`, and no other unit of a key ('.', a digit, a unit beyond ASCII) equals
   * `c | 32` for a letter, so the compare needs no call per character.
   */
  getAscii(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    const mask = this.#mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const stored = this.#hashes[slot] as number;
      if (stored === 0) return 0;
      if (stored !== h + 1) continue;
      if ((this.#keys[slot] as string).length !== length) continue;
      const units = this.#units;
      const at = (this.#starts[slot] as number) - start;
      let k = start;
      while (k < end && (text.charCodeAt(k) | 32) === units[at + k]) k++;
      if (k === end) return this.#values[slot] as number;
    }
  }

  /** {@link get} with the word's hash already computed (`hashStep` over `lowerCode`). */
  getHashed(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    const mask = this.#mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const stored = this.#hashes[slot] as number;
      if (stored === 0) return 0;
      if (stored !== h + 1) continue;
      const key = this.#keys[slot] as string;
      if (key.length === length && sameLower(text, start, key)) return this.#values[slot] as number;
    }
  }
}

/** Builds a {@link WordTable} giving every word of the lists the same flag. */
export function wordFlags(flag: number, ...lists: ReadonlyArray<Iterable<string>>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const list of lists) for (const w of list) out.push([w, flag]);
  return out;
}

/** Whether `text` from `start` reads `key` (lowercase) once lowercased. */
export function sameLower(text: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) {
    const c = text.charCodeAt(start + k);
    const want = key.charCodeAt(k);
    if (c === want) continue;
    if (c < 128) {
      if (c + 32 !== want || c < 65 || c > 90) return false;
    } else if (strictLower(c) !== want) return false;
  }
  return true;
}

// Lowercase of each UTF-16 unit beyond ASCII, or -1 when it lowercases to more than one unit;
// filled on first sight (0 = not yet known).
const LOWER = new Int32Array(65536);

/** The lowercase of the UTF-16 unit `c` (beyond ASCII), or -1 when it lowercases to more than one unit ("İ"). */
export function strictLower(c: number): number {
  const known = LOWER[c] as number;
  if (known !== 0) return known;
  const lower = String.fromCharCode(c).toLowerCase();
  const value = lower.length === 1 ? lower.charCodeAt(0) : -1;
  LOWER[c] = value;
  return value;
}
