import { createHash } from 'node:crypto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The seed of a control's sample: `sha256(audit id | control id | sha256(population ids))`, with
 * the ids sorted and newline-joined so the same population always gives the same seed.
 */
export function sampleSeed(auditId: string, controlId: string, populationIds: readonly string[] | SortedIds): string {
  if (!Array.isArray(populationIds)) return seedOf(auditId, controlId, hashSorted(populationIds as SortedIds));
  const ids = populationIds as readonly string[];
  const sorted = isSorted(ids) ? ids : [...ids].sort();
  // Hashed a slice at a time, the same bytes as the joined text: at 10M records a population of
  // millions of ids joined was one string of over 100 MB (and past V8's 512 MB limit it throws).
  const h = createHash('sha256');
  for (let i = 0; i < sorted.length; i += SEED_SLICE) h.update((i > 0 ? '\n' : '') + sorted.slice(i, i + SEED_SLICE).join('\n'));
  return seedOf(auditId, controlId, h.digest('hex'));
}

const seedOf = (auditId: string, controlId: string, idsHash: string) => sha256(`${auditId}|${controlId}|${idsHash}`);

/**
 * Ids in `sort()` order read one at a time (`at(i)`), never held as one array: a population of
 * millions kept outside the heap (see `SORTED_BY_ID`). A sorted array of strings is one.
 */
export interface SortedIds {
  readonly length: number;
  at(i: number): string;
}

/** {@link sampleSeed}'s hash of the ids, read in order, a slice of the same bytes at a time. */
function hashSorted(ids: SortedIds): string {
  const h = createHash('sha256');
  const slice: string[] = [];
  for (let i = 0; i < ids.length; i += SEED_SLICE) {
    slice.length = 0;
    for (let j = i; j < Math.min(i + SEED_SLICE, ids.length); j++) slice.push(ids.at(j));
    h.update((i > 0 ? '\n' : '') + slice.join('\n'));
  }
  return h.digest('hex');
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
export function selectSample(ids: readonly string[] | SortedIds, n: number, seed: string): string[] {
  if (!Array.isArray(ids)) return selectSorted(ids as SortedIds, n, seed);
  const pool = [...(ids as readonly string[])].sort();
  const k = Math.min(n, pool.length);
  const rnd = seededUniforms(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor((rnd.next().value as number) * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}

/**
 * {@link selectSample} over ids already sorted, without a copy of them: the same partial
 * Fisher–Yates shuffle, with only the places it swapped remembered.
 */
function selectSorted(ids: SortedIds, n: number, seed: string): string[] {
  const size = ids.length;
  const k = Math.min(n, size);
  const moved = new Map<number, number>();
  const at = (p: number) => moved.get(p) ?? p;
  const rnd = seededUniforms(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor((rnd.next().value as number) * (size - i));
    const [a, b] = [at(i), at(j)];
    moved.set(i, b);
    moved.set(j, a);
  }
  const out: string[] = [];
  for (let i = 0; i < k; i++) out.push(ids.at(at(i)));
  return out;
}
