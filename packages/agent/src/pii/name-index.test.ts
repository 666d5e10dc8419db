import { describe, expect, it } from 'vitest';
import { HASH_SEED, hashStep, lookupAscii, lookupKey, lookupSpan, nameIndex } from './name-index.js';

describe('lookupSpan', () => {
  const index = nameIndex();
  const expected = (s: string): number => index.get(s.toLowerCase()) ?? 0;

  it('gives every listed word and phrase the flags of the index, in any case and inside a text', () => {
    let phrases = 0;
    for (const key of index.keys()) {
      if (key.includes(' ')) phrases++;
      for (const form of [key, key.toUpperCase(), key.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase())]) {
        const text = `« ${form} »`;
        expect(lookupSpan(text, 2, 2 + form.length), form).toBe(expected(form));
      }
    }
    expect(phrases).toBeGreaterThan(100);
  });

  it('agrees with the index where lowercasing is not one unit for one unit', () => {
    for (const s of ['İstanbul', 'ISTANBUL', 'ΑΘΗΝΑΣ', 'Αθήνα', 'Rio de Janeiro', 'RIO DE JANEIRO', 'rio  de janeiro', 'Kraków', 'KRAKÓW', 'São Paulo', 'x']) {
      expect(lookupSpan(s, 0, s.length), s).toBe(expected(s));
    }
    const phrase = [...index.keys()].find((k) => k.includes(' ')) as string;
    expect(lookupSpan(`in ${phrase.toUpperCase()}.`, 3, 3 + phrase.length)).toBe(index.get(phrase));
    expect(lookupSpan(`in ${phrase}x`, 3, 4 + phrase.length)).toBe(expected(`${phrase}x`));
  });
});

describe('lookupKey', () => {
  it('gives every key of the index its flags, and nothing to strings that are no key', () => {
    const index = nameIndex();
    let misses = 0;
    for (const [key, flags] of index) {
      expect(lookupKey(key), key).toBe(flags);
      for (const other of [`${key}x`, key.toUpperCase(), ` ${key}`]) {
        if (index.has(other)) continue;
        expect(lookupKey(other), other).toBe(0);
        misses++;
      }
    }
    expect(misses).toBeGreaterThan(index.size);
    expect(lookupKey('')).toBe(0);
  });
});

describe('lookupAscii', () => {
  const hash = (text: string, start: number, end: number): number => {
    let h = HASH_SEED;
    for (let k = start; k < end; k++) h = hashStep(h, text.charCodeAt(k) | 32);
    return h;
  };

  it('gives every key of ASCII letters its flags in any case, and nothing to words that are no key', () => {
    const index = nameIndex();
    let keys = 0;
    for (const [key, flags] of index) {
      if (!/^[a-z]+$/.test(key)) continue;
      keys++;
      for (const form of [key, key.toUpperCase(), key[0]?.toUpperCase() + key.slice(1)]) {
        const text = `(${form}) `;
        expect(lookupAscii(text, 1, 1 + form.length, hash(text, 1, 1 + form.length)), form).toBe(flags);
      }
      // One letter more or one fewer.
      for (const other of [`${key}x`, key.slice(0, -1)]) {
        if (other === '' || index.has(other)) continue;
        expect(lookupAscii(other, 0, other.length, hash(other, 0, other.length)), other).toBe(0);
      }
    }
    expect(keys).toBeGreaterThan(10_000);
  });
});
