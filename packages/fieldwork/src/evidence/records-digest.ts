import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

/**
 * The digest a ledger entry commits to: SHA-256 over each record's stored JSON (the record as
 * the collector produced it: kind, source, artifact, locator and its facts) followed by a
 * newline, in the order the collector produced them. Bookkeeping columns beside a record
 * (row id, supersession markers) are not part of it, so they can change without breaking it.
 *
 * @example
 * const d = new RecordsDigest();
 * d.add('{"kind":"person","id":"1"}');
 * d.digest(); // 64 hex characters
 */
export class RecordsDigest {
  readonly #hash: Hash = createHash('sha256');
  #count = 0;
  #hex: string | undefined;

  /** Adds one record's stored JSON text. */
  add(data: string): void {
    this.#hash.update(data);
    this.#hash.update('\n');
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  /** The digest (stable: later calls return the same value; add nothing after the first). */
  digest(): string {
    this.#hex ??= this.#hash.digest('hex');
    return this.#hex;
  }
}
