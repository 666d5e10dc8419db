/**
 * Entries no longer current that may wait in the queue beyond the live ones. Small: a value the
 * queue still holds lives on, and values held across a few young-generation collections are
 * promoted to the old one (1,024 here: GC 1.8 -> 4.5 s of a 1 GiB collect).
 */
const STALE_SLACK = 64;

/**
 * The keys of a `Map` in the order they were added, for a map that evicts oldest-first.
 * `map.keys().next()` gives the same key, but V8 leaves a deleted entry in place until the table
 * is rebuilt and a fresh iterator walks over every one of them from the start: past 100,000
 * trace contexts each eviction cost about 60 µs, a fifth of a 1 GiB OTLP collect's CPU time
 * (docs/scale.md, round 5). An iterator kept across evictions is not an answer either: V8 keeps
 * the tables a map has outgrown reachable from a live iterator, and memory grew with the traces
 * seen (1 GiB peak RSS 235 MB against 207–213).
 *
 * An entry is current while `current(key, value)` holds (the map still has that key with the
 * value queued for it); the others are skipped when met and dropped once they outnumber the live
 * ones, so the queue stays within about twice the map's size.
 *
 * @example
 * const order = new EvictionQueue<string, Item[]>((k, v) => map.get(k) === v);
 * map.set(key, list); order.push(key, list, map.size);
 * if (map.size >= max) map.delete(order.shift()!);
 */
export class EvictionQueue<K, V> {
  readonly #current: (key: K, value: V) => boolean;
  #keys: K[] = [];
  #values: V[] = [];
  #head = 0;

  constructor(current: (key: K, value: V) => boolean) {
    this.#current = current;
  }

  /** `key` was just added to the map with `value`; `live` is the map's size now. */
  push(key: K, value: V, live: number): void {
    this.#keys.push(key);
    this.#values.push(value);
    if (this.#keys.length - this.#head > 2 * live + STALE_SLACK) this.#keep((i) => this.#current(this.#keys[i], this.#values[i]));
  }

  /** Entries held (current or not yet dropped). */
  get held(): number {
    return this.#keys.length - this.#head;
  }

  /** Takes the oldest current key off the queue (the caller deletes it from the map); undefined when there is none. */
  shift(): K | undefined {
    while (this.#head < this.#keys.length) {
      const i = this.#head++;
      const key = this.#keys[i];
      if (this.#current(key, this.#values[i])) {
        if (this.#head >= 4096 && this.#head * 2 >= this.#keys.length) this.#keep(() => true);
        return key;
      }
    }
    this.#keep(() => false);
    return undefined;
  }

  /** Drops the taken head and every entry `keep` refuses, in order. */
  #keep(keep: (i: number) => boolean): void {
    const keys: K[] = [];
    const values: V[] = [];
    for (let i = this.#head; i < this.#keys.length; i++) {
      if (keep(i)) {
        keys.push(this.#keys[i]);
        values.push(this.#values[i]);
      }
    }
    this.#keys = keys;
    this.#values = values;
    this.#head = 0;
  }
}
