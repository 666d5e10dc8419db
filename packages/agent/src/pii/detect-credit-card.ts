import { cardBrand } from './card-brand.js';
import { luhnValid } from './luhn-valid.js';
import type { PiiFinding } from './pii-type.js';

import { hasContext } from './context.js';

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
export function detectCreditCard(text: string, out: PiiFinding[]): void {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const raw = m[0];
    const end = m.index + raw.length;
    // Part of a longer grouped run ("1234 5678 9012 3456 7890", a tracking number): not a card.
    if (m.index >= 2 && isDigit(text.charCodeAt(m.index - 2)) && isGap(text.charCodeAt(m.index - 1))) continue;
    if (isGap(text.charCodeAt(end)) && isDigit(text.charCodeAt(end + 1))) continue;
    if (!plausibleGrouping(raw) || !luhnValid(raw)) continue;
    const digits = raw.includes(' ') || raw.includes('-') ? raw.replace(/[ -]/g, '') : raw;
    if (sameDigit(digits)) continue;
    const branded = cardBrand(digits) !== undefined;
    // Twelve and thirteen digits are card lengths (Maestro, old Visa) and also those of order
    // numbers, EAN-13 barcodes and millisecond timestamps; a Luhn-valid number of no known brand
    // is one random number in ten. Those count only next to a card word.
    if ((digits.length <= 13 || !branded) && !hasContext(text, m.index, end, CARD_CONTEXT, 40, 16)) continue;
    if (digits.length === 12 && !branded) continue;
    out.push({
      type: 'credit_card',
      start: m.index,
      end: m.index + raw.length,
      validated: branded,
      confidence: branded ? 'high' : 'low',
    });
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A space or a dash, the separators of card groups. */
function isGap(c: number): boolean {
  return c === 32 || c === 45;
}

/** Whether every character of `digits` is the same (what `/^(\d)\1+$/` tests). */
function sameDigit(digits: string): boolean {
  const first = digits.charCodeAt(0);
  for (let i = 1; i < digits.length; i++) if (digits.charCodeAt(i) !== first) return false;
  return digits.length > 1;
}

/** One separator kind at most, and groups the way cards are printed (4-4-4-4, 4-6-5, …). */
function plausibleGrouping(raw: string): boolean {
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
