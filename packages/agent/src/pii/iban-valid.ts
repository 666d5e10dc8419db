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
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Remainder mod 97 of the number formed by replacing each letter with 10..35, digit by digit. */
function mod97(rearranged: string): number {
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      rest = (rest * 10 + (c - 48)) % 97;
    } else {
      rest = (rest * 100 + (c - 55)) % 97;
    }
  }
  return rest;
}
