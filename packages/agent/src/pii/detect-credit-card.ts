import { codeAt } from './code-at.js';
import { brandedIn } from './card-brand.js';
import { luhnValid, luhnValidIn } from './luhn-valid.js';
import { hasContext, isWordChar } from './context.js';
import type { PiiFinding } from './pii-type.js';
import type { DigitRuns } from './text-scan.js';

// 12–19 digits, optionally grouped by single spaces or dashes; not inside a longer token or a
// decimal number, and not after a plus sign (that is an international phone number).
const CANDIDATE = /(?<![\w+.-])\d(?:[ -]?\d){11,18}(?!\w|\.\d)/g;
const CARD_CONTEXT = /\b(?:card|cards|maestro|debit|credit|visa|mastercard|amex|pan|kart[ea]?|karte|carte|tarjeta|cartão|carta)\b/i;

/**
 * Finds payment card numbers. Only Luhn-valid numbers are reported; a known brand prefix and
 * length makes the finding validated and high confidence, otherwise it is a low-confidence
 * unvalidated finding (one random number in ten passes Luhn). Unbranded numbers and 12- or
 * 13-digit numbers (Maestro, old Visa) count only next to a card word; groups that continue into
 * a longer digit run are never cards.
 */
export function detectCreditCard(text: string, out: PiiFinding[], runs?: DigitRuns): void {
  if (runs !== undefined) {
    fromRuns(text, out, runs);
    return;
  }
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) candidate(text, m.index, m.index + m[0].length, out);
}

/**
 * What the CANDIDATE loop finds, read from the scan's digit runs instead of a regex pass. A
 * candidate starts at a run with no word character, "+", "." or "-" before it and takes the
 * runs that follow, each joined to the one before by one space or dash, as long as it has at
 * most 19 digits; it ends at the last run where it has at least 12 and the look-ahead holds.
 */
function fromRuns(text: string, out: PiiFinding[], runs: DigitRuns): void {
  // The units around each run are the scan's: the runs are joined and cut without reading the text.
  const { starts, ends, around } = runs;
  for (let k = 0; k < runs.count; k++) {
    const start = starts[k] as number;
    const before = (around[k] as number) & 0xffff;
    if (isWordChar(before) || before === 43 || before === 46 || before === 45) continue;
    let digits = 0;
    let last = -1;
    let lastDigits = 0;
    for (let j = k; j < runs.count; j++) {
      const s = starts[j] as number;
      const e = ends[j] as number;
      if (j > k && (s !== (ends[j - 1] as number) + 1 || !isGap((around[j] as number) & 0xffff))) break;
      digits += e - s;
      if (digits > 19) break;
      if (digits < 12) continue;
      const after = (around[j] as number) >>> 16;
      if (!isWordChar(after) && !(after === 46 && isDigit(codeAt(text, e + 1)))) {
        last = j;
        lastDigits = digits;
      }
    }
    if (last < 0) continue;
    const end = ends[last] as number;
    // Part of a longer grouped run (see candidate), read from the runs: a digit two before the
    // start is the end of the run before, and one two after the end the start of the next.
    if (isGap(before) && k > 0 && (ends[k - 1] as number) === start - 1) {
      k = last;
      continue;
    }
    // The runs are the groups: one separator kind at most, and groups the way cards are printed
    // (see plausibleGrouping); then the checksum, read in place. Most candidates that fail end
    // here, before any string is built.
    if (grouped(runs, k, last) && luhnValidIn(text, start, end)) candidate(text, start, end, out, lastDigits);
    // The regex goes on after the candidate.
    k = last;
  }
}

/**
 * Whether the runs `k` to `last` (each joined to the one before by one space or dash) are grouped
 * as {@link plausibleGrouping} wants: what it says of their text, read from the runs and the
 * units the scan kept around them.
 */
export function grouped(runs: DigitRuns, k: number, last: number): boolean {
  if (last === k) return true;
  const { starts, ends, around } = runs;
  const gap = (around[k + 1] as number) & 0xffff;
  for (let j = k; j <= last; j++) {
    const n = (ends[j] as number) - (starts[j] as number);
    if (j > k && ((around[j] as number) & 0xffff) !== gap) return false;
    if (n > 6 || (n < 3 && j < last)) return false;
  }
  return true;
}

/**
 * Reports the candidate `text[start..end)` if it is a card number; `known` is its number of digits
 * when its grouping and checksum have been checked already, else 0.
 */
function candidate(text: string, start: number, end: number, out: PiiFinding[], known = 0): void {
  // Part of a longer grouped run ("1234 5678 9012 3456 7890", a tracking number): not a card.
  if (start >= 2 && isDigit(text.charCodeAt(start - 2)) && isGap(text.charCodeAt(start - 1))) return;
  if (isGap(codeAt(text, end)) && isDigit(codeAt(text, end + 1))) return;
  let count = known;
  if (count === 0) {
    const raw = text.slice(start, end);
    if (!plausibleGrouping(raw) || !luhnValid(raw)) return;
    for (let i = start; i < end; i++) if (isDigit(text.charCodeAt(i))) count++;
  }
  // Grouping and checksum passed, so the candidate is digits with spaces or dashes between
  // them, twelve or more: read in place (no slice, no string without the separators). All of
  // them the same digit is no card; the first digit that differs settles it.
  if (sameDigits(text, start, end)) return;
  const branded = brandedIn(text, start, end, count);
  // Twelve and thirteen digits are card lengths (Maestro, old Visa) and also those of order
  // numbers, EAN-13 barcodes and millisecond timestamps; a Luhn-valid number of no known brand
  // is one random number in ten. Those count only next to a card word.
  if ((count <= 13 || !branded) && !hasContext(text, start, end, CARD_CONTEXT, 40, 16)) return;
  if (count === 12 && !branded) return;
  out.push({ type: 'credit_card', start, end, validated: branded, confidence: branded ? 'high' : 'low' });
}

/** Whether every digit of `text[start..end)` is the one at `start`. */
export function sameDigits(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== first && isDigit(c)) return false;
  }
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A space or a dash, the separators of card groups. */
function isGap(c: number): boolean {
  return c === 32 || c === 45;
}

/** One separator kind at most, and groups the way cards are printed (4-4-4-4, 4-6-5, …). */
export function plausibleGrouping(raw: string): boolean {
  const hasSpace = raw.includes(' ');
  const hasDash = raw.includes('-');
  if (!hasSpace && !hasDash) return true;
  if (hasSpace && hasDash) return false;
  const groups = raw.split(hasSpace ? ' ' : '-');
  for (let i = 0; i < groups.length; i++) {
    const n = (groups[i] as string).length;
    if (n > 6 || (n < 3 && i < groups.length - 1)) return false;
  }
  return true;
}
