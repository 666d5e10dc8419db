import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCreditCard, grouped, plausibleGrouping, sameDigits } from './detect-credit-card.js';
import type { PiiFinding } from './pii-type.js';
import { scanText } from './text-scan.js';

describe('grouped', () => {
  it('says of runs joined by one space or dash what plausibleGrouping says of their text', () => {
    const group = fc.constantFrom('4', '41', '411', '4111', '41111', '411111', '4111111', '4111111111111111');
    const gap = fc.constantFrom(' ', '-');
    fc.assert(
      fc.property(fc.array(fc.tuple(group, gap), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([g, s]) => g + s).join('').slice(0, -1);
        const runs = scanText(text).digits;
        expect(grouped(runs, 0, runs.count - 1)).toBe(plausibleGrouping(text));
      }),
      { numRuns: 2000, seed: 3 },
    );
    const runs = scanText('4111 1111-1111 1111').digits;
    expect(grouped(runs, 0, 3)).toBe(false);
    expect(grouped(runs, 1, 2)).toBe(true);
  });
});

describe('detectCreditCard from the runs', () => {
  const found = (text: string): string[] => {
    const out: PiiFinding[] = [];
    detectCreditCard(text, out, scanText(text).digits);
    const regex: PiiFinding[] = [];
    detectCreditCard(text, regex);
    // The runs give what the regex pass gives.
    expect(out).toEqual(regex);
    return out.map((f) => text.slice(f.start, f.end));
  };

  it('leaves a card number that is part of a longer grouped run, on either side', () => {
    expect(found('card 4111 1111 1111 1111 ok')).toEqual(['4111 1111 1111 1111']);
    expect(found('card 12 4111 1111 1111 1111 ok')).toEqual([]);
    expect(found('card 12, 4111 1111 1111 1111 ok')).toEqual(['4111 1111 1111 1111']);
    expect(found('card 4111 1111 1111 1111 12 ok')).toEqual([]);
    expect(found('card 12  4111 1111 1111 1111 ok')).toEqual(['4111 1111 1111 1111']);
  });

  it('leaves numbers of one digit repeated, and reads the first digit that differs', () => {
    expect(found('card 0000 0000 0000 0000')).toEqual([]);
    expect(sameDigits('0000 0000 0000 0000', 0, 19)).toBe(true);
    expect(sameDigits('0000 0000 0000 0001', 0, 19)).toBe(false);
    expect(sameDigits('1111-1111-1111-1117', 0, 19)).toBe(false);
    expect(sameDigits('5555 5555 5555 5555', 0, 19)).toBe(true);
    expect(sameDigits('1211 1111 1111 1111', 0, 19)).toBe(false);
  });
});
