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

const STEP: Record<PiiConfidence, PiiConfidence> = { low: 'medium', medium: 'high', high: 'high' };

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
    const confidence = classify(raw, () => hasContext(text, start, end, CONTEXT, 40, 16));
    if (confidence === undefined) continue;
    out.push({ type: 'phone', start, end, validated: confidence.validated, confidence: confidence.level });
  }
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

interface PhoneVerdict {
  readonly level: PiiConfidence;
  readonly validated: boolean;
}

function classify(raw: string, context: () => boolean): PhoneVerdict | undefined {
  // Count the digits first, without building strings: most candidates in number-heavy text
  // (tracking numbers, timestamps) have too many or too few. An extension has at most six.
  let count = 0;
  let extension = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
    else if (c === 120 || c === 88 || c === 101 || c === 69 || c === 35) extension = true;
  }
  if (count < 6 || count > (extension ? 21 : 15)) return undefined;
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
  if (digits < 6 || digits > 15) return undefined;
  // Six digits in groups ("61 51 81") are a short local number only when a phone word says so.
  if (digits === 6) return /^\d{2,3}(?:[ .-]\d{2,3})+$/.test(main) && context() ? { level: 'low', validated: false } : undefined;
  if (!balancedParens(main) || /[ .-]{2,}|\(\)/.test(main)) return undefined;
  if (dateLike(main) || /^\d{3}-\d{2}-\d{4}$/.test(main)) return undefined;
  if (groups > 6) return undefined;
  if (separators > 0 && dotsOnly && (separators === 1 || (groups === 4 && longestGroup <= 3))) {
    return undefined;
  }
  if (sameDigits) return undefined;

  if (main.startsWith('+')) {
    if (digits < 8 || first === 48) return undefined;
    return { level: 'high', validated: true };
  }
  const nanp = groups === 3 || groups === 4 ? northAmerican(main, digitGroups(main)) : undefined;
  if (nanp !== undefined) {
    const level: PiiConfidence = nanp ? 'high' : 'medium';
    return { level: context() ? STEP[level] : level, validated: nanp };
  }
  if (/^(?:00|011)[ .-]?[1-9]/.test(main) && digits >= 10 && separators > 0) {
    return { level: context() ? 'high' : 'medium', validated: false };
  }
  if (/^\(\d{1,5}\) ?\d/.test(main) && separators > 0) {
    return { level: context() ? 'high' : 'medium', validated: false };
  }
  if (!context()) return undefined;
  if (separators > 0) return { level: 'medium', validated: false };
  return { level: digits >= 10 ? 'medium' : 'low', validated: false };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The runs of digits of `s`, in order (what `s.split(/[^\d]+/)` leaves, without empty strings). */
function digitGroups(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const digit = i < s.length && isDigitCode(s.charCodeAt(i));
    if (digit && start < 0) start = i;
    else if (!digit && start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * `true` for a well-formed North American number (area code and exchange start with 2–9),
 * `false` for the NANP shape with impossible numbering, `undefined` for any other shape.
 */
function northAmerican(main: string, groups: readonly string[]): boolean | undefined {
  let g = groups;
  if (g.length === 4 && (g[0] === '1' || g[0] === '001')) g = g.slice(1);
  if (g.length !== 3 || g[0]?.length !== 3 || g[1]?.length !== 3 || g[2]?.length !== 4) return undefined;
  if (!/^(?:(?:1|001)[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$/.test(main)) return undefined;
  const area = g[0] as string;
  const exchange = g[1] as string;
  return /^[2-9]/.test(area) && /^[2-9]/.test(exchange);
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
