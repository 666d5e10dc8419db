/** @module Tenant-scoped agent memory: a store wrapper that refuses calls without a tenant, and an in-memory vector store. */
export { cosineSimilarity } from './cosine-similarity.js';
export { hashingEmbedder } from './hashing-embedder.js';
export { InMemoryVectorStore, type InMemoryVectorStoreOptions } from './in-memory-vector-store.js';
export type { MaybePromise, MemoryHit, MemoryStore } from './memory-store.js';
export { TenantContextError, type TenantContextErrorCode } from './tenant-context-error.js';
export {
  TenantScopedMemory,
  type TenantMemory,
  type TenantScopedMemoryOptions,
} from './tenant-scoped-memory.js';
