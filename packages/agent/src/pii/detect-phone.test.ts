import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from './detect-phone.js';

describe('phone classify', () => {
  it('gives a candidate read in place inside a longer text the verdict of the candidate on its own', () => {
    // Bodies of every shape classify reads (bare runs, groups, parentheses, a leading "+"), with
    // and without an extension; around them only characters that hold no phone word, so that the
    // context check answers alike in both texts.
    const group = fc.constantFrom('1', '001', '011', '415', '555', '0132', '12', '31', '2024', '1990', '536', '22', '8726', '4111111', '0000000', '44', '20', '7946', '0958', '123456', '9');
    const sep = fc.constantFrom('', ' ', '-', '.', '/', '  ', ' - ', '(', ')', ') ', ' (');
    const body = fc.tuple(fc.constantFrom('', '+', '('), fc.array(fc.tuple(group, sep), { minLength: 1, maxLength: 5 }), group).map(
      ([lead, parts, last]) => lead + parts.map(([g, s]) => g + s).join('') + last,
    );
    const ext = fc.constantFrom('', ' x12', 'x7', ' ext. 123', ' ext 4', ' extension 55', ' # 9', '#123456');
    const around = fc.constantFrom('', ' ', '; ', '12 ', ' 7', ' ... ', '\n', '[', ']');
    fc.assert(
      fc.property(around, body, ext, around, (before, main, extension, after) => {
        const candidate = main + extension;
        const text = before + candidate + after;
        const start = before.length;
        expect(classify(text, start, start + main.length, start + candidate.length)).toBe(classify(candidate, 0, main.length, candidate.length));
      }),
      { numRuns: 5000, seed: 43 },
    );
  });
});
