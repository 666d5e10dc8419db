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
const ISO_DATE = /^(?:19|20)\d\d([-./])(\d{1,2})\1(\d{1,2})(?: \d{1,2})?$/;
const DMY_DATE = /^(\d{1,2})([-./])(\d{1,2})\2(?:19|20)?\d\d$/;

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
  const { starts, ends, linked, count } = runs;
  let from = 0;
  for (let k = 0; k < count; k++) {
    const s = starts[k] as number;
    const e = ends[k] as number;
    if (e <= from) continue;
    // "+" or "(" before the run leads the candidate that starts at its first digit.
    const lead = s - 1 >= from && (text.charCodeAt(s - 1) === 43 || text.charCodeAt(s - 1) === 40);
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
      const ext = extensionEnd(text, main);
      const start = lead && q === s ? s - 1 : q;
      const end = ext < 0 ? main : ext;
      if (spans !== undefined) spans.push(start, end);
      else candidate(text, start, end, out, ext < 0 ? digits : digits + digitsIn(text, main, ext), ext >= 0, main);
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
 * `e` ends, or -1.
 */
function extensionEnd(text: string, e: number): number {
  const s = codeAt(text, e) === 32 ? e + 1 : e;
  const c = lowerAscii(codeAt(text, s));
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
  let start = from;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  // Not the tail of a longer token such as a version, a path, an id or a decimal.
  if (isWordChar(before) || before === 46 || before === 45 || before === 47 || before === 43 || before === 58) return;
  const after = codeAt(text, end);
  if (after === 47 || after === 58 || after === 64 || (after === 46 && isDigitAt(text, end + 1))) return;
  // A "(" with no ")" after it is left out ("(0471 12 34 56" reads from the digit).
  if (text.charCodeAt(start) === 40 && !closes(text, start + 1, end)) start += 1;
  // Most candidates in number-heavy text (tracking numbers, timestamps) have too many or too few
  // digits: counted from the runs, before any string is built. An extension has at most six.
  if (count < 6 || count > (extension ? 21 : 15)) return;
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
  for (let i = start; i < mainEnd; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (first < 0) first = c;
      else if (c !== first) sameDigits = false;
      digits++;
      if (group++ === 0) groups++;
      if (group > longestGroup) longestGroup = group;
      continue;
    }
    group = 0;
    if (c !== 43 && c !== 40 && c !== 41) {
      separators++;
      if (c !== 46) dotsOnly = false;
    } else if (c !== 43) parens = true;
  }
  if (digits < 6 || digits > 15) return NONE;
  const main = separators > 0 || parens || digits === 6 ? text.slice(start, mainEnd) : '';
  // Six digits in groups ("61 51 81") are a short local number only when a phone word says so.
  if (digits === 6) return /^\d{2,3}(?:[ .-]\d{2,3})+$/.test(main) && context(text, start, end) ? LOW : NONE;
  // The regexes below need a separator or a parenthesis to match: a run of bare digits (an
  // order number, a timestamp) is settled by the counts.
  if (parens && !balancedParens(main)) return NONE;
  if ((separators > 0 || parens) && /[ .-]{2,}|\(\)/.test(main)) return NONE;
  // A date has three groups of digits (four with an hour), an SSN three.
  if (separators > 0 && groups <= 4 && (dateLike(main) || (groups === 3 && /^\d{3}-\d{2}-\d{4}$/.test(main)))) return NONE;
  if (groups > 6) return NONE;
  if (separators > 0 && dotsOnly && (separators === 1 || (groups === 4 && longestGroup <= 3))) {
    return NONE;
  }
  if (sameDigits) return NONE;

  if (text.charCodeAt(start) === 43) {
    if (digits < 8 || first === 48) return NONE;
    return HIGH | VALIDATED;
  }
  const nanp = groups === 3 || groups === 4 ? northAmerican(main) : undefined;
  if (nanp !== undefined) {
    const level = nanp ? HIGH : MEDIUM;
    // A phone word raises medium to high.
    return (level === MEDIUM && context(text, start, end) ? HIGH : level) | (nanp ? VALIDATED : 0);
  }
  if (separators > 0 && digits >= 10 && /^(?:00|011)[ .-]?[1-9]/.test(main)) {
    return context(text, start, end) ? HIGH : MEDIUM;
  }
  if (separators > 0 && parens && /^\(\d{1,5}\) ?\d/.test(main)) {
    return context(text, start, end) ? HIGH : MEDIUM;
  }
  if (!context(text, start, end)) return NONE;
  if (separators > 0) return MEDIUM;
  return digits >= 10 ? MEDIUM : LOW;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Where each group of digits of a candidate starts and how long it is (northAmerican).
const GROUP_STARTS = new Int32Array(4);
const GROUP_LENGTHS = new Int32Array(4);

/**
 * `true` for a well-formed North American number (area code and exchange start with 2–9),
 * `false` for the NANP shape with impossible numbering, `undefined` for any other shape. `main`
 * has three or four groups of digits; a fourth in front must be the country code 1 or 001.
 */
function northAmerican(main: string): boolean | undefined {
  // Where each group of digits starts and how long it is, without splitting the string.
  const starts = GROUP_STARTS;
  const lengths = GROUP_LENGTHS;
  let groups = 0;
  for (let i = 0; i < main.length && groups < 4; ) {
    if (!isDigitCode(main.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < main.length && isDigitCode(main.charCodeAt(j))) j++;
    starts[groups] = i;
    lengths[groups] = j - i;
    groups++;
    i = j;
  }
  // Four groups: the first must be the country code, "1" or "001".
  const g = groups === 4 ? 1 : 0;
  if (g === 1 && !(lengths[0] === 1 && main.charCodeAt(starts[0] as number) === 49) && !(lengths[0] === 3 && main.startsWith('001', starts[0]))) {
    return undefined;
  }
  if (lengths[g] !== 3 || lengths[g + 1] !== 3 || lengths[g + 2] !== 4) return undefined;
  if (!/^(?:(?:1|001)[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$/.test(main)) return undefined;
  // Area code and exchange start with 2-9.
  return main.charCodeAt(starts[g] as number) >= 50 && main.charCodeAt(starts[g + 1] as number) >= 50;
}

/** `2024-01-31`, `2024-01-31 12` (a timestamp cut at the colon), `31.01.2024`, `1/31/24`. */
function dateLike(main: string): boolean {
  const iso = ISO_DATE.exec(main);
  if (iso !== null) return Number(iso[2]) <= 12 && Number(iso[3]) <= 31;
  const dmy = DMY_DATE.exec(main);
  if (dmy === null) return false;
  const a = Number(dmy[1]);
  const b = Number(dmy[3]);
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

function balancedParens(s: string): boolean {
  const open = s.indexOf('(');
  const close = s.indexOf(')');
  if (open === -1 && close === -1) return true;
  if (open === -1 || close < open) return false;
  return s.indexOf('(', open + 1) === -1 && s.indexOf(')', close + 1) === -1;
}
