/**
 * Serialized pages that can no longer change, least recently used first out, bounded by their
 * total size. The ledger is append-only: a page followed by a later entry holds exactly those
 * entries for good, so its JSON is kept instead of being read and serialized again.
 *
 * @example
 * const cache = new PageCache(32 << 20)
 * cache.set('ledger:0:100', json)
 * cache.get('ledger:0:100')
 */
export class PageCache<T extends { bytes: number }> {
  readonly #maxBytes: number;
  readonly #pages = new Map<string, T>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string): T | undefined {
    const hit = this.#pages.get(key);
    if (hit === undefined) return undefined;
    this.#pages.delete(key);
    this.#pages.set(key, hit);
    return hit;
  }

  set(key: string, page: T): void {
    if (page.bytes > this.#maxBytes / 4) return;
    const old = this.#pages.get(key);
    if (old) {
      this.#pages.delete(key);
      this.#bytes -= old.bytes;
    }
    this.#pages.set(key, page);
    this.#bytes += page.bytes;
    for (const [k, v] of this.#pages) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#pages.delete(k);
      this.#bytes -= v.bytes;
    }
  }

  /** Total size of the pages held (UTF-16 code units of their JSON). */
  get bytes(): number {
    return this.#bytes;
  }
}
