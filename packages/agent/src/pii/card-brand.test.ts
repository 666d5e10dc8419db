import { describe, expect, it } from 'vitest';
import { cardBrand } from './card-brand.js';

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
