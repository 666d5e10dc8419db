import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection while sources are
 * collected (percent). Left to itself V8 picks up to 4x once it sees a high allocation rate, and
 * an Okta or OTLP collect allocates hundreds of MB of short-lived garbage per GB read: the old
 * generation then stood at 2-3x its live 40-60 MB and peak RSS rose with the export (145 / 188
 * / 287 MB at 10k / 100k / 1M Okta events). At 50 % an Okta collect of 1M events peaked at
 * 239 MB instead of 304 (heap 110 MB instead of 206; 90 full collections instead of 31, CPU
 * +3.5 %); at 30 % `bench/okta-ingest.mjs` measured 223 MB at 1M (CPU ratio to raw inserts
 * 0.65, within its goal). See docs/scale.md (verifyokta).
 */
export const COLLECT_HEAP_GROWING_PERCENT = 30;

let active = 0;

/**
 * Runs `fn` with V8's heap growing factor fixed at {@link COLLECT_HEAP_GROWING_PERCENT}, then
 * gives V8 back its own choice (0) when the last overlapping collection ends. The flag is read at
 * every full collection; on a Node whose V8 ignores flags set at run time this changes nothing.
 *
 * @example
 * const outcomes = await withCollectHeapPolicy(() => collectAll(opts));
 */
export async function withCollectHeapPolicy<T>(fn: () => Promise<T>): Promise<T> {
  if (active++ === 0) setFlagsFromString(`--heap-growing-percent=${COLLECT_HEAP_GROWING_PERCENT}`);
  try {
    return await fn();
  } finally {
    if (--active === 0) setFlagsFromString('--heap-growing-percent=0');
  }
}
