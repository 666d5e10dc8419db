import { describe, expect, it } from 'vitest';
import { nanosToIso } from './otlp-values.js';

/** The definition: whole milliseconds of the nanoseconds, as an ISO instant. */
const expected = (v: string) => {
  const ms = BigInt(v) / 1_000_000n;
  return ms === 0n ? undefined : new Date(Number(ms)).toISOString();
};

describe('nanosToIso', () => {
  it('reads digit strings exactly, whatever their length', () => {
    let x = 1_775_000_000_123_456_789n;
    for (let i = 0; i < 2000; i++) {
      x += BigInt(i * 7919 + 1) * 1_000_003n;
      const v = x.toString();
      expect(nanosToIso(v)).toBe(expected(v));
    }
    for (const v of ['1000000', '999999999', '0001775000000123456789', '001775000000123456789', '86400000000000000', '253402300799999000000']) {
      expect(nanosToIso(v)).toBe(expected(v));
    }
  });

  it('gives no instant for zero, short, signed, fractional or non-digit strings', () => {
    for (const v of ['', '0', '123456', '0000000', '000000000000000000000', '-1775000000000000000', '1775000000000000000.5', ' 1775000000000000000', '17750000000000000x0', '1775000000000000000 ']) {
      expect(nanosToIso(v)).toBeUndefined();
    }
  });

  it('reads numbers as nanoseconds', () => {
    expect(nanosToIso(1_775_000_000_000_000_000)).toBe('2026-03-31T23:33:20.000Z');
    expect(nanosToIso(0)).toBeUndefined();
    expect(nanosToIso(-5)).toBeUndefined();
  });
});
