import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandedIn, cardBrand } from './card-brand.js';

describe('cardBrand', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['4222222222222', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3566002020360505', 'jcb'],
    ['30569309025904', 'diners'],
    ['6200000000000005', 'unionpay'],
  ])('%s is %s', (digits, brand) => expect(cardBrand(digits)).toBe(brand));

  it('needs the length the brand issues', () => {
    expect(cardBrand('41111111111111')).toBeUndefined(); // Visa never has 14 digits
    expect(cardBrand('37828224631000')).toBeUndefined(); // Amex is always 15
  });

  it('returns undefined for prefixes no network uses', () => {
    expect(cardBrand('1234567890123456')).toBeUndefined();
    expect(cardBrand('9999999999999995')).toBeUndefined();
  });
});

describe('brandedIn', () => {
  it('says of digits grouped in a longer text what cardBrand says of the bare digits', () => {
    // Prefixes at and around every rule's bounds, so each range is tried inside and just outside.
    const prefixes = [
      '34', '37', '35', '4', '3', '5', '50', '51', '55', '56', '69', '70', '2220', '2221', '2720', '2721', '6011', '6010', '65', '643',
      '644', '649', '650', '622125', '622126', '622925', '622926', '3527', '3528', '3589', '3590', '299', '300', '305', '306', '36',
      '38', '39', '62', '81', '80', '1', '9', '0',
    ];
    const digit = fc.constantFrom(...'0123456789'.split(''));
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.array(digit, { minLength: 6, maxLength: 21 }),
        fc.array(fc.constantFrom('', '', '', ' ', '-'), { minLength: 22, maxLength: 22 }),
        (prefix, rest, gaps) => {
          const digits = (prefix + rest.join('')).slice(0, Math.max(prefix.length, 10 + (rest.length % 12)));
          // The digits with a space or dash after some of them, inside a sentence.
          let grouped = '';
          for (let i = 0; i < digits.length; i++) grouped += digits[i] + (i < digits.length - 1 ? gaps[i] : '');
          const text = `card ${grouped}, thanks`;
          expect(brandedIn(text, 5, 5 + grouped.length, digits.length)).toBe(cardBrand(digits) !== undefined);
        },
      ),
      { numRuns: 20000, seed: 43 },
    );
  });
});
