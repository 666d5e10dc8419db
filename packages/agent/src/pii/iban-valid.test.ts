import { describe, expect, it } from 'vitest';
import { ibanChecksumIn, ibanValid } from './iban-valid.js';

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

  it('computes the checksum of a range of a longer text in place, spaces skipped, either case', () => {
    const text = 'pay de89 3704 0044 0532 0130 00 or GB82WEST12345698765432 or DE89370400440532013001.';
    expect(ibanChecksumIn(text, 4, 31)).toBe(1);
    expect(ibanChecksumIn(text, 35, 57)).toBe(1);
    expect(ibanChecksumIn(text, 61, 83)).not.toBe(1);
    for (const iban of ['DE89 3704 0044 0532 0130 00', 'gb82west12345698765432', 'NO9386011117947', 'FR1420041010050500013M02606', 'DE88370400440532013000', 'GB82 WEST 1234 5698 7654 31']) {
      expect(ibanChecksumIn(`x ${iban} y`, 2, 2 + iban.length) === 1).toBe(ibanValid(iban));
    }
  });
});
