import { createHash } from 'node:crypto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The seed of a control's sample: `sha256(audit id | control id | sha256(population ids))`, with
 * the ids sorted and newline-joined so the same population always gives the same seed.
 */
export function sampleSeed(auditId: string, controlId: string, populationIds: readonly string[]): string {
  const population = sha256([...populationIds].sort().join('\n'));
  return sha256(`${auditId}|${controlId}|${population}`);
}

/** A deterministic stream of uniform numbers in [0, 1) from a hex seed (SHA-256 in counter mode). */
export function* seededUniforms(seed: string): Generator<number> {
  for (let counter = 0; ; counter++) {
    const block = createHash('sha256').update(`${seed}:${counter}`).digest();
    for (let i = 0; i + 6 <= block.length; i += 6) yield block.readUIntBE(i, 6) / 2 ** 48;
  }
}

/**
 * Picks `n` ids without replacement, reproducibly: a partial Fisher–Yates shuffle of the sorted
 * ids driven by the seed. The result keeps the selection order.
 */
export function selectSample(ids: readonly string[], n: number, seed: string): string[] {
  const pool = [...ids].sort();
  const k = Math.min(n, pool.length);
  const rnd = seededUniforms(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor((rnd.next().value as number) * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
