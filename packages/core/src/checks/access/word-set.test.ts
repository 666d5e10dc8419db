import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordSet } from './word-set.js';

describe('WordSet', () => {
  it('holds exactly the keys added, across growth, as a Set of their joined words does', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1, 0xffffffff, 0x80000000)), { maxLength: 3000 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 1, 0xffffffff, 0x80000000))), (added, probes) => {
      const set = new WordSet(3, 4);
      const plain = new Set<string>();
      for (const k of added) {
        set.add(k);
        plain.add(k.join(','));
      }
      expect(set.size).toBe(plain.size);
      for (const k of [...added, ...probes]) expect(set.has(k)).toBe(plain.has(k.join(',')));
    }));
  });

  it('refuses a key whose first word is 0, which marks an empty slot', () => {
    expect(() => new WordSet(2).add([0, 1])).toThrow(RangeError);
  });
});
