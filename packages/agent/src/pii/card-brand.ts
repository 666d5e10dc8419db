/** A payment card network recognised from the leading digits and the length of a number. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'maestro';

interface BrandRule {
  readonly brand: CardBrand;
  readonly lengths: readonly number[];
  matches(digits: string): boolean;
}

const between = (digits: string, n: number, lo: number, hi: number): boolean => {
  const p = Number(digits.slice(0, n));
  return p >= lo && p <= hi;
};

// Order matters: the narrower ranges come before the broad Maestro and UnionPay prefixes.
const RULES: readonly BrandRule[] = [
  { brand: 'amex', lengths: [15], matches: (d) => d.startsWith('34') || d.startsWith('37') },
  { brand: 'visa', lengths: [13, 16, 19], matches: (d) => d.startsWith('4') },
  { brand: 'mastercard', lengths: [16], matches: (d) => between(d, 2, 51, 55) || between(d, 4, 2221, 2720) },
  {
    brand: 'discover',
    lengths: [16, 17, 18, 19],
    matches: (d) => d.startsWith('6011') || d.startsWith('65') || between(d, 3, 644, 649) || between(d, 6, 622126, 622925),
  },
  { brand: 'jcb', lengths: [16, 17, 18, 19], matches: (d) => between(d, 4, 3528, 3589) },
  {
    brand: 'diners',
    lengths: [14, 15, 16, 17, 18, 19],
    matches: (d) => between(d, 3, 300, 305) || d.startsWith('36') || d.startsWith('38') || d.startsWith('39'),
  },
  { brand: 'unionpay', lengths: [16, 17, 18, 19], matches: (d) => d.startsWith('62') || d.startsWith('81') },
  { brand: 'maestro', lengths: [12, 13, 14, 15, 16, 17, 18, 19], matches: (d) => d.startsWith('50') || between(d, 2, 56, 69) },
];

/**
 * The card network a digit string belongs to by its issuer prefix and length, or `undefined`.
 * It does not check the Luhn digit; combine with {@link luhnValid}.
 *
 * @example
 * ```ts
 * import { cardBrand } from '@fieldwork/agent/pii';
 * console.log(cardBrand('378282246310005')); // amex
 * console.log(cardBrand('1234567890123')); // undefined
 * ```
 */
export function cardBrand(digits: string): CardBrand | undefined {
  for (const rule of RULES) {
    if (rule.lengths.includes(digits.length) && rule.matches(digits)) return rule.brand;
  }
  return undefined;
}

/**
 * Whether the digits of `text[start..end)` (digits and the spaces or dashes between card groups;
 * `count` digits in all) have a brand: `cardBrand(digits) !== undefined` for the string of those
 * digits, read in place from the first six digits' values (no slice, no string without the
 * separators, no `Number()` of prefixes, no rule closures).
 */
export function brandedIn(text: string, start: number, end: number, count: number): boolean {
  if (count < 12 || count > 19) return false;
  // p1…p6: the values of the first one to six digits.
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p6 = 0;
  let value = 0;
  let n = 0;
  for (let i = start; i < end && n < 6; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    value = value * 10 + (c - 48);
    n++;
    if (n === 1) p1 = value;
    else if (n === 2) p2 = value;
    else if (n === 3) p3 = value;
    else if (n === 4) p4 = value;
  }
  p6 = value;
  // The rules of RULES, in any order: only whether one matches is asked.
  if (count === 15 && (p2 === 34 || p2 === 37)) return true;
  if ((count === 13 || count === 16 || count === 19) && p1 === 4) return true;
  if (count === 16 && ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))) return true;
  if (count >= 16 && (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925))) return true;
  if (count >= 16 && p4 >= 3528 && p4 <= 3589) return true;
  if (count >= 14 && ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39)) return true;
  if (count >= 16 && (p2 === 62 || p2 === 81)) return true;
  return p2 === 50 || (p2 >= 56 && p2 <= 69);
}
