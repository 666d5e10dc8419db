const DIMENSIONS = 256;

/**
 * A dependency-free text embedding for demos and tests: lower-cased word tokens hashed
 * (FNV-1a) into 256 buckets, L2-normalised. Texts sharing words score high under cosine
 * similarity; it knows nothing of meaning. Use a real embedding model in production.
 *
 * @example
 * ```ts
 * import { hashingEmbedder } from '@fieldwork/agent/memory';
 * const v = hashingEmbedder('Refund policy: 30 days');
 * console.log(v.length); // 256
 * ```
 */
export function hashingEmbedder(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  for (const token of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 0x811c9dc5;
    for (let i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    vector[(h >>> 0) % DIMENSIONS] += 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}
