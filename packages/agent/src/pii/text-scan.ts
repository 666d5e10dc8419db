import { codeAt as importedCodeAt } from './code-at.js';
import { doubled } from './doubled.js';
import * as names from './name-index.js';
import { MONTH_NUMBER, WEEKDAYS } from './month-names.js';
import { ADDRESS_PAIRS, ADDRESS_WORDS, POSTCODE_WORDS, STREET_PREFIXES, STREET_SUFFIXES } from './street-words.js';
import { CUE_END_WORDS } from './person-cue.js';
import { placeGoesOn as importedPlaceGoesOn } from './place-goes-on.js';
import * as wordBefore from './word-before.js';
import { WordTable } from './word-table.js';

// What the scan uses of other modules, as constants of this one: optimized code loads an imported
// binding from its cell and checks it at every use (and a function against the one it inlined).
const codeAt = importedCodeAt;
const placeGoesOn = importedPlaceGoesOn;
const { CITY, COUNTRY, GIVEN, HASH_SEED, hashStep, lookupAscii, lookupToken, lowerCode, PLACE_HEAD, STOP, SURNAME } = names;
const { isLetter, isUpper, wordEnd } = wordBefore;

// The scan's small helpers are `const` arrow functions, not function declarations: V8 folds a
// `const` of the module's scope into the optimized code, where a declared function (a mutable
// binding) is loaded and compared with the one it inlined at every call, in the char loop too.

/** Half of a surrogate pair: a letter beyond the Basic Multilingual Plane may stand there. */
const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** {@link isAsciiLetter} in one comparison: `c | 32` folds the capitals onto the lowercase range. */
const asciiLetter = (c: number): boolean => ((c | 32) - 97) >>> 0 < 26;

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * What one pass over a text says about the values it can hold: it reads each character once,
 * each word once (hashed as it is read and looked up by hash) and each digit run once. Every
 * field is a necessary condition of some detector or some step of one, so a step whose condition
 * fails is skipped without changing what is found (bench/pii-fingerprint.mjs checks that on every
 * benchmark input).
 *
 * Words are only looked up when the text is plain ASCII letters; any other letter (accents,
 * other scripts, or a surrogate pair) makes every word condition true, because case folding and
 * word boundaries beyond ASCII are the regular expressions' business. The person conditions
 * ({@link TextScan.nameCue}, {@link TextScan.person}, {@link TextScan.capitals}), the
 * lowercase place cue ({@link TextScan.placeCue}) and the birth cue ({@link TextScan.birth}) are
 * the exception: they look up the ASCII words of any text and leave to the detector only the
 * words with a letter beyond ASCII in or right after them.
 */
export interface TextScan {
  /** Any ASCII digit. */
  readonly digit: boolean;
  /** An `@` (email). */
  readonly at: boolean;
  /** A `:` (IPv6). */
  readonly colon: boolean;
  /**
   * Most digits in one run of digits, spaces, dots, dashes and parentheses. A phone needs 6, an
   * IPv4 address 4, an SSN 9, a card 12: each of their candidates lies inside such a run.
   */
  readonly chain: number;
  /**
   * Most digit groups in a row joined by one `/`, `.` or `-` each: a numeric date (3/23/1940,
   * 1940-03-23) needs three.
   */
  readonly dateChain: number;
  /**
   * Four runs of one to three digits in a row, each joined to the next by one `.`: every IPv4
   * address is one.
   */
  readonly quad: boolean;
  /**
   * A run of exactly nine digits, or runs of three, two and four digits joined by the same single
   * `-` or space: the shapes of a US SSN.
   */
  readonly ssn: boolean;
  /**
   * Most digits in runs joined by one space or dash each: a card number (12 to 19 digits, grouped
   * by single spaces or dashes) needs 12.
   */
  readonly cardChain: number;
  /**
   * The maximal runs of ASCII digits, in text order; valid until the next scanText call. Every
   * digit-shaped value starts at one of them.
   */
  readonly digits: DigitRuns;
  /** Two ASCII letters before two digits, with no ASCII letter or digit before them: the start of an IBAN. */
  readonly ibanHead: boolean;
  /**
   * A run of at least 10 key characters (`A-Z a-z 0-9 _ -`) with a `_`, a `-` or a capital after
   * its first character, that starts like a key prefix ("sk", "AK", "gh", "ey", "--"…): every
   * provider key, JWT and PEM header the key detector knows is one (it reads a prefix only where
   * no key character stands before it).
   */
  readonly keyRun: boolean;
  /** A street word ("Street", "Rd", "Via", "ul"): a street can follow a house number. */
  readonly street: boolean;
  /**
   * A whole address cue: an address word ("address"), a pair ("lives at", "ship to") or an
   * address word and "s": a house number can follow it.
   */
  readonly addressCue: boolean;
  /** A postcode word ("ZIP", "PLZ"): a postcode can follow it. */
  readonly postcodeWord: boolean;
  /**
   * Where the address detector's words stand, so that it asks about each house number without
   * reading the words around it, in any text (a word with a unit beyond ASCII is read as the
   * detector reads it, letters and marks); valid until the next scanText call.
   */
  readonly addressWords: AddressWords;
  /** A month name, alone or after "st", "nd", "rd", "th": a written date is possible. */
  readonly month: boolean;
  /**
   * Where those month words start and end (an ordinal glued before one, as in "rdMarch",
   * included), so that a number is only read as a day or year next to one; every word (letters
   * and marks) with a unit beyond ASCII counts as one ("März"). Valid until the next scanText
   * call.
   */
  readonly months: { readonly starts: Positions; readonly ends: Positions };
  /**
   * An English weekday name as a whole word of ASCII letters, in any case ("Monday", "FRIDAY"), in
   * any text: the weekday regex can match (it reads the name after a space and before `\b`, with
   * ASCII case folding, so the name is always one whole ASCII word of the scan).
   */
  readonly dayWord: boolean;
  /**
   * A lowercase name cue ("my name is", "mr.", "named") before a lowercase word (or a letter
   * beyond ASCII), in any text: the cues are ASCII words and the regex's `\b` is ASCII too.
   */
  readonly nameCue: boolean;
  /**
   * Whether the person detector can find anything (a name or a place): a lowercase name cue, or a
   * capitalised word that is listed as a name or place, that stands right after a word that can
   * end a cue ("Dear", "is", "From:"), or that the scan could not settle (a letter beyond ASCII
   * in or right after it, an apostrophe or hyphen joining more letters). Without one every path
   * of detectPerson ends without a finding.
   */
  readonly person: boolean;
  /**
   * "in", "from", "at", "to" or "near" before a lowercase listed place (or a word that may be
   * one), in any text: the cues are ASCII words and the regex's `\b` is ASCII too.
   */
  readonly placeCue: boolean;
  /**
   * Where each match of the place detector's lowercase cue regex (`\b(?:in|from|at|to|near) `, `\b`
   * and `\w` ASCII) starts, in text order, in any text: a whole lowercase cue word of ASCII letters
   * with a space after it and no digit or "_" before it. The detector reads the word after each
   * instead of running the regex over the text; valid until the next scanText call.
   */
  readonly placeCues: Positions;
  /**
   * "born", "birth", "birthday", "DOB" or "D.O.B": a date of birth is possible; in any text (the
   * cue regex reads ASCII letters only, its `\b` is ASCII too).
   */
  readonly birth: boolean;
  /** Whether every letter of the text is an ASCII letter (and no surrogate pair stands in it). */
  readonly ascii: boolean;
  /**
   * Where the person detector must look, in any text: the ASCII words with a capital and each
   * capital beyond ASCII; valid until the next scanText call.
   */
  readonly capitals: CapitalWords;
}

/**
 * Runs of ASCII letters with a capital in them, and capitals beyond ASCII (each on its own, one
 * or two UTF-16 units), in text order: where each starts and ends, its lowercase hash (as the
 * name index hashes it; -1 for a capital beyond ASCII) and what the name index says of it (or
 * that the capital is inside the word). A capitalised ASCII word that goes on after an apostrophe
 * or a hyphen in ASCII letters ("It's", "Jean-Luc") ends where the detector's word ends, with
 * the hash -1. The arrays are reused from call to call; `count` entries are valid.
 */
export interface CapitalWords {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;
  /**
   * The name-index flags of a word starting with its capital, plus {@link NOT_CUED} when no word
   * that can end a person cue stands right before it and {@link POSSESSIVE} for "Liam's"; -1 when
   * the detector must read the word itself (a letter beyond ASCII in or right after it);
   * {@link INNER_CAPITAL} for a capital inside a word ("iPhone").
   */
  readonly flags: Int32Array;
}

/**
 * In {@link CapitalWords.flags}: a capital inside a word that starts lowercase ("iPhone"), glued to
 * the letters before it (one mark in the flags, not an array of its own: one store fewer a capital).
 */
export const INNER_CAPITAL = -2;
/** In {@link CapitalWords.flags}: no person cue can stand before the word (personCue finds none). */
export const NOT_CUED = 512;
/** In {@link CapitalWords.flags}: the first letter is the word's only capital ("Megan", not "McKay"). */
export const ONE_CAPITAL = 1024;
/**
 * In {@link CapitalWords.flags}: the word ends in a possessive "'s" (its end is after it) and the
 * flags are of the name before it ("Liam's", Liam).
 */
export const POSSESSIVE = 2048;

/**
 * Where the words the address detector looks for around a house number stand, in text order
 * (each list's `count` entries are valid; the arrays are reused from call to call).
 */
export interface AddressWords {
  /**
   * Starts of street words, before or after the name ("Via", "Street"), and of every word with a
   * letter from U+017F up (the address regex may match one case-insensitively: "ſtreet").
   */
  readonly streets: Positions;
  /** Start of the first street word that comes before a name ("Via", "Rue"), or -1. */
  readonly firstPrefix: number;
  /** Ends of whole address cues ("address", "lives at", "ship to"). */
  readonly cueEnds: Positions;
  /** Ends of postcode words ("ZIP", "PLZ"). */
  readonly postcodeEnds: Positions;
}

/** A growable list of text offsets, reused from call to call: `count` entries of `at` are valid. */
export class Positions {
  count = 0;
  at = new Int32Array(16);

  push(position: number): void {
    if (this.count === this.at.length) {
      const grown = new Int32Array(this.count * 2);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[this.count++] = position;
  }
}

/**
 * Runs of ASCII digits, in text order: where each starts and ends. The arrays are reused from
 * call to call; `count` entries are valid.
 */
export interface DigitRuns {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * 1 when only spaces, dots, dashes and parentheses stand between the run and the one before
   * (a phone candidate's body, `[\d(). -]`, goes on from one to the other), else 0.
   */
  readonly linked: Uint8Array;
  /**
   * Where the word of ASCII letters that ends right before the run, or one character before it,
   * starts; -1 when none does (the reader checks that character: a space, for most). Only in a
   * text whose letters are all ASCII ({@link TextScan.ascii}) is that the word of letters and marks
   * the detectors read before the number.
   */
  readonly wordBefore: Int32Array;
  /**
   * The UTF-16 unit right before the run (0 at the start of the text) in the low 16 bits, and the
   * one right after it (0 at the end) in the high 16: what
   * every detector asks first of a number (is it glued to a word, a decimal, a path?), read once
   * by the scan instead of once per detector. One array, so the scan stores once per run.
   */
  readonly around: Int32Array;
}

// The capitals' arrays are fields of one `const` object, not `let` bindings of the module: the
// optimized scan reads a field of a constant with a known shape, where a `let` is loaded from the
// module's context and checked (initialised? an object? an Int32Array?) before every store.
const CAPITALS = { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), hashes: new Int32Array(64), flags: new Int32Array(64) };

const growCapitals = (): void => {
  const k = CAPITALS;
  k.starts = doubled(k.starts);
  k.ends = doubled(k.ends);
  k.hashes = doubled(k.hashes);
  k.flags = doubled(k.flags);
};

// The digit runs' arrays are fields of one `const` object as well, for the same reason.
const DIGITS = { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), linked: new Uint8Array(64), wordBefore: new Int32Array(64), around: new Int32Array(64) };

const growRuns = (): void => {
  const d = DIGITS;
  const linked = new Uint8Array(d.linked.length * 2);
  linked.set(d.linked);
  d.starts = doubled(d.starts);
  d.ends = doubled(d.ends);
  d.linked = linked;
  d.wordBefore = doubled(d.wordBefore);
  d.around = doubled(d.around);
};

/** Lowercase cues before a lowercase name, in the order of the regex built from them (detect-person). */
export const LOWER_NAME_CUES: readonly string[] = [
  'name is', 'named', 'called', "i'm", 'im', 'i am', 'this is', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'dear', 'hi', 'hello', 'hey', 'thanks', 'name',
];
/** Lowercase cues before a lowercase place name (place.ts builds its regex from them). */
export const LOWER_PLACE_CUES: readonly string[] = ['in', 'from', 'at', 'to', 'near'];

/** The last word of a cue: "is" of "name is", "m" of "i'm". */
const lastWord = (cue: string): string => cue.slice(Math.max(cue.lastIndexOf(' '), cue.lastIndexOf("'")) + 1);
const STREET = 1;
const MONTH = 2;
/** The last word of a lowercase name cue. */
const NAME_CUE_END = 4;
const PLACE_CUE = 8;
const BIRTH = 16;
/** "d" or "do" of "d.o.b". */
const BIRTH_D = 32;
const ADDRESS_CUE = 64;
const POSTCODE = 128;
const STREET_PREFIX = 256;
/** The first word of an address pair ("lives" of "lives at"), the last, and "s" ("address s"). */
const PAIR_HEAD = 512;
const PAIR_TAIL = 1024;
const S_WORD = 2048;
const WEEKDAY = 4096;
/** The words the date-of-birth cue regex starts with ("d" and "do" of "d.o.b" only before a "."). */
const BIRTH_ENTRIES: ReadonlyArray<readonly [string, number]> = [
  ...['born', 'birth', 'birthdate', 'birthday', 'dob'].map((w) => [w, BIRTH] as const),
  ['d', BIRTH_D],
  ['do', BIRTH_D],
];
const BIRTH_WORDS = new WordTable(BIRTH_ENTRIES);
const WORDS = new WordTable([
  ...[...STREET_SUFFIXES, ...STREET_PREFIXES].map((w) => [w, STREET] as const),
  ...[...MONTH_NUMBER.keys()].map((w) => [w, MONTH] as const),
  ...LOWER_NAME_CUES.map((cue) => [lastWord(cue), NAME_CUE_END] as const),
  ...LOWER_PLACE_CUES.map((w) => [w, PLACE_CUE] as const),
  ...BIRTH_ENTRIES,
  ...STREET_PREFIXES.map((w) => [w, STREET_PREFIX] as const),
  ...ADDRESS_WORDS.map((w) => [w, ADDRESS_CUE] as const),
  ...ADDRESS_PAIRS.map((pair) => [pair.slice(0, pair.indexOf(' ')), PAIR_HEAD] as const),
  ...ADDRESS_PAIRS.map((pair) => [pair.slice(pair.indexOf(' ') + 1), PAIR_TAIL] as const),
  ['s', S_WORD],
  ...POSTCODE_WORDS.map((w) => [w, POSTCODE] as const),
  ...[...WEEKDAYS].map((w) => [w, WEEKDAY] as const),
]);
/** Most words are in no list: their hash's bit in this filter is 0 and WORDS is not called. */
const WORD_FILTER = WORDS.filter();
/** The words that can end a person cue ("dear", "is" of "name is", "from"), looked up only before a capital. */
const PERSON_CUES = new WordTable(CUE_END_WORDS.map((w) => [w, 1] as const));
const PERSON_CUE_FILTER = PERSON_CUES.filter();
const PAIRS = new WordTable(ADDRESS_PAIRS.map((pair) => [pair, 1] as const));
const ADDRESS_FLAGS = STREET | STREET_PREFIX | ADDRESS_CUE | PAIR_HEAD | PAIR_TAIL | S_WORD | POSTCODE;
const ADDRESS_WORD_FLAGS = STREET | STREET_PREFIX | ADDRESS_CUE | PAIR_HEAD | POSTCODE;
/** The lowercase name cues by their last word ("is": "name is", "this is"). */
const CUES_BY_LAST_WORD: ReadonlyArray<readonly string[]> = [...new Set(LOWER_NAME_CUES.map(lastWord))].map((w) =>
  LOWER_NAME_CUES.filter((cue) => lastWord(cue) === w),
);
const CUE_LAST_WORDS = new WordTable(CUES_BY_LAST_WORD.map((cues, i) => [lastWord(cues[0] as string), i + 1] as const));
const PLACE_CUE_WORDS = new WordTable(LOWER_PLACE_CUES.map((w) => [w, PLACE_CUE] as const));
const MONTHS = new WordTable([...MONTH_NUMBER.keys()].map((w) => [w, MONTH] as const));
const WEEKDAY_WORDS = new WordTable([...WEEKDAYS].map((w) => [w, WEEKDAY] as const));
const PLACE = CITY | COUNTRY | PLACE_HEAD;

const ADDRESS = { streets: new Positions(), firstPrefix: -1, cueEnds: new Positions(), postcodeEnds: new Positions() };
const MONTH_WORDS = { starts: new Positions(), ends: new Positions() };
const PLACE_CUES = new Positions();

/** Records a lowercase place cue that starts at `start`, where the regex's `\b` holds (no digit or "_" before). */
const placeCueWord = (text: string, start: number): void => {
  const b = codeAt(text, start - 1);
  if (!((b >= 48 && b <= 57) || b === 95)) PLACE_CUES.push(start);
};

const monthWord = (start: number, end: number): void => {
  MONTH_WORDS.starts.push(start);
  MONTH_WORDS.ends.push(end);
};

/**
 * Where the last pair head ("lives") and address word ended, for the word after them. Fields of a
 * constant, not module `let`s: optimized code loads a `let` from the module's context and checks
 * it before each use, a field of a constant is one load.
 */
const LAST = { headStart: -1, headEnd: -1, addressEnd: -1 };

// Where the word longerFlags read ends (a field of a constant, as LAST's).
const LONGER = { end: 0 };

/**
 * Records where an address word stands (see {@link AddressWords}) and returns ADDRESS_CUE when
 * the word ends a whole cue, as detect-address reads one: an address word, or a pair or an
 * address word and "s" with one space between.
 */
const addressWord = (text: string, start: number, end: number, flags: number): number => {
  const a = ADDRESS;
  if ((flags & (STREET | STREET_PREFIX)) !== 0) {
    a.streets.push(start);
    if ((flags & STREET_PREFIX) !== 0 && a.firstPrefix < 0) a.firstPrefix = start;
  }
  if ((flags & POSTCODE) !== 0) a.postcodeEnds.push(end);
  let cue = (flags & ADDRESS_CUE) !== 0;
  const spaced = codeAt(text, start - 1) === 32;
  const last = LAST;
  if ((flags & PAIR_TAIL) !== 0 && last.headEnd === start - 1 && spaced && PAIRS.get(text, last.headStart, end) !== 0) cue = true;
  if ((flags & S_WORD) !== 0 && last.addressEnd === start - 1 && spaced) cue = true;
  if ((flags & PAIR_HEAD) !== 0) {
    last.headStart = start;
    last.headEnd = end;
  }
  if ((flags & ADDRESS_CUE) !== 0) last.addressEnd = end;
  if (!cue) return 0;
  a.cueEnds.push(end);
  return ADDRESS_CUE;
};

/**
 * Records the {@link AddressWords} and month words ({@link TextScan.months}) of the word of
 * letters and marks ({@link isLetter}, as the detectors read words) that starts at `start` and
 * has a unit beyond ASCII, in a text with a letter beyond ASCII; returns where it ends. It is
 * looked up lowercased as the detectors' word tables look it up (`lowerCode` hash, one-unit
 * lowercase compare), so cue and postcode ends are exactly theirs; it counts as a street word
 * after a number when it has a unit from U+017F up (the address regex may match one
 * case-insensitively: "ſtreet"), and always as a month word (the date regex reads letters, not
 * marks, and lowercases the whole word: left to it).
 */
const mixedWord = (text: string, start: number): number => {
  const n = text.length;
  let i = start;
  let c = text.charCodeAt(i);
  let h = HASH_SEED;
  let beyond = false;
  for (;;) {
    // ASCII letters inline (their lowercase is `c | 32`); calls only beyond ASCII.
    if (c < 128) h = hashStep(h, c | 32);
    else {
      if (c >= 0x17f) beyond = true;
      h = hashStep(h, lowerCode(c));
    }
    c = ++i < n ? text.charCodeAt(i) : 0;
    if (c < 128 ? !asciiLetter(c) : !isLetter(c)) break;
  }
  const flags = (((WORD_FILTER[(h >>> 5) & 2047] as number) >>> (h & 31)) & 1) === 0 ? 0 : WORDS.getHashed(text, start, i, h);
  if ((flags & ADDRESS_FLAGS) !== 0 && ((flags & ADDRESS_WORD_FLAGS) !== 0 || LAST.headEnd === start - 1 || LAST.addressEnd === start - 1)) {
    addressWord(text, start, i, flags);
  }
  if (beyond && (flags & (STREET | STREET_PREFIX)) === 0) ADDRESS.streets.push(start);
  monthWord(start, i);
  return i;
};

/**
 * Records the address and month words of a whole word of ASCII letters (hash `h`) in a text with
 * a letter beyond ASCII, as the scan does in a text without one.
 */
const asciiWord = (text: string, start: number, end: number, h: number): void => {
  // "3rdMarch": the date regex reads an ordinal glued to the month, right after the day's digits.
  if (end - start >= 5 && start > 0 && isDigit(text.charCodeAt(start - 1)) && startsOrdinal(text, start) && MONTHS.get(text, start + 2, end) !== 0) monthWord(start, end);
  if ((((WORD_FILTER[(h >>> 5) & 2047] as number) >>> (h & 31)) & 1) === 0) return;
  const flags = WORDS.getHashed(text, start, end, h);
  if ((flags & MONTH) !== 0) monthWord(start, end);
  if ((flags & ADDRESS_FLAGS) !== 0 && ((flags & ADDRESS_WORD_FLAGS) !== 0 || LAST.headEnd === start - 1 || LAST.addressEnd === start - 1)) {
    addressWord(text, start, end, flags);
  }
};

/**
 * Reads the text once; see {@link TextScan}. The result (and the word and digit arrays in it) is
 * reused: it is valid until the next call.
 */
export function scanText(text: string): TextScan {
  const n = text.length;
  let digit = false;
  let at = false;
  let colon = false;
  let chain = 0;
  let chainDigits = 0;
  let ibanHead = false;
  let keyRun = false;
  let runLength = 0;
  let runMarked = false;
  // Where the current key run starts: whether it starts like a key prefix is only asked once it is
  // long and marked enough to be a key (a call at every word start cost 6 % of the scan).
  let runStart = 0;
  let other = false;
  // Where the last word of letters and marks with a unit beyond ASCII ends (see mixedWord).
  let mixedEnd = -1;
  let words = 0;
  let placeCueEnd = -2;
  let caps = 0;
  let dateChain = 0;
  let groups = 0;
  let runs = 0;
  let octets = 0;
  let quad = false;
  let cardDigits = 0;
  let cardChain = 0;
  let ssn = false;
  let ssnPair = false;
  let prevSep = 0;
  let prevLength = 0;
  // Where the last run of digits ended.
  let runEnd = -2;
  // Person: the last ASCII word (where it starts and ends, its hash), where the last letter beyond
  // ASCII ends, and whether a finding is possible (see TextScan.person).
  let prevStart = -8;
  let prevEnd = -8;
  let prevHash = 0;
  let otherEnd = -1;
  let person = false;
  const address = ADDRESS;
  address.streets.count = 0;
  address.cueEnds.count = 0;
  address.postcodeEnds.count = 0;
  address.firstPrefix = -1;
  MONTH_WORDS.starts.count = 0;
  MONTH_WORDS.ends.count = 0;
  PLACE_CUES.count = 0;
  LAST.headEnd = -1;
  LAST.addressEnd = -1;
  // `| 0`: the index cannot overflow, so no check of it a pass (the body moves it, so the
  // compiler cannot tell on its own).
  for (let i = 0; i < n; i = (i + 1) | 0) {
    let c = text.charCodeAt(i);
    if (asciiLetter(c)) {
      // A word of ASCII letters: hashed lowercase as it is read, looked up once at its end.
      chainDigits = 0;
      const start = i;
      const first = c;
      // hashStep, written out: an imported function is loaded and checked at every call.
      let h = Math.imul(HASH_SEED ^ (c | 32), 16777619) & 0x3fffffff;
      // Bit 5 (32) of every letter after the first, and-ed: an ASCII letter is a capital exactly
      // when that bit is 0, so this says without a branch per letter whether a capital is inside.
      let rest = 32;
      for (;;) {
        // Past the end, 0 instead of charCodeAt's NaN keeps `c` a small integer for the JIT; `| 0`
        // tells it the index cannot overflow (no overflow check a letter).
        i = (i + 1) | 0;
        c = i < n ? text.charCodeAt(i) : 0;
        if (!asciiLetter(c)) break;
        rest &= c;
        h = Math.imul(h ^ (c | 32), 16777619) & 0x3fffffff;
      }
      const end = i;
      const lower = (first & rest) !== 0;
      const inner = rest === 0;
      i = end - 1;
      // Most words are lowercase, in no word table, after no digit and no place cue, in an
      // unmarked key run: for them every test below is false but the last stores. In a text with a
      // letter beyond ASCII too: asciiWord records nothing for such a word (no digit before it,
      // no bit in the filter), and one with a letter beyond ASCII right after it is not taken here.
      if (lower && (((WORD_FILTER[(h >>> 5) & 2047] as number) >>> (h & 31)) & 1) === 0 && !runMarked && start !== placeCueEnd + 1 && runEnd !== start && c < 128) {
        prevStart = start;
        prevEnd = end;
        prevHash = h;
        if (c === 32) {
          // The space after the word, read here: it ends the key run (the word's part in it is
          // unmarked, so no key), and the loop goes on after it.
          runLength = 0;
          i = end;
        } else {
          if (runLength === 0) runStart = start;
          runLength += end - start;
        }
        continue;
      }
      // The key run goes on through the word; a capital after its first character marks it.
      if (inner || (!lower && runLength > 0)) runMarked = true;
      if (runLength === 0) runStart = start;
      runLength += end - start;
      if (runMarked && runLength >= 10 && !keyRun && runIsKey(text, runStart)) keyRun = true;
      const otherAfter = c >= 128 && (isLetter(c) || isSurrogate(c));
      if (otherAfter) other = true;
      if (!lower) {
        if (caps === CAPITALS.starts.length) growCapitals();
        CAPITALS.starts[caps] = start;
        CAPITALS.ends[caps] = end;
        CAPITALS.hashes[caps] = h;
        // A capital inside a word that starts lowercase ("iPhone") is marked for the detector.
        let f = first <= 90 ? -1 : INNER_CAPITAL;
        if (first <= 90 && !otherAfter) {
          // More letters after an apostrophe or a hyphen ("It's", "Jean-Luc"): the word the
          // detector reads is longer, read here once for the gate and the detector both.
          const longer = (c === 39 || c === 8217 || c === 45) && end + 1 < n && isLetter(text.charCodeAt(end + 1));
          const cued = cueBefore(text, start, prevStart, prevEnd, prevHash, otherEnd);
          f = capitalFlags(text, start, end, h, cued, longer);
          if (!person && personWord(text, start, longer ? LONGER.end : end, f, longer)) person = true;
          if (!longer) {
            if (!inner) f |= ONE_CAPITAL;
          } else if (f >= 0) {
            // An ASCII word: the detector takes it whole, so the scan's hash of its first letters is no use.
            CAPITALS.ends[caps] = LONGER.end;
            CAPITALS.hashes[caps] = -1;
          }
        } else if (first <= 90) person = true;
        CAPITALS.flags[caps] = f;
        caps++;
      }
      if (start === placeCueEnd + 1 && first >= 97 && (words & PLACE_CUE) === 0) {
        // "in paris", in any text: the word after a lowercase place cue is a listed place, or may
        // be read differently by the regex (a capital inside, an apostrophe, a hyphen or a letter
        // beyond ASCII after).
        if (!lower || c === 39 || c === 8217 || c === 45 || otherAfter || (end - start >= 3 && (lookupAscii(text, start, end, h) & PLACE) !== 0)) words |= PLACE_CUE;
      }
      // The other word conditions are all open in a text with a letter beyond ASCII.
      if (!other) {
        // "3rdMarch": the date regex reads an ordinal glued to the month, and only right after the
        // day's digits (a month word counts only next to a number; "rdMarch" elsewhere is no month).
        // (`runEnd === start`: a digit stands right before the word, which then ends its run.)
        if (end - start >= 5 && runEnd === start && startsOrdinal(text, start) && MONTHS.get(text, start + 2, end) !== 0) {
          words |= MONTH;
          monthWord(start, end);
        }
      }
      prevStart = start;
      prevEnd = end;
      prevHash = h;
      tail: {
        // In a text with a letter beyond ASCII the address and month words are recorded for the
        // detector's words: this one if it is a whole word, else the word of letters and marks it
        // starts (one it is inside of was recorded at its first unit beyond ASCII).
        if (other && start >= mixedEnd) {
          if (c >= 128 && isLetter(c)) mixedEnd = mixedWord(text, start);
          else asciiWord(text, start, end, h);
        }
        // Every word of the tables below is in WORDS: a word whose bit is 0 is in none of them.
        if ((((WORD_FILTER[(h >>> 5) & 2047] as number) >>> (h & 31)) & 1) === 0) break tail;
        if (other) {
          // Only the lowercase place and name cues and the birth words are still open to this
          // word: small tables of their (last) words.
          if (lower && c === 32 && end - start <= 4 && PLACE_CUE_WORDS.getHashed(text, start, end, h) !== 0) {
            placeCueEnd = end;
            placeCueWord(text, start);
          }
          // Weekdays are read by an ASCII regex in any text: the names are six to nine letters.
          if (end - start >= 6 && end - start <= 9 && WEEKDAY_WORDS.getHashed(text, start, end, h) !== 0) words |= WEEKDAY;
          // The birth words start with "b" or "d".
          if ((words & BIRTH) === 0 && end - start <= 9 && ((first | 32) === 98 || (first | 32) === 100)) {
            const birth = BIRTH_WORDS.getHashed(text, start, end, h);
            if (birth === BIRTH || (birth === BIRTH_D && c === 46)) words |= BIRTH;
          }
          if (lower && (words & NAME_CUE_END) === 0 && nameCueAt(text, end, start, h, c)) words |= NAME_CUE_END;
          break tail;
        }
        const flags = WORDS.getAscii(text, start, end, h);
        if (flags === 0) break tail;
        words |= flags & (STREET | MONTH | BIRTH | POSTCODE | WEEKDAY);
        if ((flags & MONTH) !== 0) monthWord(start, end);
        // The last word of a pair ("to", "at", "s") only counts right after the first: most are not.
        if ((flags & ADDRESS_FLAGS) !== 0 && ((flags & ADDRESS_WORD_FLAGS) !== 0 || LAST.headEnd === start - 1 || LAST.addressEnd === start - 1)) {
          words |= addressWord(text, start, end, flags);
        }
        if ((flags & BIRTH_D) !== 0 && c === 46) words |= BIRTH;
        if (!lower) break tail;
        if ((flags & PLACE_CUE) !== 0 && c === 32) {
          placeCueEnd = end;
          placeCueWord(text, start);
        }
        if ((flags & NAME_CUE_END) !== 0 && (words & NAME_CUE_END) === 0 && nameCueAt(text, end, start, h, c)) words |= NAME_CUE_END;
      }
      if (c === 32) {
        // The space after the word, read here (the space branch below, without a pass of the loop).
        runLength = 0;
        runMarked = false;
        i = end;
      }
      continue;
    }
    if (c === 32) {
      // A space continues a digit chain and ends a key run.
      runLength = 0;
      runMarked = false;
      continue;
    }
    if (c >= 48 && c <= 57) {
      // A run of digits, read whole.
      digit = true;
      const start = i;
      const before = start > 0 ? text.charCodeAt(start - 1) : 0;
      let j = i + 1;
      // The unit that ends the run is kept: 0 past the end, as codeAt reads it.
      let after = j < n ? text.charCodeAt(j) : 0;
      while (isDigit(after)) after = ++j < n ? text.charCodeAt(j) : 0;
      const length = j - start;
      if (runs === DIGITS.starts.length) growRuns();
      DIGITS.starts[runs] = start;
      DIGITS.ends[runs] = j;
      // Only body characters since the last run: the chain (below) goes on.
      DIGITS.linked[runs] = chainDigits > 0 ? 1 : 0;
      // The last ASCII word, when it ends at the run or one character before it.
      DIGITS.wordBefore[runs] = prevEnd >= start - 1 ? prevStart : -1;
      DIGITS.around[runs] = before | (after << 16);
      runs++;
      // The separator before the run, when a run ends just before it.
      const sep = runEnd === start - 1 ? before : 0;
      runEnd = j;
      // It continues a date-like chain after one "/", "." or "-".
      groups = sep === 47 || sep === 46 || sep === 45 ? groups + 1 : 1;
      if (groups > dateChain) dateChain = groups;
      // An IPv4 octet after one ".".
      octets = length > 3 ? 0 : sep === 46 && prevLength <= 3 ? octets + 1 : 1;
      if (octets >= 4) quad = true;
      // Card groups after one space or dash.
      cardDigits = sep === 32 || sep === 45 ? cardDigits + length : length;
      if (cardDigits > cardChain) cardChain = cardDigits;
      // AAA-GG-SSSS, AAA GG SSSS or nine digits.
      if (length === 9 || (length === 4 && prevLength === 2 && ssnPair && (sep === 45 || sep === 32) && sep === prevSep)) ssn = true;
      ssnPair = length === 2 && prevLength === 3 && (sep === 45 || sep === 32);
      prevSep = sep;
      prevLength = length;
      chainDigits += length;
      if (chainDigits > chain) chain = chainDigits;
      // An IBAN's country code: two letters with no ASCII letter or digit before them. (Read
      // from the last ASCII word instead, the scan ran 3 % more instructions per Presidio record:
      // its optimized code inlined other callees.)
      if (!ibanHead && start >= 2 && length >= 2 && isAsciiLetter(before) && isAsciiLetter(text.charCodeAt(start - 2)) && !(start >= 3 && (isAsciiLetter(text.charCodeAt(start - 3)) || isDigit(text.charCodeAt(start - 3))))) ibanHead = true;
      if (runLength === 0) runStart = start;
      runLength += length;
      if (runMarked && runLength >= 10 && !keyRun && runIsKey(text, runStart)) keyRun = true;
      i = j - 1;
      continue;
    }
    // Dots, dashes and parentheses continue a digit chain; anything else ends it.
    if (c !== 46 && c !== 45 && c !== 40 && c !== 41) chainDigits = 0;
    if (c === 95 || c === 45) {
      if (runLength > 0) runMarked = true;
      else runStart = i;
      runLength++;
      if (runMarked && runLength >= 10 && !keyRun && runIsKey(text, runStart)) keyRun = true;
      continue;
    }
    runLength = 0;
    runMarked = false;
    if (c === 64) at = true;
    else if (c === 58) colon = true;
    else if (c >= 128 && (isLetter(c) || isSurrogate(c))) {
      // A letter beyond ASCII: the detector reads its word, and it may end a cue ("chère").
      other = true;
      // The first unit of a word of letters and marks (the detector's word) beyond ASCII.
      if (i >= mixedEnd && !isSurrogate(c)) mixedEnd = mixedWord(text, i);
      otherEnd = i + 1;
      const upper = isUpper(text, i);
      // "in élan": the regex reads the word after the cue when it may start with a lowercase letter.
      if (i === placeCueEnd + 1 && !upper) words |= PLACE_CUE;
      if (upper) {
        if (caps === CAPITALS.starts.length) growCapitals();
        CAPITALS.starts[caps] = i;
        CAPITALS.ends[caps] = i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
        CAPITALS.hashes[caps] = -1;
        CAPITALS.flags[caps] = -1;
        caps++;
        person = true;
      }
    }
  }
  const r = RESULT;
  r.digit = digit;
  r.at = at;
  r.colon = colon;
  r.chain = chain;
  r.dateChain = dateChain;
  r.quad = quad;
  r.ssn = ssn;
  r.cardChain = cardChain;
  r.ibanHead = ibanHead;
  r.keyRun = keyRun;
  // The word bit first: with `other ||` first, the bit test never ran while every text seen had a
  // letter beyond ASCII, and the code compiled then was left (deoptimized) at the first text
  // without one, again in each long call that entered it (--trace-deopt).
  r.street = (words & STREET) !== 0 || other;
  r.addressCue = (words & ADDRESS_CUE) !== 0 || other;
  r.postcodeWord = (words & POSTCODE) !== 0 || other;
  r.month = (words & MONTH) !== 0 || other;
  r.dayWord = (words & WEEKDAY) !== 0;
  r.nameCue = (words & NAME_CUE_END) !== 0;
  r.person = person || r.nameCue;
  r.placeCue = (words & PLACE_CUE) !== 0;
  r.birth = (words & BIRTH) !== 0;
  r.ascii = !other;
  CAPITALS.count = caps;
  DIGITS.count = runs;
  return r;
}

/**
 * The one result of {@link scanText}, filled anew by each call: a call allocates nothing (a
 * short record is scanned in well under a microsecond, where a fresh object of twenty fields is
 * a measurable share), and every reader sees one hidden class.
 */
class Scan implements TextScan {
  digit = false;
  at = false;
  colon = false;
  chain = 0;
  dateChain = 0;
  quad = false;
  ssn = false;
  cardChain = 0;
  ibanHead = false;
  keyRun = false;
  street = false;
  addressCue = false;
  postcodeWord = false;
  month = false;
  nameCue = false;
  person = false;
  placeCue = false;
  birth = false;
  ascii = true;
  capitals: { count: number; starts: Int32Array; ends: Int32Array; hashes: Int32Array; flags: Int32Array } = CAPITALS;
  digits: { count: number; starts: Int32Array; ends: Int32Array; linked: Uint8Array; wordBefore: Int32Array; around: Int32Array } = DIGITS;
  addressWords: { streets: Positions; firstPrefix: number; cueEnds: Positions; postcodeEnds: Positions } = ADDRESS;
  months: { starts: Positions; ends: Positions } = MONTH_WORDS;
  placeCues: Positions = PLACE_CUES;
  dayWord = false;
}
/**
 * Whether a lowercase name cue ends at `end` and is followed, as the regex requires, by an
 * optional ".", ":" and ",", one space and a lowercase word that can be a name (see
 * {@link mayBeLowerName}). `after` is the unit at `end` (0 past the text), as the scan read it:
 * each unit read here is a string-shape dispatch of about 40 instructions in optimized code.
 */
const nameCueAt = (text: string, end: number, start: number, h: number, after: number): boolean => {
  let i = end;
  let b = after;
  if (b === 46) b = codeAt(text, ++i);
  if (b === 58) b = codeAt(text, ++i);
  if (b === 44) b = codeAt(text, ++i);
  if (b !== 32) return false;
  const c = codeAt(text, i + 1);
  if (!((c >= 97 && c <= 122) || c >= 128)) return false;
  // The word ends a cue; a cue of several words ("name is", "i'm") needs the words before it.
  // `h` is the word's lowercase hash, as the scan read it: no second hashing pass.
  const last = CUE_LAST_WORDS.getAscii(text, start, end, h);
  if (last === 0) return false;
  const cues = CUES_BY_LAST_WORD[last - 1] as readonly string[];
  for (const cue of cues) {
    if (end >= cue.length && text.startsWith(cue, end - cue.length)) return mayBeLowerName(text, i + 1);
  }
  return false;
};

/**
 * Whether the lowercase word at `start` (after a name cue) may be a name the detector reports:
 * it needs a listed name that is no stop word ("ms and", "hi there" are not). A word of ASCII
 * letters that ends the regex's capture (`\p{Ll}[\p{Ll}\p{M}'’-]+`) is looked up here; any other
 * (a letter beyond ASCII, an apostrophe or hyphen after it) is the detector's to read.
 */
const mayBeLowerName = (text: string, start: number): boolean => {
  const n = text.length;
  let h = HASH_SEED;
  let end = start;
  for (; end < n; end++) {
    const c = text.charCodeAt(end);
    if (!(c >= 97 && c <= 122)) break;
    h = hashStep(h, c);
  }
  if (end < n) {
    const d = text.charCodeAt(end);
    if (d === 39 || d === 8217 || d === 45 || d >= 128) return true;
  }
  // The capture needs two characters; one letter is no match.
  if (end - start < 2) return end === start;
  const flags = lookupAscii(text, start, end, h);
  return (flags & (GIVEN | SURNAME)) !== 0 && (flags & STOP) === 0;
};

/**
 * The name-index flags of the ASCII word `text[start..end)` that starts with its capital (of the
 * longer word the detector reads when `longer`, -1 when a letter beyond ASCII is in it), plus
 * {@link NOT_CUED} unless it is `cued` ({@link cueBefore}).
 */
const capitalFlags = (text: string, start: number, end: number, h: number, cued: boolean, longer: boolean): number => {
  const flags = longer ? longerFlags(text, start, end, h) : lookupAscii(text, start, end, h);
  if (flags < 0) return -1;
  return cued ? flags : flags | NOT_CUED;
};

/**
 * Whether a word that can end a person cue may stand right before `start`: the last letters end
 * at most the ".", spaces, commas, colons and line breaks personCue skips before it, and are the
 * ASCII word `prevStart`–`prevEnd` (hash `prevHash`) found among the cue words, or have a letter
 * beyond ASCII in them ("señor", "chère": the detector's business).
 */
const cueBefore = (text: string, start: number, prevStart: number, prevEnd: number, prevHash: number, otherEnd: number): boolean => {
  const last = otherEnd > prevEnd ? otherEnd : prevEnd;
  if (last < 0 || start - last > 5) return false;
  for (let k = last; k < start; k++) {
    const g = text.charCodeAt(k);
    if (g !== 32 && g !== 46 && g !== 44 && g !== 58 && g !== 10 && g !== 13 && g !== 9) return false;
  }
  if (last === otherEnd || prevStart === otherEnd) return true;
  return (((PERSON_CUE_FILTER[(prevHash >>> 5) & 2047] as number) >>> (prevHash & 31)) & 1) !== 0 && PERSON_CUES.getAscii(text, prevStart, prevEnd, prevHash) !== 0;
};


/**
 * The flags of the word the detector reads from `start` ("It's" read as "It", "Jean-Luc") past the
 * scan's letters to `end` (hash `h`), plus {@link POSSESSIVE} for "Liam's"; -1 when it holds a
 * letter beyond ASCII (the detector's business). Where the word ends goes to `LONGER.end`.
 */
const longerFlags = (text: string, start: number, end: number, h: number): number => {
  const e = wordEnd(text, end);
  LONGER.end = e;
  // A possessive "Liam's" is the name Liam.
  const possessive = e - start > 3 && (text.charCodeAt(e - 1) === 115 || text.charCodeAt(e - 1) === 83) && (text.charCodeAt(e - 2) === 39 || text.charCodeAt(e - 2) === 8217);
  const stop = possessive ? e - 2 : e;
  // The hash goes on from the scan's letters, as lookupSpan would hash the word from its start:
  // lowercase ASCII, and ’ (the one unit beyond ASCII let through) lowercases to itself.
  for (let k = end; k < stop; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128 && c !== 8217) return -1;
    h = hashStep(h, c >= 65 && c <= 90 ? c | 32 : c);
  }
  const flags = lookupToken(text, start, stop, h);
  return possessive ? flags | POSSESSIVE : flags;
};

/**
 * Whether the capitalised word `text[start..end)` with flags `f` (from {@link capitalFlags}) can
 * start a finding of the person detector: a listed name that is no stop word, a word after a cue,
 * a city or country, or the first word of one that goes on (any, when the word is `longer` than
 * the scan's); -1 (unsettled) always can.
 */
const personWord = (text: string, start: number, end: number, f: number, longer: boolean): boolean => {
  if (f < 0) return true;
  if ((f & NOT_CUED) === 0) return true;
  if ((f & (GIVEN | SURNAME)) !== 0 && (f & STOP) === 0) return true;
  if (end - start < 3) return false;
  if ((f & (CITY | COUNTRY)) !== 0) return true;
  return (f & PLACE_HEAD) !== 0 && (longer || (text.charCodeAt(end) === 32 && placeGoesOn(text, end + 1)));
};

/**
 * Whether the key run starting at `start` (a letter, after no key character) starts like a key
 * prefix of the key detector: "sk", "AK", "AS", "AI", "gh", "gi", "xo", "rk", "ey" ("-----BEGIN "
 * is checked where a run starts with "-"). The detector only reads a prefix after no key character.
 */
const keyPrefix = (text: string, start: number): boolean => {
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  if (a === 115 || a === 114) return b === 107;
  if (a === 65) return b === 75 || b === 83 || b === 73;
  if (a === 103) return b === 104 || b === 105;
  if (a === 120) return b === 111;
  return a === 101 && b === 121;
};

/**
 * Whether the key run starting at `start` starts like a key: a letter and {@link keyPrefix}, or
 * "--" ("-----BEGIN "); a run that starts with a digit or "_" never does.
 */
const runIsKey = (text: string, start: number): boolean => {
  const a = text.charCodeAt(start);
  if (a === 45) return text.charCodeAt(start + 1) === 45;
  return asciiLetter(a) && keyPrefix(text, start);
};

const startsOrdinal = (text: string, start: number): boolean => {
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  return (a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104);
};

const RESULT = new Scan();
