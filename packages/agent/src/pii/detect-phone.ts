import { codeAt } from './code-at.js';
import { hasContext, isWordChar } from './context.js';
import type { PiiConfidence, PiiFinding } from './pii-type.js';
import type { DigitRuns } from './text-scan.js';

// A run of digits, spaces, dots, dashes and parentheses, optionally led by + or (, with an
// optional extension. Everything that decides "is this a phone number" happens in code below.
const CANDIDATE = /[+(]?\d[\d(). -]{4,28}\d(?:(?: ?(?:x|ext\.?|extension) ?| ?# ?)\d{1,6})?/gi;
const CONTEXT =
  /\b(?:phone|phones|tel|telephone|mobile|cell|cellphone|fax|call|calls|calling|called|phoned|ring|rang|answering|answer|reachable|dial|office|contact|reach|sms|whatsapp|ph|mob|landline|hotline|my (?:cell |mobile |phone )?number|text me|ring me|telefon|telefonnummer|handy|téléphone|portable|teléfono|móvil|telefone|celular|telefono|cellulare|telefoonnummer|numer telefonu|puhelin)\b/i;
const EXTENSION = /(?: ?(?:x|ext\.?|extension) ?| ?# ?)\d{1,6}$/i;

/**
 * Finds phone numbers: E.164 (`+` and 8–15 digits), North American (`(415) 555-0132`,
 * `415-555-0132`, `1-415-555-0132`, `001-415-…`), numbers with a bracketed area code, and other
 * grouped national formats with 7–15 digits. Grouped national formats and bare digit strings
 * are only reported next to a word such as "phone", "call", "mobile" or "fax", because on their
 * own they are indistinguishable from order numbers and identifiers. Dates, IPv4 addresses,
 * decimals and SSN-shaped numbers are never phones; card numbers lose to the card detector.
 */
export function detectPhone(text: string, out: PiiFinding[], runs?: DigitRuns): void {
  if (runs !== undefined) {
    fromRuns(text, out, runs);
    return;
  }
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    let count = 0;
    let extension = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) count++;
      else if (c === 120 || c === 88 || c === 101 || c === 69 || c === 35) extension = true;
    }
    candidate(text, start, end, out, count, extension);
  }
}

/**
 * The candidates (start, end, start, end…) before any check: those of the CANDIDATE regex, or
 * with `runs` those read from the scan's digit runs. For tests: both must be the same.
 */
export function phoneCandidates(text: string, runs?: DigitRuns): number[] {
  const spans: number[] = [];
  if (runs !== undefined) {
    fromRuns(text, [], runs, spans);
    return spans;
  }
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) spans.push(m.index, m.index + m[0].length);
  return spans;
}

/**
 * What the CANDIDATE loop finds, read from the scan's digit runs instead of a regex pass. A
 * candidate starts at a digit, or at a "+" or "(" just before a run; the regex has no
 * look-behind, so after a candidate that ends inside a run the next may start in the same run.
 */
function fromRuns(text: string, out: PiiFinding[], runs: DigitRuns, spans?: number[]): void {
  const { starts, ends, linked, count, around } = runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const s = starts[k] as number;
    const e = ends[k] as number;
    if (e <= from) continue;
    // "+" or "(" before the run (the scan's unit there) leads the candidate that starts at its first digit.
    const before = (around[k] as number) & 0xffff;
    const lead = s - 1 >= from && (before === 43 || before === 40);
    for (let q = Math.max(s, from); q < e; q++) {
      // The body `[\d(). -]{4,28}` from the digit at `q` reaches the later runs linked to this
      // one that start within 29 characters; it ends at the last digit it reaches (read from the
      // runs, not the text). Its digits are counted on the way.
      const reach = q + 30;
      let j = k;
      let digits = e - q;
      while (j + 1 < count && linked[j + 1] === 1 && (starts[j + 1] as number) < reach) {
        j++;
        digits += (ends[j] as number) - (starts[j] as number);
      }
      let main = ends[j] as number;
      if (main > reach) {
        digits -= main - reach;
        main = reach;
      }
      if (main < q + 6) {
        // The body after a later digit of this run ends where this one's did: unless it was cut
        // at the 29-character reach (a linked run starts beyond it), no candidate starts in the
        // rest of the run.
        if (!(j + 1 < count && linked[j + 1] === 1)) break;
        continue;
      }
      // The unit after the body is the scan's when the body ends with its last run (a digit when cut).
      const ext = extensionEnd(text, main, main === (ends[j] as number) ? (around[j] as number) >>> 16 : 48);
      const start = lead && q === s ? s - 1 : q;
      const end = ext < 0 ? main : ext;
      if (spans !== undefined) spans.push(start, end);
      // One that starts inside the run has a digit before it: never a phone (see candidate).
      else if (q === s) candidate(text, start, end, out, ext < 0 ? digits : digits + digitsIn(text, main, ext), ext >= 0, main);
      from = end;
      // The next candidate starts at or after `end`, in this run or a later one.
      if (end < e) q = end - 1;
      else break;
    }
  }
}

/** The digits in `text[from..to)` (an extension's). */
function digitsIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isDigitCode(text.charCodeAt(i))) n++;
  return n;
}

/**
 * Where the extension `(?: ?(?:x|ext\.?|extension) ?| ?# ?)\d{1,6}` (case-insensitive) read at
 * `e`, whose unit is `at` (most bodies are followed by no extension: settled by it alone), ends,
 * or -1.
 */
function extensionEnd(text: string, e: number, at: number): number {
  const s = at === 32 ? e + 1 : e;
  const c = lowerAscii(s === e ? at : codeAt(text, s));
  if (c === 35) return digitsAfter(text, s + 1);
  if (c === 120) return digitsAfter(text, s + 1);
  if (c !== 101 || lowerAscii(codeAt(text, s + 1)) !== 120 || lowerAscii(codeAt(text, s + 2)) !== 116) return -1;
  if (codeAt(text, s + 3) === 46) {
    const d = digitsAfter(text, s + 4);
    if (d >= 0) return d;
  }
  const d = digitsAfter(text, s + 3);
  if (d >= 0) return d;
  for (let i = 3; i < 9; i++) if (lowerAscii(codeAt(text, s + i)) !== 'extension'.charCodeAt(i)) return -1;
  return digitsAfter(text, s + 9);
}

/** Where ` ?\d{1,6}` read at `t` ends, or -1. */
function digitsAfter(text: string, t: number): number {
  let i = t;
  if (codeAt(text, i) === 32 && isDigitCode(codeAt(text, i + 1))) i++;
  if (!isDigitCode(codeAt(text, i))) return -1;
  const limit = i + 6;
  while (i < limit && isDigitCode(codeAt(text, i))) i++;
  return i;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Reports the candidate `text[start..end)` if it is a phone number; it has `count` digits, and an
 * extension ("x", "ext", "#" and digits) when `extension`. Only the body before an extension
 * holds digits, spaces, dots, dashes and parentheses, so the two say what a char-code pass over
 * the candidate would. `bodyEnd` is where the body ends when the caller knows it (the scan's
 * runs: the extension starts there), -1 to find it with {@link EXTENSION}.
 */
function candidate(text: string, from: number, end: number, out: PiiFinding[], count: number, extension: boolean, bodyEnd = -1): void {
  // Most candidates in number-heavy text (tracking numbers, timestamps) have too many or too few
  // digits: counted from the runs, before any unit is read. An extension has at most six.
  if (count < 6 || count > (extension ? 21 : 15)) return;
  let start = from;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  // Not the tail of a longer token such as a version, a path, an id or a decimal.
  if (isWordChar(before) || before === 46 || before === 45 || before === 47 || before === 43 || before === 58) return;
  const after = codeAt(text, end);
  if (after === 47 || after === 58 || after === 64 || (after === 46 && isDigitAt(text, end + 1))) return;
  // A "(" with no ")" after it is left out ("(0471 12 34 56" reads from the digit).
  if (text.charCodeAt(start) === 40 && !closes(text, start + 1, end)) start += 1;
  // The body without its extension: what `raw.replace(EXTENSION, '')` leaves (the extension is
  // the only match, at the end of the candidate, so the body is the text before it).
  let mainEnd = end;
  if (extension) mainEnd = bodyEnd >= 0 ? bodyEnd : start + text.slice(start, end).replace(EXTENSION, '').length;
  const verdict = classify(text, start, mainEnd, end);
  if (verdict === NONE) return;
  out.push({ type: 'phone', start, end, validated: (verdict & VALIDATED) !== 0, confidence: LEVELS[verdict >> 1] as PiiConfidence });
}

function isDigitAt(text: string, i: number): boolean {
  const c = codeAt(text, i);
  return c >= 48 && c <= 57;
}

// A verdict is a small integer, so that classifying a candidate allocates nothing: -1 for no
// phone, otherwise the level (1 low, 2 medium, 3 high) times two, plus one when validated.
const NONE = -1;
const VALIDATED = 1;
const LOW = 2;
const MEDIUM = 4;
const HIGH = 6;
const LEVELS: readonly (PiiConfidence | undefined)[] = [undefined, 'low', 'medium', 'high'];

/** A phone word near the candidate. */
function context(text: string, start: number, end: number): boolean {
  return hasContext(text, start, end, CONTEXT, 40, 16);
}

/** Whether a ")" stands in `text[from..end)`. */
function closes(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 41) return true;
  return false;
}

/**
 * The verdict on the candidate `text[start..end)`, whose digit count {@link candidate} has
 * checked, and whose body without an extension is `text[start..mainEnd)`. The body is read in
 * place; it is sliced only for the shape regexes, which need a separator, a parenthesis or
 * exactly six digits: a run of bare digits (most candidates) is settled without a string.
 */
export function classify(text: string, start: number, mainEnd: number, end: number): number {
  // One char-code pass instead of replace/split with regexes (each allocates and costs more than
  // the rest of the checks): digits, separators (anything but digits, "+" and parentheses) and
  // the groups of digits between them.
  let digits = 0;
  let first = -1;
  let sameDigits = true;
  let separators = 0;
  let dotsOnly = true;
  let groups = 0;
  let longestGroup = 0;
  let group = 0;
  let parens = false;
  // What `/[ .-]{2,}|\(\)/` finds: two separators in a row, or "()". `prev` is the code before.
  let doubled = false;
  let prev = 0;
  // Where the first groups start and end (a date or an SSN has four at most).
  const starts = BODY_STARTS;
  const ends = BODY_ENDS;
  for (let i = start; i < mainEnd; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (first < 0) first = c;
      else if (c !== first) sameDigits = false;
      digits++;
      if (group++ === 0) {
        if (groups < 5) starts[groups] = i;
        groups++;
      }
      if (group > longestGroup) longestGroup = group;
      prev = c;
      continue;
    }
    if (group > 0 && groups <= 5) ends[groups - 1] = i;
    group = 0;
    if (c !== 43 && c !== 40 && c !== 41) {
      separators++;
      if (c !== 46) dotsOnly = false;
      if ((c === 32 || c === 46 || c === 45) && (prev === 32 || prev === 46 || prev === 45)) doubled = true;
    } else if (c !== 43) {
      parens = true;
      if (c === 41 && prev === 40) doubled = true;
    }
    prev = c;
  }
  if (group > 0 && groups <= 5) ends[groups - 1] = mainEnd;
  if (digits < 6 || digits > 15) return NONE;
  // The body is sliced only for the regexes that are left, each on the few bodies that reach it.
  // Six digits in groups ("61 51 81") are a short local number only when a phone word says so.
  if (digits === 6) return /^\d{2,3}(?:[ .-]\d{2,3})+$/.test(text.slice(start, mainEnd)) && context(text, start, end) ? LOW : NONE;
  // The checks below need a separator or a parenthesis: a run of bare digits (an order number, a
  // timestamp) is settled by the counts.
  if (doubled || (parens && !balancedParens(text.slice(start, mainEnd)))) return NONE;
  // A date has three groups of digits (four with an hour), an SSN three: read from the groups.
  if (separators > 0 && groups <= 4 && dateOrSsn(text, start, mainEnd, starts, ends, groups)) return NONE;
  if (groups > 6) return NONE;
  if (separators > 0 && dotsOnly && (separators === 1 || (groups === 4 && longestGroup <= 3))) {
    return NONE;
  }
  if (sameDigits) return NONE;

  if (text.charCodeAt(start) === 43) {
    if (digits < 8 || first === 48) return NONE;
    return HIGH | VALIDATED;
  }
  const nanp = groups === 3 || groups === 4 ? northAmerican(text, start, mainEnd, groups) : undefined;
  if (nanp !== undefined) {
    const level = nanp ? HIGH : MEDIUM;
    // A phone word raises medium to high.
    return (level === MEDIUM && context(text, start, end) ? HIGH : level) | (nanp ? VALIDATED : 0);
  }
  if (separators > 0 && digits >= 10 && /^(?:00|011)[ .-]?[1-9]/.test(text.slice(start, mainEnd))) {
    return context(text, start, end) ? HIGH : MEDIUM;
  }
  if (separators > 0 && parens && /^\(\d{1,5}\) ?\d/.test(text.slice(start, mainEnd))) {
    return context(text, start, end) ? HIGH : MEDIUM;
  }
  if (!context(text, start, end)) return NONE;
  if (separators > 0) return MEDIUM;
  return digits >= 10 ? MEDIUM : LOW;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `true` for a well-formed North American number (area code and exchange start with 2–9),
 * `false` for the NANP shape with impossible numbering, `undefined` for any other shape. The body
 * `text[start..end)` has three or four groups of digits, read by classify into BODY_STARTS and
 * BODY_ENDS; a fourth in front must be the country code 1 or 001.
 */
function northAmerican(text: string, start: number, end: number, groups: number): boolean | undefined {
  const starts = BODY_STARTS;
  const ends = BODY_ENDS;
  const g = groups === 4 ? 1 : 0;
  if (g === 1) {
    const s = starts[0] as number;
    const n = (ends[0] as number) - s;
    const one = n === 1 && text.charCodeAt(s) === 49;
    if (!one && !(n === 3 && text.charCodeAt(s) === 48 && text.charCodeAt(s + 1) === 48 && text.charCodeAt(s + 2) === 49)) return undefined;
  }
  if ((ends[g] as number) - (starts[g] as number) !== 3 || (ends[g + 1] as number) - (starts[g + 1] as number) !== 3 || (ends[g + 2] as number) - (starts[g + 2] as number) !== 4) return undefined;
  if (!/^(?:(?:1|001)[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$/.test(text.slice(start, end))) return undefined;
  // Area code and exchange start with 2-9.
  return text.charCodeAt(starts[g] as number) >= 50 && text.charCodeAt(starts[g + 1] as number) >= 50;
}

// Where the first five groups of digits of a candidate's body start and end (classify).
const BODY_STARTS = new Int32Array(5);
const BODY_ENDS = new Int32Array(5);

/**
 * Whether the body `text[start..end)`, of `groups` groups of digits (two to four) that start at
 * `starts` and end at `ends`, separated by the body's other characters, is a date — `2024-01-31`,
 * `2024-01-31 12` (a timestamp cut at the colon), `31.01.2024`, `1/31/24` — or an SSN,
 * `536-22-8726`: what the regexes ISO_DATE and DMY_DATE (with their values checked) and
 * `/^\d{3}-\d{2}-\d{4}$/` say of its slice, read from the groups instead of a slice and two or
 * three regex runs.
 */
export function dateOrSsn(text: string, start: number, end: number, starts: Int32Array, ends: Int32Array, groups: number): boolean {
  // Each pattern is digits from the first character to the last, one separator between groups.
  if (groups < 3 || (starts[0] as number) !== start || (ends[groups - 1] as number) !== end) return false;
  const n0 = (ends[0] as number) - start;
  const n1 = (ends[1] as number) - (starts[1] as number);
  const n2 = (ends[2] as number) - (starts[2] as number);
  const sep = text.charCodeAt(ends[0] as number);
  // One separator character between the first three groups, the same twice.
  if ((starts[1] as number) !== (ends[0] as number) + 1 || (starts[2] as number) !== (ends[1] as number) + 1 || text.charCodeAt(ends[1] as number) !== sep) return false;
  const dateSep = sep === 45 || sep === 46 || sep === 47;
  if (n0 === 4) {
    // ISO_DATE: (19|20)dd, month and day of one or two digits, maybe a space and an hour.
    if (!dateSep || n1 > 2 || n2 > 2 || !century(text, start)) return false;
    if (groups === 4 && ((starts[3] as number) !== (ends[2] as number) + 1 || text.charCodeAt(ends[2] as number) !== 32 || (ends[3] as number) - (starts[3] as number) > 2)) return false;
    return numberAt(text, starts[1] as number, ends[1] as number) <= 12 && numberAt(text, starts[2] as number, ends[2] as number) <= 31;
  }
  if (groups !== 3) return false;
  // The SSN: three, two and four digits joined by dashes.
  if (n0 === 3) return sep === 45 && n1 === 2 && n2 === 4;
  // DMY_DATE: one or two digits twice, then two digits or (19|20)dd.
  if (!dateSep || n0 > 2 || n1 > 2 || !(n2 === 2 || (n2 === 4 && century(text, starts[2] as number)))) return false;
  const a = numberAt(text, start, ends[0] as number);
  const b = numberAt(text, starts[1] as number, ends[1] as number);
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

/** Whether "19" or "20" stands at `i`. */
function century(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return (c === 49 && d === 57) || (c === 50 && d === 48);
}

/** The value of the digits `text[start..end)`. */
function numberAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

function balancedParens(s: string): boolean {
  const open = s.indexOf('(');
  const close = s.indexOf(')');
  if (open === -1 && close === -1) return true;
  if (open === -1 || close < open) return false;
  return s.indexOf('(', open + 1) === -1 && s.indexOf(')', close + 1) === -1;
}
