import { cosineSimilarity } from './cosine-similarity.js';
import { hashingEmbedder } from './hashing-embedder.js';
import type { MemoryHit, MemoryStore } from './memory-store.js';
import { requireTenant } from './tenant-context-error.js';

/**
 * Options for {@link InMemoryVectorStore}.
 *
 * @example
 * ```ts
 * import { hashingEmbedder, type InMemoryVectorStoreOptions } from '@fieldwork/agent/memory';
 * const opts: InMemoryVectorStoreOptions<{ title: string }> = { embed: hashingEmbedder, toText: (v) => v.title };
 * ```
 */
export interface InMemoryVectorStoreOptions<T> {
  /** Turns text into a vector, for values stored without an embedding and text queries (default {@link hashingEmbedder}). */
  readonly embed?: (text: string) => readonly number[];
  /** Text of a value to embed when `put` gets no embedding (default: strings as is, others as JSON). */
  readonly toText?: (value: T) => string;
}

interface Entry<T> {
  readonly value: T;
  readonly embedding: readonly number[];
}

/**
 * A vector store held in memory, partitioned by tenant: each tenant's entries live in their own
 * map, and a query only ever ranks the asking tenant's entries (exact cosine similarity, no
 * index). For demos, tests and the isolation probe; not for large corpora.
 *
 * @example
 * ```ts
 * import { InMemoryVectorStore } from '@fieldwork/agent/memory';
 * const store = new InMemoryVectorStore<string>();
 * store.put('acme', 'a', 'refund policy is thirty days');
 * store.put('globex', 'b', 'refund policy is ninety days');
 * const hits = store.query('acme', 'what is the refund policy', 5);
 * console.log(hits.map((h) => h.id)); // ['a']
 * ```
 */
export class InMemoryVectorStore<T> implements MemoryStore<T> {
  readonly #partitions = new Map<string, Map<string, Entry<T>>>();
  readonly #embed: (text: string) => readonly number[];
  readonly #toText: (value: T) => string;

  constructor(options: InMemoryVectorStoreOptions<T> = {}) {
    this.#embed = options.embed ?? hashingEmbedder;
    this.#toText = options.toText ?? ((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  }

  put(tenant: string, id: string, value: T, embedding?: readonly number[]): void {
    requireTenant(tenant, 'InMemoryVectorStore.put');
    let partition = this.#partitions.get(tenant);
    if (partition === undefined) {
      partition = new Map();
      this.#partitions.set(tenant, partition);
    }
    partition.set(id, { value, embedding: [...(embedding ?? this.#embed(this.#toText(value)))] });
  }

  get(tenant: string, id: string): T | undefined {
    requireTenant(tenant, 'InMemoryVectorStore.get');
    return this.#partitions.get(tenant)?.get(id)?.value;
  }

  query(tenant: string, query: string | readonly number[], k: number): MemoryHit<T>[] {
    requireTenant(tenant, 'InMemoryVectorStore.query');
    const partition = this.#partitions.get(tenant);
    if (partition === undefined || k <= 0) return [];
    const vector = typeof query === 'string' ? this.#embed(query) : query;
    const hits: MemoryHit<T>[] = [];
    for (const [id, entry] of partition) {
      const score = cosineSimilarity(vector, entry.embedding);
      if (score > 0) hits.push({ tenant, id, value: entry.value, score });
    }
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
  }

  delete(tenant: string, id: string): boolean {
    requireTenant(tenant, 'InMemoryVectorStore.delete');
    const partition = this.#partitions.get(tenant);
    const removed = partition?.delete(id) ?? false;
    if (partition?.size === 0) this.#partitions.delete(tenant);
    return removed;
  }

  /** Number of entries held for a tenant, or for all tenants when none is given. */
  size(tenant?: string): number {
    if (tenant !== undefined) return this.#partitions.get(tenant)?.size ?? 0;
    let n = 0;
    for (const p of this.#partitions.values()) n += p.size;
    return n;
  }
}
