/**
 * A value or a promise of it: stores may be synchronous (in memory) or asynchronous (a database).
 *
 * @example
 * ```ts
 * import type { MaybePromise } from '@fieldwork/agent/memory';
 * const n: MaybePromise<number> = Promise.resolve(1);
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * One result of a similarity query; `tenant` lets the caller verify where it came from.
 *
 * @example
 * ```ts
 * import type { MemoryHit } from '@fieldwork/agent/memory';
 * const hit: MemoryHit<string> = { tenant: 'acme', id: 'doc-1', value: 'hello', score: 0.92 };
 * ```
 */
export interface MemoryHit<T> {
  readonly tenant: string;
  readonly id: string;
  readonly value: T;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  readonly score: number;
}

/**
 * The minimal store an agent's memory or retrieval index must offer. Every operation names the
 * tenant explicitly, so a store can partition by it (separate index, namespace or row filter).
 * Wrap a store in {@link TenantScopedMemory} so that no call can be made without a tenant.
 *
 * @example
 * ```ts
 * import { InMemoryVectorStore, type MemoryStore } from '@fieldwork/agent/memory';
 * const store: MemoryStore<string> = new InMemoryVectorStore<string>();
 * await store.put('acme', 'doc-1', 'refund policy: 30 days');
 * ```
 */
export interface MemoryStore<T> {
  put(tenant: string, id: string, value: T, embedding?: readonly number[]): MaybePromise<void>;
  get(tenant: string, id: string): MaybePromise<T | undefined>;
  /** The `k` entries of this tenant most similar to the text or vector, best first. */
  query(tenant: string, query: string | readonly number[], k: number): MaybePromise<readonly MemoryHit<T>[]>;
  /** Whether an entry was removed. */
  delete(tenant: string, id: string): MaybePromise<boolean>;
}
