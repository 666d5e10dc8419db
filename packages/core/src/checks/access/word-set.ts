/**
 * An exact set of keys of `width` 32-bit words, held in one typed array (open addressing,
 * linear probing): a few bytes per key where a `Set` of strings takes about a hundred. The first
 * word of a key must not be 0 (0 marks an empty slot).
 *
 * @example
 * const set = new WordSet(3)
 * set.add([1, 0x5f3a, 42]); set.has([1, 0x5f3a, 42]) // true
 */
export class WordSet {
  private table: Uint32Array;
  private slots: number;
  private count = 0;

  constructor(private readonly width: number, capacity = 1024) {
    this.slots = capacity;
    this.table = new Uint32Array(capacity * width);
  }

  get size(): number {
    return this.count;
  }

  add(key: ArrayLike<number>): void {
    if (key[0] === 0) throw new RangeError('The first word of a WordSet key must not be 0.');
    if ((this.count + 1) * 10 > this.slots * 7) this.grow();
    const at = this.probe(this.table, this.slots, key);
    if (this.table[at] !== 0) return;
    this.table.set(Array.prototype.slice.call(key, 0, this.width) as number[], at);
    this.count++;
  }

  has(key: ArrayLike<number>): boolean {
    return this.table[this.probe(this.table, this.slots, key)] !== 0;
  }

  /** The offset of `key`'s slot in `table`, or of the empty slot where it would go. */
  private probe(table: Uint32Array, slots: number, key: ArrayLike<number>): number {
    const w = this.width;
    let h = 0x811c9dc5;
    for (let i = 0; i < w; i++) h = Math.imul(h ^ key[i], 0x01000193) ^ (h >>> 15);
    let slot = (h >>> 0) % slots;
    for (;;) {
      const at = slot * w;
      if (table[at] === 0) return at;
      let same = true;
      for (let i = 0; i < w; i++) {
        if (table[at + i] !== key[i]) {
          same = false;
          break;
        }
      }
      if (same) return at;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
  }

  private grow(): void {
    const old = this.table;
    const w = this.width;
    const slots = this.slots * 2;
    const table = new Uint32Array(slots * w);
    for (let at = 0; at < old.length; at += w) {
      if (old[at] === 0) continue;
      const key = old.subarray(at, at + w);
      table.set(key, this.probe(table, slots, key));
    }
    this.table = table;
    this.slots = slots;
  }
}
