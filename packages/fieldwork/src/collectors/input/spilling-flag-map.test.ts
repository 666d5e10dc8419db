import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Random } from '../../demo/random.js';
import { SpillingFlagMap } from './spilling-flag-map.js';
import { useOwnTmpdir } from '../../testing/own-tmpdir.js';

const scratch = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('fieldwork-keys-')));

useOwnTmpdir();

describe('SpillingFlagMap', () => {
  it('keeps small sets in memory, with no file', () => {
    const m = new SpillingFlagMap({ inMemory: 10 });
    m.or('a', 1);
    m.or('a', 4);
    m.or('b', 2);
    expect([m.get('a'), m.get('b'), m.get('c'), m.spilled]).toEqual([5, 2, 0, false]);
    m.dispose();
  });

  it('answers exactly like a Map once keys are on file, even when the filter says "maybe" for every key', () => {
    const before = scratch();
    // A 32-bit filter is saturated at once: every lookup of a new key goes to the file.
    for (const filterBits of [32, 1 << 16]) {
      const m = new SpillingFlagMap({ inMemory: 50, filterBits });
      const ref = new Map<string, number>();
      const random = new Random(filterBits);
      for (let i = 0; i < 3000; i++) {
        const key = `k${random.int(0, 1499)}`;
        const flag = 1 << random.int(0, 2);
        expect(m.get(key)).toBe(ref.get(key) ?? 0);
        m.or(key, flag);
        ref.set(key, (ref.get(key) ?? 0) | flag);
      }
      expect(m.spilled).toBe(true);
      for (let i = 0; i < 2000; i++) expect(m.get(`k${i}`)).toBe(ref.get(`k${i}`) ?? 0);
      m.dispose();
    }
    // The temporary files are gone.
    expect([...scratch()].filter((n) => !before.has(n))).toEqual([]);
  });

  it('tells apart keys that differ only past the first characters, and non-ASCII keys', () => {
    const m = new SpillingFlagMap({ inMemory: 1, filterBits: 1 << 10 });
    const keys = ['00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'sessión-ü', 'sessión-ű', ''];
    keys.forEach((k, i) => m.or(k, 1 << i));
    keys.forEach((k, i) => expect(m.get(k)).toBe(1 << i));
    expect(m.get('00000000-0000-0000-0000-000000000003')).toBe(0);
    expect(m.spilled).toBe(true);
    m.dispose();
    expect(m.spilled).toBe(false);
  });

  it('grows its filter with the keys on file, up to the largest, and stays exact across the rebuilds', () => {
    const m = new SpillingFlagMap({ inMemory: 2000 });
    const ref = new Map<string, number>();
    const sizes: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const key = `00000000-0000-4000-8000-${String(i * 7919 % 100_003).padStart(12, '0')}`;
      m.or(key, 1 << (i % 3));
      ref.set(key, (ref.get(key) ?? 0) | (1 << (i % 3)));
      if (sizes.at(-1) !== m.filterBytes) sizes.push(m.filterBytes);
    }
    // 16 KiB at the first spill, doubled as keys went to the file: 8 bits a key or more, not the 8 MiB at most.
    expect(sizes).toEqual([0, 16 << 10, 32 << 10, 64 << 10]);
    const wrong = [...ref].filter(([key, flags]) => m.get(key) !== flags);
    expect(wrong).toEqual([]);
    expect(Array.from({ length: 2000 }, (_, i) => m.get(`absent-${i}`)).filter((f) => f !== 0)).toEqual([]);
    m.dispose();

    const capped = new SpillingFlagMap({ inMemory: 100, filterBits: 1 << 12 });
    for (let i = 0; i < 5000; i++) capped.or(`k${i}`, 1);
    expect(capped.filterBytes).toBe(512);
    for (let i = 0; i < 5000; i++) expect(capped.get(`k${i}`)).toBe(1);
    expect(capped.get('k5000')).toBe(0);
    capped.dispose();
  });
});
