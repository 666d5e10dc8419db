import type { MemoryHit, MemoryStore } from './memory-store.js';
import { TenantContextError, requireTenant } from './tenant-context-error.js';

/**
 * Options for {@link TenantScopedMemory}.
 *
 * @example
 * ```ts
 * import { AsyncLocalStorage } from 'node:async_hooks';
 * import type { TenantScopedMemoryOptions } from '@fieldwork/agent/memory';
 * const als = new AsyncLocalStorage<{ tenant: string }>();
 * const opts: TenantScopedMemoryOptions = { tenant: () => als.getStore()?.tenant };
 * ```
 */
export interface TenantScopedMemoryOptions {
  /**
   * Where the current tenant comes from for the methods that take none, e.g. an
   * `AsyncLocalStorage` set by request middleware. Returning nothing refuses the call.
   */
  readonly tenant?: () => string | undefined;
}

/**
 * Memory operations bound to one tenant (returned by {@link TenantScopedMemory.forTenant}).
 *
 * @example
 * ```ts
 * import { InMemoryVectorStore, TenantScopedMemory, type TenantMemory } from '@fieldwork/agent/memory';
 * const acme: TenantMemory<string> = new TenantScopedMemory(new InMemoryVectorStore<string>()).forTenant('acme');
 * await acme.put('doc-1', 'hello');
 * ```
 */
export interface TenantMemory<T> {
  readonly tenant: string;
  put(id: string, value: T, embedding?: readonly number[]): Promise<void>;
  get(id: string): Promise<T | undefined>;
  query(query: string | readonly number[], k: number): Promise<MemoryHit<T>[]>;
  delete(id: string): Promise<boolean>;
}

/**
 * Wraps a {@link MemoryStore} so that no read or write can happen without a tenant. The tenant
 * comes either from `forTenant(id)` or from the configured resolver; with neither, every call
 * rejects with {@link TenantContextError} `TENANT_CONTEXT_REQUIRED`. Query results are checked
 * too: a hit from another tenant (a leaky store) rejects with `TENANT_MISMATCH` instead of being
 * returned.
 *
 * @example
 * ```ts
 * import { InMemoryVectorStore, TenantScopedMemory } from '@fieldwork/agent/memory';
 * const memory = new TenantScopedMemory(new InMemoryVectorStore<string>());
 * const acme = memory.forTenant('acme');
 * await acme.put('doc-1', 'acme refund policy is thirty days');
 * console.log((await acme.query('refund policy', 3)).length); // 1
 * console.log((await memory.forTenant('globex').query('refund policy', 3)).length); // 0
 * ```
 */
export class TenantScopedMemory<T> {
  readonly #store: MemoryStore<T>;
  readonly #resolve: (() => string | undefined) | undefined;

  constructor(store: MemoryStore<T>, options: TenantScopedMemoryOptions = {}) {
    this.#store = store;
    this.#resolve = options.tenant;
  }

  /** Operations bound to `tenant`; throws `TENANT_CONTEXT_REQUIRED` for a blank id. */
  forTenant(tenant: string): TenantMemory<T> {
    const id = requireTenant(tenant, 'TenantScopedMemory.forTenant');
    const store = this.#store;
    return Object.freeze({
      tenant: id,
      put: async (key: string, value: T, embedding?: readonly number[]) => store.put(id, key, value, embedding),
      get: async (key: string) => store.get(id, key),
      query: async (query: string | readonly number[], k: number) => checkHits(id, await store.query(id, query, k)),
      delete: async (key: string) => store.delete(id, key),
    });
  }

  /** Stores a value for the current tenant. */
  async put(id: string, value: T, embedding?: readonly number[]): Promise<void> {
    return this.#current('put').put(id, value, embedding);
  }

  /** Reads a value of the current tenant. */
  async get(id: string): Promise<T | undefined> {
    return this.#current('get').get(id);
  }

  /** The current tenant's `k` entries most similar to the query. */
  async query(query: string | readonly number[], k: number): Promise<MemoryHit<T>[]> {
    return this.#current('query').query(query, k);
  }

  /** Deletes a value of the current tenant. */
  async delete(id: string): Promise<boolean> {
    return this.#current('delete').delete(id);
  }

  #current(operation: string): TenantMemory<T> {
    return this.forTenant(requireTenant(this.#resolve?.(), `TenantScopedMemory.${operation}`));
  }
}

function checkHits<T>(tenant: string, hits: readonly MemoryHit<T>[]): MemoryHit<T>[] {
  for (const hit of hits) {
    if (hit.tenant !== tenant) {
      throw new TenantContextError(
        'TENANT_MISMATCH',
        `TenantScopedMemory.query: the store returned entry "${hit.id}" of another tenant to tenant "${tenant}"`,
      );
    }
  }
  return [...hits];
}
