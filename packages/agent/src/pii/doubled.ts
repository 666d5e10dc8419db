/**
 * A copy of `from` in an array of twice its length: how the detectors' reused offset arrays grow
 * (the scan's capitals and digit runs, the person step's pending words and findings).
 */
export function doubled(from: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const to = new Int32Array(from.length * 2);
  to.set(from);
  return to;
}
