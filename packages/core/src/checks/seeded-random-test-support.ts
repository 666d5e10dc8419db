/**
 * A small deterministic generator (mulberry32) for the property tests that generate messy
 * organizations and populations: the same seed gives the same sequence, so a failure names it.
 *
 * @example
 * const r = seededRandom(42); const pick = r() < 0.5 ? 'a' : 'b';
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
