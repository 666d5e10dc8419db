/**
 * Cosine similarity of two vectors of equal length; 0 when either is all zeros.
 *
 * @example
 * ```ts
 * import { cosineSimilarity } from '@fieldwork/agent/memory';
 * console.log(cosineSimilarity([1, 0], [1, 1]).toFixed(3)); // 0.707
 * ```
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new RangeError(`cosineSimilarity: vectors differ in length (${a.length} and ${b.length})`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
