import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_SEED, hashStep, lowerCode } from './name-index.js';
import { WordTable } from './word-table.js';

const KEYS = ['in', 'to', 'at', 'is', 'name', 'march', 'monday', 'st', 'ul.', 'straße', 'rd', 'd', 'do', 's', 'zip', 'address', 'lives'];
const TABLE = new WordTable(KEYS.map((k, i) => [k, i + 1] as const));

describe('WordTable.getAscii', () => {
  it('answers as getHashed for every word of ASCII letters, in any case', () => {
    const word = fc.oneof(
      fc.constantFrom(...KEYS.filter((k) => /^[a-z]+$/.test(k))),
      fc.array(fc.constantFrom('a', 'd', 'i', 'm', 'n', 'o', 's', 't', 'r', 'z', 'p', 'e'), { minLength: 1, maxLength: 7 }).map((c) => c.join('')),
    );
    const cased = fc.tuple(word, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })).map(([w, up]) => [...w].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
    fc.assert(
      fc.property(cased, fc.constantFrom('', ' ', 'x.', '3'), (w, before) => {
        const text = `${before}${w}.`;
        const start = before.length;
        const end = start + w.length;
        let h = HASH_SEED;
        for (let k = start; k < end; k++) h = hashStep(h, lowerCode(text.charCodeAt(k)));
        expect(TABLE.getAscii(text, start, end, h)).toBe(TABLE.getHashed(text, start, end, h));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a key that is not lowercase', () => {
    expect(() => new WordTable([['Main', 1]])).toThrow();
  });
});
