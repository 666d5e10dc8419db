import { createHash } from 'node:crypto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The seed of a control's sample: `sha256(audit id | control id | sha256(population ids))`, with
 * the ids sorted and newline-joined so the same population always gives the same seed.
 */
export function sampleSeed(auditId: string, controlId: string, populationIds: readonly string[]): string {
  const sorted = isSorted(populationIds) ? populationIds : [...populationIds].sort();
  // Hashed a slice at a time, the same bytes as the joined text: at 10M records a population of
  // millions of ids joined was one string of over 100 MB (and past V8's 512 MB limit it throws).
  const h = createHash('sha256');
  for (let i = 0; i < sorted.length; i += SEED_SLICE) h.update((i > 0 ? '\n' : '') + sorted.slice(i, i + SEED_SLICE).join('\n'));
  return sha256(`${auditId}|${controlId}|${h.digest('hex')}`);
}

/** Ids per hashed slice of {@link sampleSeed}: a few MB of text. */
const SEED_SLICE = 50_000;

/** Whether `ids` are in `sort()` order already (a kept population is sorted by id): no copy to sort then. */
function isSorted(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1] > ids[i]) return false;
  return true;
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
