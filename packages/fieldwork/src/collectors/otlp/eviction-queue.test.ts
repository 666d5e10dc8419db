import { describe, expect, it } from 'vitest';
import { EvictionQueue } from './eviction-queue.js';

/**
 * A map bounded to 500 keys, evicting oldest-first by `oldest`, under random sets, deletes,
 * evictions and re-sets of deleted keys; what was evicted, what is left, and the largest queue.
 */
function run(make: (m: Map<string, object>) => { oldest(): string | undefined; added(k: string, v: object): void }, seed: number) {
  const m = new Map<string, object>();
  const order = make(m);
  const evicted: string[] = [];
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 50_000; i++) {
    const key = `k${Math.floor(rnd() * 3000)}`;
    const op = rnd();
    if (op < 0.5) {
      if (m.has(key)) continue;
      if (m.size >= 500) {
        const o = order.oldest()!;
        evicted.push(o);
        m.delete(o);
      }
      const v = {};
      m.set(key, v);
      order.added(key, v);
    } else if (op < 0.8) m.delete(key);
    else if (m.size > 0) {
      const o = order.oldest()!;
      evicted.push(o);
      m.delete(o);
    }
  }
  return { evicted, left: [...m.keys()] };
}

describe('EvictionQueue', () => {
  it('evicts in the order a fresh iterator of the map gives, through deletes and keys added again', () => {
    for (const seed of [1, 7, 42]) {
      const naive = run((m) => ({ oldest: () => m.keys().next().value, added: () => undefined }), seed);
      const queued = run((m) => {
        const q = new EvictionQueue<string, object>((k, v) => m.get(k) === v);
        return { oldest: () => q.shift(), added: (k, v) => q.push(k, v, m.size) };
      }, seed);
      expect(naive.evicted.length).toBeGreaterThan(1000);
      expect(queued).toEqual(naive);
    }
  });

  it('holds about twice the live keys when most keys leave the map without being evicted', () => {
    const m = new Map<number, object>();
    const q = new EvictionQueue<number, object>((k, v) => m.get(k) === v);
    let held = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = {};
      m.set(i, v);
      q.push(i, v, m.size);
      m.delete(i - 3);
      held = Math.max(held, q.held);
    }
    expect(held).toBeLessThanOrEqual(2 * 4 + 64 + 1);
    expect(q.shift()).toBe(99_997);
    expect(q.shift()).toBe(99_998);
    m.clear();
    expect(q.shift()).toBeUndefined();
    expect(q.held).toBe(0);
  });
});
