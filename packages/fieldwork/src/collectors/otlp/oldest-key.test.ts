import { describe, expect, it } from 'vitest';
import { OldestKey } from './oldest-key.js';

/** A map bounded to `max` keys, evicting oldest-first by `oldest`; returns what was evicted and what is left. */
function run(oldest: (m: Map<string, number>) => () => string | undefined, seed: number): { evicted: string[]; left: string[] } {
  const m = new Map<string, number>();
  const next = oldest(m);
  const evicted: string[] = [];
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 50_000; i++) {
    const key = `k${Math.floor(rnd() * 3000)}`;
    const op = rnd();
    if (op < 0.5) {
      if (!m.has(key) && m.size >= 500) {
        const o = next()!;
        evicted.push(o);
        m.delete(o);
      }
      m.set(key, i);
    } else if (op < 0.8) m.delete(key);
    else if (op < 0.99 && m.size > 0) {
      const o = next()!;
      evicted.push(o);
      m.delete(o);
    } else m.clear();
  }
  return { evicted, left: [...m.keys()] };
}

describe('OldestKey', () => {
  it('gives the same keys as a fresh iterator would, through sets, re-sets, deletes, evictions and clears', () => {
    for (const seed of [1, 7, 42]) {
      const naive = run((m) => () => m.keys().next().value, seed);
      const kept = run((m) => {
        const o = new OldestKey(m);
        return () => o.next();
      }, seed);
      expect(kept.evicted.length).toBeGreaterThan(1000);
      expect(kept).toEqual(naive);
    }
  });

  it('is undefined for an empty map and sees keys set after it reached the end', () => {
    const m = new Map<string, number>();
    const o = new OldestKey(m);
    expect(o.next()).toBeUndefined();
    m.set('a', 1);
    expect(o.next()).toBe('a');
    m.delete('a');
    expect(o.next()).toBeUndefined();
    m.set('b', 2).set('c', 3);
    expect(o.next()).toBe('b');
  });
});
