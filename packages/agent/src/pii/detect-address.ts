import * as codeAtModule from './code-at.js';
import * as nameIndexModule from './name-index.js';
import * as placeModule from './place.js';
import type { PiiFinding } from './pii-type.js';
import * as resolveOverlapsModule from './resolve-overlaps.js';
import { ADDRESS_PAIRS, ADDRESS_WORDS, POSTCODE_WORDS, STREET_PREFIXES, STREET_SUFFIXES } from './street-words.js';
import type { TextScan } from './text-scan.js';
import * as wordBeforeModule from './word-before.js';
import * as wordTableModule from './word-table.js';
import { WordTable } from './word-table.js';

// What this step uses of other modules, as constants of this one: optimized code loads an imported
// binding from its cell and checks it at every use (see text-scan.ts).
const { codeAt } = codeAtModule;
const { CITY, COUNTRY, lookupKey, lookupSpan } = nameIndexModule;
const { capitalisedPlaces, lowercasePlaces } = placeModule;
const { sortByPosition } = resolveOverlapsModule;
const { isLetter, isUpper, wordEndBefore, wordStart } = wordBeforeModule;
const { sameLower, strictLower } = wordTableModule;

const W = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.-]*";
const SUFFIX = STREET_SUFFIXES.join('|');
const PREFIXES = new Set(STREET_PREFIXES);
const PREFIX = [...PREFIXES].join('|');
// Street words glued to the end of the name ("Hauptstraße", "Nassaustraat", "Storgatan").
const GLUED_WORDS = 'straße strasse str weg gasse allee platz ring damm ufer laan straat gracht plein kade singel dreef steeg vej gade gatan vägen väg veien vegen gata gaten katu tie kuja polku utca ulice cesta sokak sokağı caddesi bulvarı'.split(' ');
// By the char code of their last letter (each is one UTF-16 unit), in an array indexed by the
// code: a Map lookup by number was a runtime call in the optimized code. Beside each list, the
// code of each word's letter before its last: compared as numbers, not read from the strings.
const GLUED_BY_LAST: Array<string[] | undefined> = [];
const GLUED_BEFORE_LAST: Array<number[] | undefined> = [];
for (const w of GLUED_WORDS) {
  const last = w.charCodeAt(w.length - 1);
  while (GLUED_BY_LAST.length <= last) {
    GLUED_BY_LAST.push(undefined);
    GLUED_BEFORE_LAST.push(undefined);
  }
  GLUED_BY_LAST[last] = [...(GLUED_BY_LAST[last] ?? []), w];
  GLUED_BEFORE_LAST[last] = [...(GLUED_BEFORE_LAST[last] ?? []), w.charCodeAt(w.length - 2)];
}
// Whether a street word ends in the two lowercase ASCII letters (before, last), at
// (last << 7) | before: a word ending in two ASCII letters is settled by one load when no street
// word ends so (most words: "units", "minute").
const GLUED_PAIRS = new Uint8Array(128 * 128);
for (const w of GLUED_WORDS) {
  const last = w.charCodeAt(w.length - 1);
  const before = w.charCodeAt(w.length - 2);
  if (last < 128 && before < 128) GLUED_PAIRS[(last << 7) | before] = 1;
}
const GLUED = new RegExp(`(?:${GLUED_WORDS.join('|')})$`, 'u');
const NUM = '\\d{1,5}(?:[ -]?[a-z](?![\\p{L}]))?(?:[/-]\\d{1,4})?';
const UNIT_BODY = '(?:apt|apartment|suite|ste|unit|flat|fl|floor|room|bldg|building|#|no|nr|n°|piso|étage|wohnung|lgh|bus)\\.? ?#?\\d{1,5}[a-z]?';
// From just after a house number: "… Main Street", "… 40th Street", "… via goffredo mameli 149",
// "… Rue Abdelaziz Thâalbi", "… Storgatan".
const AFTER_NUMBER = new RegExp(
  `(?:[ -]?[a-z](?![\\p{L}]))?(?:[/-]\\d{1,4})?,? (?:` +
    `(?:\\d{1,3}(?:st|nd|rd|th) |(?:${W} ){1,3})(?:${SUFFIX})\\.?(?![\\p{L}])(?: ${NUM}(?![\\p{L}\\d]))?` +
    `|(?:${PREFIX})\\.? ${W}(?: ${W}){0,4}?(?:,? ${NUM}(?![\\p{L}\\d]))` +
    `|(?:${PREFIX})\\.? ${W}(?: ${W}){0,3}` +
  `)`,
  'iuy',
);
const GLUED_AFTER = /,? ([\p{L}\p{M}-]{4,})(?![\p{L}])(?: (\d{1,5}[a-z]?)(?![\p{L}\d]))?/uy;
const UNIT = new RegExp(`,? ?${UNIT_BODY}`, 'iuy');
// The rest of an address after the street: unit, city, region, postcode, country, on the same
// line or the next few, separated by commas or line breaks.
const TAIL = new RegExp(
  `(?:[ \\t]*[,\\n][ \\t]*|[ \\t]+)(?:${UNIT_BODY}|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|\\d{2}-\\d{3}|\\d{4}-\\d{3}|\\d{5}(?:-\\d{3,4})?|\\d{3} \\d{2}|\\d{4}(?: ?[A-Z]{2})?|[\\p{L}][\\p{L}\\p{M}'’.-]*(?: [\\p{L}][\\p{L}\\p{M}'’.-]*){0,3}(?: \\d{4,5})?)(?![\\p{L}\\d])`,
  'iuy',
);
// After an address cue, a name and number: "lives at 87 Jakobi 69", "address: 92 Eusebio Dávila 57".
const CUED_AFTER_NUMBER = new RegExp(`(?:[ -]?[a-z](?![\\p{L}]))?,? ${W}(?: ${W}){0,3}?(?:,? ${NUM}(?![\\p{L}\\d]))?`, 'uy');
const US_STATE = /\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,2}, (?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]) $/u;
const PLACE = CITY | COUNTRY;
const STREET_PREFIX = 1;
const ADDRESS_WORD = 2;
const POSTCODE_WORD = 4;
const S = 8;
const STREET_SUFFIX = 16;
const WORDS = new WordTable([
  ...STREET_SUFFIXES.map((w) => [w, STREET_SUFFIX] as const),
  ...[...PREFIXES].map((w) => [w, STREET_PREFIX] as const),
  ...ADDRESS_WORDS.map((w) => [w, ADDRESS_WORD] as const),
  ...POSTCODE_WORDS.map((w) => [w, POSTCODE_WORD] as const),
  ['s', S],
]);
const PAIRS = new WordTable(ADDRESS_PAIRS.map((pair) => [pair, 1] as const));

/**
 * Finds postal addresses and places. A street is a house number with a street word in one of
 * fifteen languages, before the name ("Rue", "Via", "Calle", "ul."), after it ("Street", "Road")
 * or glued to it ("Hauptstraße", "Nassaustraat"); a name and number after "lives at" or
 * "address:" count too. A street finding takes in what follows it on the same or the next lines
 * (unit, city, postcode, country) and is validated, high confidence. "City, ST 12345" and
 * postcodes after "ZIP", "postcode", "PLZ"… are validated, medium. A bundled city or country
 * name is reported unvalidated, low (a place alone seldom identifies a person): a country
 * anywhere with a capital, a city after "in", "from", "at"…
 *
 * Streets are found from their house numbers, so text without digits costs one scan for places.
 * With the {@link scanText} of the text, the street patterns after a number run only when the
 * text has a street word, the address cues and postcode words before it are only looked up when
 * the text has one, and lowercase places only after a place cue.
 */
export function detectAddress(text: string, out: PiiFinding[], placesFound?: readonly PiiFinding[], scan?: TextScan): void {
  // A new array each call: emptying a reused one (`length = 0`) is a runtime call, dearer than
  // allocating an empty array in the young generation.
  const found: PiiFinding[] = [];
  // With the scan, its runs are read here directly (numbers would only pass them on).
  if (scan === undefined) {
    if (DIGIT.test(text)) numbers(text, found);
  } else if (scan.digit) fromRuns(text, found, scan);
  if (placesFound === undefined) capitalisedPlaces(text, found);
  else for (let i = 0; i < placesFound.length; i++) found.push(placesFound[i]!);
  if (scan === undefined || scan.placeCue) lowercasePlaces(text, found, scan?.placeCues);
  if (found.length === 0) return;
  // The same order as resolveOverlaps sorts by, without the work array the built-in sort allocates.
  if (found.length > 1) sortByPosition(found);
  let last: PiiFinding | undefined;
  for (const f of found) {
    if (last !== undefined && f.start < last.end) {
      if (f.end > last.end) last = { ...last, end: f.end, validated: last.validated || f.validated };
      continue;
    }
    if (last !== undefined) out.push(last);
    last = f;
  }
  if (last !== undefined) out.push(last);
}

const DIGIT = /\d/;
const DIGIT_AT = /\d/g;

/**
 * Streets and postcodes around each run of one to five digits (longer runs are no house numbers),
 * read without the scan: every step runs (the tests compare it with {@link fromRuns}).
 */
function numbers(text: string, found: PiiFinding[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // The next digit: a regex test (no match array) skips the text between numbers faster than
    // a char-code loop; the run is then read by char code.
    DIGIT_AT.lastIndex = i;
    if (!DIGIT_AT.test(text)) break;
    const start = DIGIT_AT.lastIndex - 1;
    let j = start + 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    i = j;
    if (j - start > 5) continue;
    const after = codeAt(text, j);
    if (!houseNumber(text, start > 0 ? text.charCodeAt(start - 1) : 0, after, j)) continue;
    const f = street(text, start, j, after, undefined, true) ?? postcode(text, start, j);
    if (f !== undefined) {
      found.push(f);
      i = Math.max(i, f.end);
    }
  }
}

/**
 * Whether the digits that end at `end`, with the unit `before` before them (0 at the start of the
 * text) and `after` after them (0 at the end), may be a house number or postcode: not part of a
 * decimal, time, path or amount.
 */
function houseNumber(text: string, before: number, after: number, end: number): boolean {
  if (isLetter(before) || before === 46 || before === 58 || before === 47 || before === 95 || before === 43 || before === 36) return false;
  return !(after === 58 || after === 37 || ((after === 46 || after === 44) && isDigit(codeAt(text, end + 1))));
}

/**
 * {@link numbers} from the scan's digit runs. The scan also knows where the address words stand:
 * a number is only asked about a street word after it when one follows somewhere, about street
 * words before it when one stands before, and about a cue or postcode word when one ends just
 * before it (the answers the word-by-word reading gives, without the reading; in a text with a
 * letter beyond ASCII the scan reads the words as this detector does, letters and marks).
 */
function fromRuns(text: string, found: PiiFinding[], scan: TextScan): void {
  // The units around each run are the scan's: most runs are settled without reading the text.
  const { starts, ends, count, wordBefore, around } = scan.digits;
  const { streets, firstPrefix, cueEnds, postcodeEnds } = scan.addressWords;
  // In a text of ASCII letters the scan's word before each run is the word read here.
  const ascii = scan.ascii;
  let nextStreet = 0;
  let nextCue = 0;
  let nextPostcode = 0;
  let i = 0;
  for (let k = 0; k < count; k++) {
    // A finding may end inside a run: the rest of the run is read as a number, as by the regex.
    const whole = (starts[k] as number) >= i;
    const start = whole ? (starts[k] as number) : i;
    const j = ends[k] as number;
    // The rest of a run has a digit before it.
    if (start >= j || j - start > 5) continue;
    const unit = whole ? ((around[k] as number) & 0xffff) : 48;
    const after = (around[k] as number) >>> 16;
    if (!houseNumber(text, unit, after, j)) continue;
    while (nextStreet < streets.count && (streets.at[nextStreet] as number) < j) nextStreet++;
    const streetAfter = nextStreet < streets.count && pathTo(text, j, streets.at[nextStreet] as number);
    const words = firstPrefix >= 0 && firstPrefix < start ? 6 : 1;
    while (nextCue < cueEnds.count && (cueEnds.at[nextCue] as number) <= start) nextCue++;
    while (nextPostcode < postcodeEnds.count && (postcodeEnds.at[nextPostcode] as number) <= start) nextPostcode++;
    const cued = nextCue > 0 && onlyBetween(text, cueEnds.at[nextCue - 1] as number, start, 10);
    // A number that starts after a finding inside a run has a digit before it: no word. In a text
    // with a letter beyond ASCII the scan's word of ASCII letters is the word read here when no
    // letter or mark stands right before it (the reading would go on over one); otherwise, and
    // when the scan has none (the word may end in a letter beyond ASCII), it is read.
    let before: number | undefined = whole ? (wordBefore[k] as number) : -1;
    if (!ascii && whole && (before < 0 || isLetter(codeAt(text, before - 1)))) before = undefined;
    const f =
      street(text, start, j, after, scan, streetAfter, words, cued, before, unit) ??
      (j - start >= 3 && nextPostcode > 0 && onlyBetween(text, postcodeEnds.at[nextPostcode - 1] as number, start, 35) ? postcodeAfterWord(text, start, j) : usZip(text, start, j, unit));
    if (f !== undefined) {
      found.push(f);
      i = f.end;
    }
  }
}

/**
 * Whether a street word can follow the number at `end` the way {@link AFTER_NUMBER} reads one,
 * where the first street word at or after `end` starts at `street` (the scan's street words,
 * with every word that has a letter from U+017F up): whether the words and signs between them
 * let it read so far (letters, marks, digits, `' ’ . - / ,` and at most six spaces).
 */
export function pathTo(text: string, end: number, street: number): boolean {
  let spaces = 0;
  for (let i = end; i < street; i++) {
    const c = text.charCodeAt(i);
    // An ASCII character by one load from a table instead of a chain of ranges.
    if (c < 128) {
      const kind = PATH_ASCII[c] as number;
      if (kind === PATH_SPACE) {
        if (++spaces > 6) return false;
      } else if (kind === 0) return false;
    } else if (c !== 8217 && !isLetter(c)) return false;
  }
  return true;
}

const PATH_SPACE = 2;
/** For {@link pathTo}: 1 for ASCII letters, digits and `' . - / ,`, 2 for the space, 0 for the rest. */
const PATH_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 46 || c === 45 || c === 47 || c === 44) PATH_ASCII[c] = 1;
}
PATH_ASCII[32] = PATH_SPACE;

/**
 * Whether only spaces, `:` and `also` stand from `from` to `to`: whether the word ending at `from`
 * is the one {@link addressCue} (with line breaks) or {@link postcode} (with `#`) reads before a number.
 */
function onlyBetween(text: string, from: number, to: number, also: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 58 && c !== also) return false;
  }
  return true;
}

/**
 * A street address around the house number at `start`–`end`, with the unit `next` after it;
 * `before` is where the word right before the number starts (-1: none), when the caller knows it,
 * and `gap` then the unit before the number.
 */
function street(text: string, start: number, end: number, next: number, scan: TextScan | undefined, streetAfter: boolean, wordsBefore?: number, cued?: boolean, before?: number, gap = 0): PiiFinding | undefined {
  const gated = scan !== undefined;
  // The number first: "12 Main Street", "11 via goffredo mameli 149", "8 Storgatan" (a street
  // word after the number needs one in the text).
  if (streetAfter) {
    // The sticky regexes are run with test(): only where they end counts, and test() builds no match array.
    AFTER_NUMBER.lastIndex = end;
    if (AFTER_NUMBER.test(text)) return address(text, start, AFTER_NUMBER.lastIndex);
  }
  // A street word glued to the name after the number: the name is read by char code and the
  // regex runs (for the house number after it) only when the name ends in a street word.
  if ((next === 32 || next === 44) && (!gated || gluedNameAfter(text, end, next))) {
    GLUED_AFTER.lastIndex = end;
    const glued = GLUED_AFTER.exec(text);
    if (glued !== null && GLUED.test((glued[1] as string).toLowerCase())) return address(text, start, GLUED_AFTER.lastIndex);
  }
  // The number last: "Hauptstraße 5", "Rua Joaquim de Oliveira Cruz 1615", "75 Auerstrasse 12".
  let from = -1;
  let at = start;
  // Without a street word in the text only the word right before the number can make one (glued).
  const words = wordsBefore ?? (scan === undefined || scan.street ? 6 : 1);
  for (let k = 0; k < words; k++) {
    let wEnd: number;
    let wStart: number;
    if (k === 0 && before !== undefined) {
      // The word right before the number, from the scan (it ends at the number or one character
      // before it): no reading back over it.
      if (before < 0) break;
      if (isLetter(gap)) wEnd = start;
      else if (gap === 32) wEnd = start - 1;
      else break;
      wStart = before;
    } else {
      wEnd = wordEndBefore(text, at, 1, k > 0);
      if (wEnd < 0) break;
      wStart = wordStart(text, wEnd);
    }
    if (k === 0 && gluedStreet(text, wStart, wEnd)) from = wStart;
    if (k > 0 && (WORDS.get(text, wStart, wEnd) & STREET_PREFIX) !== 0) from = wStart;
    at = wStart;
    // The last word needs no look at what stands before it.
    if (k + 1 === words || codeAt(text, at - 1) !== 32) break;
  }
  if (from < 0) {
    const cue = cued ?? ((scan === undefined || scan.addressCue) && addressCue(text, start));
    if (!cue) return undefined;
    CUED_AFTER_NUMBER.lastIndex = end;
    if (!CUED_AFTER_NUMBER.test(text)) return undefined;
    return address(text, start, CUED_AFTER_NUMBER.lastIndex);
  }
  // A house number before the street name: "52 Rua …", "75 Auerstrasse 12".
  return address(text, numberBefore(text, from), end);
}

/**
 * Where a house number and its space right before `from` start ("52 " of "52 Rua"), else
 * `from`: what `/(\d{1,5}) $/` finds in the seven characters before `from`, read by char code
 * (the leftmost match takes the last five digits of a longer run; digits before the seven
 * characters are not read).
 */
export function numberBefore(text: string, from: number): number {
  if (from < 2 || text.charCodeAt(from - 1) !== 32) return from;
  // The match starts at most five digits before the space (within the seven characters).
  const limit = Math.max(0, from - 6);
  let k = from - 1;
  while (k > limit && isDigit(text.charCodeAt(k - 1))) k--;
  return k === from - 1 ? from : k;
}

/** Whether "lives at", "address:", "ship to"… stands just before a number. */
function addressCue(text: string, start: number): boolean {
  let at = start;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 58)) at--;
  const end1 = wordEndBefore(text, at, 0);
  if (end1 < 0) return false;
  const start1 = wordStart(text, end1);
  const f1 = WORDS.get(text, start1, end1);
  if ((f1 & ADDRESS_WORD) !== 0) return true;
  const end2 = wordEndBefore(text, start1, 1);
  if (end2 < 0) return false;
  const start2 = wordStart(text, end2);
  // One space stands between the two words, so the pair is the text from one to the other.
  return PAIRS.get(text, start2, end1) !== 0 || ((f1 & S) !== 0 && (WORDS.get(text, start2, end2) & ADDRESS_WORD) !== 0);
}

/**
 * Whether the name {@link GLUED_AFTER} reads after the number at `end` (", " or " ", then four or
 * more letters, marks and hyphens) can end in a street word. A surrogate pair in the name leaves
 * the answer to the regex. `next` is the unit at `end`, when the caller has it (the scan's).
 */
export function gluedNameAfter(text: string, end: number, next = codeAt(text, end)): boolean {
  let i = end;
  let c = next;
  if (c === 44) c = codeAt(text, ++i);
  if (c !== 32) return false;
  const start = ++i;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    // An ASCII letter (either case) in one unsigned compare, or "-"; other ASCII ends the name.
    if (((c | 32) - 97) >>> 0 < 26 || c === 45) continue;
    if (c < 128) break;
    if (c >= 0xd800 && c <= 0xdfff) return true;
    if (!isLetter(c)) break;
  }
  return i - start >= 4 && gluedStreet(text, start, i);
}

/** Whether the lowercased word ends with a street word ("Hauptstraße", "Nassaustraat"). */
export function gluedStreet(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const c1 = text.charCodeAt(end - 1);
  const c2 = text.charCodeAt(end - 2);
  // Two ASCII units lowercase to two ASCII units: no street word ends so when the pair's bit is 0.
  if (c1 < 128 && c2 < 128 && GLUED_PAIRS[(lowerAscii(c1) << 7) | lowerAscii(c2)] === 0) return false;
  // Only the street words that end in the word's last letter are compared, and of those only
  // the ones whose letter before it is the word's too (every street word has three or more).
  const last = lowerUnit(c1);
  const suffixes = last >= 0 && last < GLUED_BY_LAST.length ? GLUED_BY_LAST[last] : undefined;
  if (suffixes === undefined) return false;
  const befores = GLUED_BEFORE_LAST[last] as number[];
  const before = lowerUnit(c2);
  for (let i = 0; i < suffixes.length; i++) {
    if (befores[i] !== before) continue;
    const suffix = suffixes[i] as string;
    if (end - start >= suffix.length && sameLower(text, end - suffix.length, suffix)) return true;
  }
  return false;
}

/**
 * A postcode after "ZIP", "postcode", "PLZ"…, or the ZIP of "City, ST 12345", read without the
 * scan (which knows where the postcode words end: see fromRuns).
 */
function postcode(text: string, start: number, end: number): PiiFinding | undefined {
  if (end - start < 3) return undefined;
  // The postcode word before the number, over spaces, ":" and "#".
  let at = start;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 58 || text.charCodeAt(at - 1) === 35)) at--;
  const wEnd = wordEndBefore(text, at, 0);
  if (wEnd >= 0 && (WORDS.get(text, wordStart(text, wEnd), wEnd) & POSTCODE_WORD) !== 0) return postcodeAfterWord(text, start, end);
  return usZip(text, start, end, codeAt(text, start - 1));
}

/**
 * The ZIP of "City, ST 12345" at `start`–`end`, with the unit `before` before the number: the
 * state code and its comma stand right before it (checked by char code first, so most numbers
 * never run the regex). The scan's runs call this alone when no postcode word stands before.
 */
function usZip(text: string, start: number, end: number, before: number): PiiFinding | undefined {
  if (end - start !== 5 || start < 6 || before !== 32) return undefined;
  if (text.charCodeAt(start - 4) === 32 && text.charCodeAt(start - 5) === 44 && isCapital(text.charCodeAt(start - 2)) && isCapital(text.charCodeAt(start - 3))) {
    const head = text.slice(Math.max(0, start - 40), start);
    const us = US_STATE.exec(head);
    if (us !== null) return { type: 'address', start: start - head.length + us.index, end: postcodeEnd(text, end), validated: true, confidence: 'medium' };
  }
  return undefined;
}

/** The postcode at `start`–`end` after a postcode word. */
function postcodeAfterWord(text: string, start: number, end: number): PiiFinding {
  return { type: 'address', start, end: postcodeEnd(text, end), validated: true, confidence: 'medium' };
}

/** End of a postcode whose digits end at `end`: "12345-6789", "1234 AB", "123 45". */
function postcodeEnd(text: string, end: number): number {
  const m = /^(?:-\d{3,4}| ?[A-Z]{2}(?![\p{L}])| \d{2}(?!\d))?/u.exec(text.slice(end, end + 5));
  return m === null ? end : end + m[0].length;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** The lowercase of one UTF-16 unit when it is one unit too ("İ" lowercases to two: -1). */
function lowerUnit(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  // Worked out once per unit per process, not a string and toLowerCase() per call.
  return strictLower(c);
}

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** An address from `start` to `end`, with its unit and the lines after it. */
function address(text: string, start: number, end: number): PiiFinding {
  return { type: 'address', start, end: extend(text, unitEnd(text, end)), validated: true, confidence: 'high' };
}

/**
 * Where the unit {@link UNIT} reads at `at` ends ("Apt 4", ", Suite 200"), else `at`. The regex
 * runs only when a unit word can start where it would: at `at`, or after the comma and space it
 * may skip, one of the words' first letters (either case), "#", or a unit beyond ASCII (case
 * folding: "ſ" is "s", "É" starts "étage"). Most streets have no unit after them.
 */
export function unitEnd(text: string, at: number): number {
  let i = at;
  let c = codeAt(text, i);
  if (c === 44) c = codeAt(text, ++i);
  if (c === 32) c = codeAt(text, ++i);
  if (c < 128 && UNIT_FIRST[c] === 0) return at;
  UNIT.lastIndex = at;
  return UNIT.test(text) ? UNIT.lastIndex : at;
}

/** The first characters of the unit words of {@link UNIT_BODY} below U+0080, in both cases. */
const UNIT_FIRST = new Uint8Array(128);
for (const ch of 'asufrbnpwl#ASUFRBNPWL') UNIT_FIRST[ch.charCodeAt(0)] = 1;

/**
 * Extends an address over the unit, city, postcode and country lines that follow it (four at
 * most). Each part is read where it stands, by char code: the regex only says where it ends (a
 * `test`, no match array), and no part is sliced unless it has a letter beyond ASCII.
 */
function extend(text: string, end: number): number {
  let at = end;
  let afterCode = false;
  for (let i = 0; i < 4; i++) {
    // Every part starts after a space, tab, comma or line break: at the end of the text or at any
    // other character (the end of a sentence) the regex cannot match (about a fifth of its runs).
    const sep = codeAt(text, at);
    if (sep !== 32 && sep !== 44 && sep !== 10 && sep !== 9) break;
    TAIL.lastIndex = at;
    if (!TAIL.test(text)) break;
    const matched = TAIL.lastIndex;
    let stop = matched;
    // A full stop after a word ends the sentence, not the place name ("… 10115 Berlin.").
    if (text.charCodeAt(stop - 1) === 46 && wordBeforeStop(text, at, stop)) stop -= 1;
    // The part without the separator before it (spaces, tabs, a comma or a line break: the
    // regex's separator; the part itself starts with a letter, a digit or "#").
    let from = at;
    let breaks = false;
    for (;;) {
      const c = text.charCodeAt(from);
      if (c === 10 || c === 44) breaks = true;
      else if (c !== 32 && c !== 9) break;
      from++;
    }
    const digits = partHasDigit(text, from, stop);
    // Digit groups that run on ("0479 50 54 03") are a phone number on the next line, not a postcode.
    if (digits) {
      const c = codeAt(text, stop);
      if (isDigit(c) || ((c === 32 || c === 46 || c === 45) && isDigit(codeAt(text, stop + 1)))) break;
    }
    // A new sentence or a plain word that is no place stops the address; the word after a
    // postcode is its town.
    const capital = isUpper(text, from);
    const town = afterCode && capital;
    // The place lists are asked last: a capitalised part after a comma or a line break goes on anyway.
    if (!digits && !town && (!capital || !breaks) && !placePart(text, from, stop)) break;
    afterCode = digits && isDigit(codeAt(text, from));
    at = stop;
  }
  return at;
}

const WORD_STOP = /\p{L}{4}\.$/u;

/**
 * Whether four letters (Unicode L) stand before the full stop that ends `text[at..stop)`: what
 * {@link WORD_STOP} says of its slice. The regex tried every start in the part, about a thousand
 * instructions a call; ASCII is read back by char code, and only a unit beyond it is left to the
 * regex (surrogate pairs, letters of other scripts).
 */
export function wordBeforeStop(text: string, at: number, stop: number): boolean {
  let i = stop - 1;
  for (let n = 0; n < 4; n++) {
    if (--i < at) return false;
    const c = text.charCodeAt(i);
    if (c >= 128) return WORD_STOP.test(text.slice(at, stop));
    if (((c | 32) - 97) >>> 0 >= 26) return false;
  }
  return true;
}

/**
 * Whether the part {@link TAIL} read at `text[from..stop)` has a digit. Every alternative that
 * can hold one has one at its start (the postcodes of digits) or among its last three characters
 * (a unit ends in its number and maybe a letter, a UK postcode in a digit and two letters, a
 * Canadian one in a digit, a place in its optional 4-5 digit code); the words of a place hold
 * none. So those four characters are read instead of the whole part.
 */
export function partHasDigit(text: string, from: number, stop: number): boolean {
  if (stop <= from) return false;
  if (isDigit(text.charCodeAt(from)) || isDigit(text.charCodeAt(stop - 1))) return true;
  return (stop - 2 > from && isDigit(text.charCodeAt(stop - 2))) || (stop - 3 > from && isDigit(text.charCodeAt(stop - 3)));
}

/** {@link TAIL}, for the tests of {@link partHasDigit}. */
export const ADDRESS_TAIL: RegExp = TAIL;
/** {@link UNIT}, for the tests of {@link unitEnd}. */
export const ADDRESS_UNIT: RegExp = UNIT;

/**
 * {@link isPlacePhrase} of `text[start..end)` lowercased: in ASCII text read in place by the name
 * table (one unit lowercases to one, and a letter stays a letter), otherwise from the string.
 */
function placePart(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) >= 128) return isPlacePhrase(text.slice(start, end).toLowerCase());
  if ((lookupSpan(text, start, end) & PLACE) !== 0) return true;
  // "Marshall Islands 56293", "Calgary AB": a known place followed by a code of 1 to 5 letters or digits.
  let k = end;
  while (k > start && isAsciiAlnum(text.charCodeAt(k - 1))) k--;
  const code = end - k;
  if (code < 1 || code > 5 || k - 1 < start || text.charCodeAt(k - 1) !== 32) return false;
  return (lookupSpan(text, start, k - 1) & PLACE) !== 0;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isPlacePhrase(phrase: string): boolean {
  if ((lookupKey(phrase) & PLACE) !== 0) return true;
  // "Marshall Islands 56293", "Calgary AB": a known place followed by a code.
  const head = phrase.replace(/ [\p{L}\d]{1,5}$/u, '');
  return head !== phrase && (lookupKey(head) & PLACE) !== 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
