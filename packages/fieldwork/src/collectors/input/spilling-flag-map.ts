import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';

/**
 * Keys held in memory before they move to the temporary file. A JS Map holds about 100 bytes a
 * key (uuid strings), so 100,000 were about 10 MB of heap at every size past 100k events; since
 * the filter grows with the file, a spill costs little, and 25,000 hold a quarter of that
 * (docs/scale.md, oktarss).
 */
const IN_MEMORY = 25_000;
/**
 * Largest filter over the keys on file (8 MiB): under 1 % false positives up to 10M keys. The
 * filter starts small and doubles as keys go to the file (see `#grow`), so it is only as large
 * as the keys on file need: 1 MiB at 1M keys.
 */
const FILTER_BITS = 1 << 26;
/** Smallest filter (16 KiB). */
const MIN_FILTER_BITS = 1 << 17;
/**
 * Filter bits per key on file, at least: with 5 hashes, 8 bits a key give about 2 % false
 * positives, and the filter is doubled before it falls under that.
 */
const BITS_PER_KEY = 8;
const HASHES = 5;
/**
 * Page cache of the temporary file (KiB; SQLite's default is 2 MB). Keys are written sorted,
 * so a spill touches pages in order; lookups that pass the filter are a few per hundred events
 * (and the pages come from the operating system's cache).
 */
const FILE_CACHE_KIB = 512;

/** The temporary file keys move to, with its statements. */
interface SpillFile {
  dir: string;
  db: SqliteDatabase.Database;
  get: SqliteDatabase.Statement<[string], { flags: number }>;
  put: SqliteDatabase.Statement<[string, number]>;
  keys: SqliteDatabase.Statement<[], string>;
}

/**
 * String keys, each with small bit flags that only accumulate (OR), in memory bounded however
 * many keys a collection meets: past `inMemory` keys they move to a temporary SQLite file, and
 * a Bloom filter over the keys on file (growing with them) answers most lookups of new keys
 * without reading it. The filter's false positives are resolved by the file, so `get` is
 * exact: a key is never taken for one it is not. For collectors that must remember every event id or session of an export
 * (de-duplication, state read at the end of the artifact). `dispose` removes the file.
 *
 * @example
 * const seen = new SpillingFlagMap();
 * if (!seen.get(uuid)) seen.or(uuid, 1);
 * seen.dispose();
 */
export class SpillingFlagMap {
  readonly #inMemory: number;
  readonly #maxFilterBits: number;
  #memory = new Map<string, number>();
  #filter: Uint32Array | undefined;
  /** Bits of `#filter` (a power of two). */
  #filterBits = 0;
  /** Keys written to the file so far, counting a key again each time it is spilled again (an upper bound of the keys on file). */
  #spilledKeys = 0;
  #file: SpillFile | undefined;

  /** `filterBits`: the largest filter (a power of two); it starts smaller and grows up to that. */
  constructor(o: { inMemory?: number; filterBits?: number } = {}) {
    this.#inMemory = o.inMemory ?? IN_MEMORY;
    this.#maxFilterBits = o.filterBits ?? FILTER_BITS;
  }

  /** The flags noted for `key` (0 when none). */
  get(key: string): number {
    const m = this.#memory.get(key) ?? 0;
    if (this.#file === undefined || !this.#mayBeOnFile(key)) return m;
    return m | (this.#file.get.get(key)?.flags ?? 0);
  }

  /** Adds `flags` to those of `key`. */
  or(key: string, flags: number): void {
    const m = this.#memory.get(key);
    if (m !== undefined) {
      if ((m | flags) !== m) this.#memory.set(key, m | flags);
      return;
    }
    this.#memory.set(key, flags);
    if (this.#memory.size > this.#inMemory) this.#spill();
  }

  /** True once keys went to the temporary file. */
  get spilled(): boolean {
    return this.#file !== undefined;
  }

  /** Bytes of the filter over the keys on file (0 before the first spill). */
  get filterBytes(): number {
    return this.#filter?.byteLength ?? 0;
  }

  /** Removes the temporary file (also when the collection stops early). */
  dispose(): void {
    const f = this.#file;
    this.#file = undefined;
    this.#memory = new Map();
    this.#filter = undefined;
    this.#filterBits = 0;
    this.#spilledKeys = 0;
    if (!f) return;
    try {
      f.db.close();
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
    }
  }

  #spill(): void {
    const f = this.#file ?? this.#open();
    // In key order, so the file's B-tree takes them page after page through a small cache.
    const keys = [...this.#memory.keys()].sort();
    this.#spilledKeys += keys.length;
    // Grown (and rebuilt from the file) before these go in; they are added to it after.
    this.#grow();
    f.db.transaction(() => {
      for (const key of keys) f.put.run(key, this.#memory.get(key)!);
    })();
    for (const key of keys) this.#addToFilter(key);
    this.#memory = new Map();
  }

  /**
   * Makes the filter large enough for `#spilledKeys` (at least BITS_PER_KEY bits each, up to
   * the largest), rebuilding it from the keys already on file when it has to grow. Doubling
   * keeps the rebuilds' total work under twice the keys on file.
   */
  #grow(): void {
    let bits = Math.max(this.#filterBits, MIN_FILTER_BITS);
    while (bits < this.#spilledKeys * BITS_PER_KEY && bits < this.#maxFilterBits) bits *= 2;
    bits = Math.min(bits, this.#maxFilterBits);
    if (this.#filter && bits === this.#filterBits) return;
    this.#filter = new Uint32Array(Math.max(1, bits >>> 5));
    this.#filterBits = bits;
    if (this.#file) for (const key of this.#file.keys.iterate()) this.#addToFilter(key);
  }

  #addToFilter(key: string): void {
    this.#probe(key, true);
  }

  #mayBeOnFile(key: string): boolean {
    return this.#probe(key, false);
  }

  /** The key's filter bits (double hashing): sets them when `add`, else whether all are set. */
  #probe(key: string, add: boolean): boolean {
    const filter = this.#filter!;
    const mask = this.#filterBits - 1;
    let h1 = hash1(key);
    const h2 = hash2(key) | 1;
    for (let i = 0; i < HASHES; i++, h1 = (h1 + h2) | 0) {
      const bit = h1 & mask;
      if (add) filter[bit >>> 5] |= 1 << (bit & 31);
      else if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  #open(): SpillFile {
    // Loaded on first spill only: most collections never need it.
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof SqliteDatabase;
    const dir = mkdtempSync(join(tmpdir(), 'fieldwork-keys-'));
    try {
      const db = new Database(join(dir, 'keys.db'));
      // A scratch file: nothing to recover after a crash, so no journal and no syncs.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma(`cache_size = -${FILE_CACHE_KIB}`);
      db.exec('create table keys (key text primary key, flags integer not null) without rowid');
      this.#file = {
        dir, db,
        get: db.prepare<[string], { flags: number }>('select flags from keys where key = ?'),
        put: db.prepare<[string, number]>('insert into keys (key, flags) values (?, ?) on conflict (key) do update set flags = flags | excluded.flags'),
        keys: db.prepare<[], string>('select key from keys').pluck(),
      };
      return this.#file;
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hash1(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent hash (a multiply-xorshift mix), for double hashing. */
function hash2(s: string): number {
  let h = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}
