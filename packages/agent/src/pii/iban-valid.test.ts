import { describe, expect, it } from 'vitest';
import { ibanValid } from './iban-valid.js';

describe('ibanValid', () => {
  it.each(['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'gb82west12345698765432', 'NO9386011117947', 'FR1420041010050500013M02606'])(
    'accepts %s',
    (iban) => expect(ibanValid(iban)).toBe(true),
  );

  it('rejects a single changed digit (mod-97)', () => {
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE88370400440532013000')).toBe(false);
  });

  it("rejects the wrong length for the country", () => {
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(ibanValid('GB82WEST123456987654321')).toBe(false);
  });

  it('rejects countries without IBANs and malformed input', () => {
    expect(ibanValid('US64SVBKUS6S3300958879')).toBe(false);
    expect(ibanValid('DEXX370400440532013000')).toBe(false);
    expect(ibanValid('')).toBe(false);
  });
});
