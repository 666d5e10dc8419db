import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grouped, plausibleGrouping } from './detect-credit-card.js';
import { scanText } from './text-scan.js';

describe('grouped', () => {
  it('says of runs joined by one space or dash what plausibleGrouping says of their text', () => {
    const group = fc.constantFrom('4', '41', '411', '4111', '41111', '411111', '4111111', '4111111111111111');
    const gap = fc.constantFrom(' ', '-');
    fc.assert(
      fc.property(fc.array(fc.tuple(group, gap), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([g, s]) => g + s).join('').slice(0, -1);
        const runs = scanText(text).digits;
        expect(grouped(text, runs, 0, runs.count - 1)).toBe(plausibleGrouping(text));
      }),
      { numRuns: 2000, seed: 3 },
    );
    const runs = scanText('4111 1111-1111 1111').digits;
    expect(grouped('4111 1111-1111 1111', runs, 0, 3)).toBe(false);
    expect(grouped('4111 1111-1111 1111', runs, 1, 2)).toBe(true);
  });
});
