import { IBAN_LENGTHS } from './iban-lengths.js';

/**
 * Whether a string is a valid IBAN: a known country code, that country's length, and the
 * ISO 7064 mod-97 check digits. Spaces are ignored and letters may be in either case.
 *
 * @example
 * ```ts
 * import { ibanValid } from '@fieldwork/agent/pii';
 * console.log(ibanValid('DE89 3704 0044 0532 0130 00')); // true
 * console.log(ibanValid('DE89370400440532013001')); // false (one digit off)
 * ```
 */
export function ibanValid(value: string): boolean {
  const iban = value.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  return ibanChecksumIn(iban, 0, iban.length) === 1;
}

/**
 * The ISO 7064 mod-97 remainder of the IBAN `text[start..end)` (letters, digits and spaces;
 * spaces are skipped and letters read in either case), its first four characters moved to the
 * end: 1 for valid check digits. Read in place, without building the rearranged string.
 */
export function ibanChecksumIn(text: string, start: number, end: number): number {
  // Where the fifth character that is no space stands.
  let p = start;
  for (let seen = 0; p < end && seen < 4; p++) if (text.charCodeAt(p) !== 32) seen++;
  return mod97(text, start, p, mod97(text, p, end, 0));
}

/**
 * The remainder mod 97 of the number formed by replacing each letter with 10..35, digit by digit,
 * going on from `rest` over `text[from..to)`: spaces skipped, letters in either case.
 */
function mod97(text: string, from: number, to: number, rest: number): number {
  let r = rest;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (c >= 48 && c <= 57) {
      r = (r * 10 + (c - 48)) % 97;
    } else {
      // A letter: A is 10, Z 35 (a lowercase letter as its capital).
      r = (r * 100 + ((c >= 97 ? c - 32 : c) - 55)) % 97;
    }
  }
  return r;
}
