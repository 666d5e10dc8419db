/**
 * The first index in `0..length` where `before(i)` is false, for a `before` that is true up to
 * some index and false from there on (a binary search over a sorted array, written once).
 *
 * @example
 * partitionPoint(sorted.length, (i) => sorted[i].at < at) // the first at or after `at`
 */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
