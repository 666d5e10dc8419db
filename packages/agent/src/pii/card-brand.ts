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
