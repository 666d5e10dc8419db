import { hasContext, isWordChar } from './context.js';
import type { PiiConfidence, PiiFinding } from './pii-type.js';

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
export function detectPhone(text: string, out: PiiFinding[]): void {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    let start = m.index;
    let raw = m[0];
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    // Not the tail of a longer token such as a version, a path, an id or a decimal.
    if (isWordChar(before) || before === 46 || before === 45 || before === 47 || before === 43 || before === 58) {
      continue;
    }
    const end = start + raw.length;
    const after = text.charCodeAt(end);
    if (after === 47 || after === 58 || after === 64 || (after === 46 && isDigitAt(text, end + 1))) continue;
    if (raw[0] === '(' && !raw.includes(')')) {
      raw = raw.slice(1);
      start += 1;
    }
    const verdict = classify(raw, text, start, end);
    if (verdict === NONE) continue;
    out.push({ type: 'phone', start, end, validated: (verdict & VALIDATED) !== 0, confidence: LEVELS[verdict >> 1] as PiiConfidence });
  }
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
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

function classify(raw: string, text: string, start: number, end: number): number {
  // Count the digits first, without building strings: most candidates in number-heavy text
  // (tracking numbers, timestamps) have too many or too few. An extension has at most six.
  let count = 0;
  let extension = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
    else if (c === 120 || c === 88 || c === 101 || c === 69 || c === 35) extension = true;
  }
  if (count < 6 || count > (extension ? 21 : 15)) return NONE;
  const main = extension ? raw.replace(EXTENSION, '') : raw;
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
  for (let i = 0; i < main.length; i++) {
    const c = main.charCodeAt(i);
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
    }
  }
  if (digits < 6 || digits > 15) return NONE;
  // Six digits in groups ("61 51 81") are a short local number only when a phone word says so.
  if (digits === 6) return /^\d{2,3}(?:[ .-]\d{2,3})+$/.test(main) && context(text, start, end) ? LOW : NONE;
  if (!balancedParens(main) || /[ .-]{2,}|\(\)/.test(main)) return NONE;
  // A date has three groups of digits (four with an hour), an SSN three.
  if (groups <= 4 && (dateLike(main) || (groups === 3 && /^\d{3}-\d{2}-\d{4}$/.test(main)))) return NONE;
  if (groups > 6) return NONE;
  if (separators > 0 && dotsOnly && (separators === 1 || (groups === 4 && longestGroup <= 3))) {
    return NONE;
  }
  if (sameDigits) return NONE;

  if (main.charCodeAt(0) === 43) {
    if (digits < 8 || first === 48) return NONE;
    return HIGH | VALIDATED;
  }
  const nanp = groups === 3 || groups === 4 ? northAmerican(main) : undefined;
  if (nanp !== undefined) {
    const level = nanp ? HIGH : MEDIUM;
    // A phone word raises medium to high.
    return (level === MEDIUM && context(text, start, end) ? HIGH : level) | (nanp ? VALIDATED : 0);
  }
  if (/^(?:00|011)[ .-]?[1-9]/.test(main) && digits >= 10 && separators > 0) {
    return context(text, start, end) ? HIGH : MEDIUM;
  }
  if (/^\(\d{1,5}\) ?\d/.test(main) && separators > 0) {
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
