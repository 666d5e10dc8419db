import { InMemoryVectorStore, TenantContextError, TenantScopedMemory } from '@fieldwork/agent/memory';
import type { MemoryStore } from '@fieldwork/agent/memory';
import { answered, denied } from '../probe-adapter.js';
import type { ProbeAdapter } from '../probe-adapter.js';

/** A refusal for the SDK's tenant errors; anything else is a failure of the attempt. */
function refuse(e: unknown) {
  if (e instanceof TenantContextError) return denied(`${e.code}: ${e.message}`);
  throw e;
}

/**
 * The probe against a {@link MemoryStore} used through the SDK's {@link TenantScopedMemory} —
 * the way an agent platform built on the SDK reaches its memory. With no store given, a fresh
 * {@link InMemoryVectorStore} (a self-test, and what the demo uses).
 *
 * @example
 * const run = await runProbe(memoryAdapter(myStore), { store: 'support-memory', tenants: ['a', 'b'], runId: 'r1' })
 */
export function memoryAdapter(store: MemoryStore<string> = new InMemoryVectorStore<string>()): ProbeAdapter {
  const memory = new TenantScopedMemory(store);
  // A request with no tenant context: the resolver finds none.
  const unscoped = new TenantScopedMemory(store, { tenant: () => undefined });
  return {
    name: 'memory',
    async write(tenant, id, text) {
      await memory.forTenant(tenant).put(id, text);
    },
    async query(tenant, text) {
      try {
        const hits = tenant === undefined ? await unscoped.query(text, 10) : await memory.forTenant(tenant).query(text, 10);
        return answered(hits.map((h) => h.value));
      } catch (e) {
        return refuse(e);
      }
    },
    async get(tenant, id) {
      try {
        return answered(await memory.forTenant(tenant).get(id));
      } catch (e) {
        return refuse(e);
      }
    },
    async update(tenant, id, text) {
      // The memory interface has no update: a write to an id the tenant can read.
      try {
        const m = memory.forTenant(tenant);
        if ((await m.get(id)) === undefined) return denied(`no record ${id} for tenant ${tenant}`);
        await m.put(id, text);
        return answered(true);
      } catch (e) {
        return refuse(e);
      }
    },
    async delete(tenant, id) {
      try {
        return (await memory.forTenant(tenant).delete(id)) ? answered(true) : denied(`no record ${id} for tenant ${tenant}`);
      } catch (e) {
        return refuse(e);
      }
    },
  };
}
