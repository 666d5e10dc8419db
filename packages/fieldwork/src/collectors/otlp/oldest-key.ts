/**
 * The oldest key of a `Map` (its first in insertion order) for a map that evicts oldest-first.
 * `map.keys().next()` looks the same, but V8 leaves a deleted entry in place until the table is
 * rebuilt, and a fresh iterator walks over every one of them from the start: with 100,000 trace
 * contexts each eviction cost about 60 µs, a fifth of the CPU time of a 1 GiB OTLP collect
 * (docs/scale.md, round 5). One iterator kept across calls starts where the last eviction left
 * off; V8 moves live iterators along when it rebuilds the table, and keys deleted or set anew
 * are seen exactly as a fresh iterator would see them.
 *
 * The caller deletes the key it is given before it asks again.
 *
 * @example
 * const oldest = new OldestKey(contexts);
 * if (contexts.size >= max) contexts.delete(oldest.next()!);
 */
export class OldestKey<K> {
  readonly #map: Map<K, unknown>;
  #keys: Iterator<K>;

  constructor(map: Map<K, unknown>) {
    this.#map = map;
    this.#keys = map.keys();
  }

  /** The oldest key still in the map, or undefined when it is empty. */
  next(): K | undefined {
    let r = this.#keys.next();
    // An iterator that reached the end stays there: keys set since then need a new one.
    if (r.done) {
      this.#keys = this.#map.keys();
      r = this.#keys.next();
    }
    return r.done ? undefined : r.value;
  }
}
