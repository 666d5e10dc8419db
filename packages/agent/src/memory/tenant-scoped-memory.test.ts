import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import type { MemoryHit, MemoryStore } from './memory-store.js';
import { TenantContextError } from './tenant-context-error.js';
import { TenantScopedMemory } from './tenant-scoped-memory.js';

async function rejection(p: Promise<unknown>): Promise<TenantContextError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(TenantContextError);
  return e as TenantContextError;
}

/** A store that ignores the tenant on queries, like a shared index without a filter. */
class LeakyStore extends InMemoryVectorStore<string> {
  override query(_tenant: string, query: string | readonly number[], k: number): MemoryHit<string>[] {
    return ['acme', 'globex'].flatMap((t) => super.query(t, query, k));
  }
}

describe('TenantScopedMemory', () => {
  it('refuses every call without a tenant context', async () => {
    const memory = new TenantScopedMemory(new InMemoryVectorStore<string>());
    for (const call of [memory.put('a', 'x'), memory.get('a'), memory.query('x', 1), memory.delete('a')]) {
      const e = await rejection(call);
      expect(e.code).toBe('TENANT_CONTEXT_REQUIRED');
      expect(e.name).toBe('TenantContextError');
    }
  });

  it.each(['', '   ', undefined, null, 42])('refuses the tenant %j', (tenant) => {
    const memory = new TenantScopedMemory(new InMemoryVectorStore<string>());
    expect(() => memory.forTenant(tenant as string)).toThrow(TenantContextError);
  });

  it('keeps tenants apart', async () => {
    const memory = new TenantScopedMemory(new InMemoryVectorStore<string>());
    const acme = memory.forTenant('acme');
    const globex = memory.forTenant('globex');
    await acme.put('policy', 'acme refund policy: thirty days');
    await globex.put('policy', 'globex refund policy: ninety days');
    expect(await acme.get('policy')).toBe('acme refund policy: thirty days');
    expect((await globex.query('refund policy', 5)).map((h) => h.value)).toEqual(['globex refund policy: ninety days']);
    expect(await memory.forTenant('initech').query('refund policy', 5)).toEqual([]);
    expect(await acme.delete('policy')).toBe(true);
    expect(await globex.get('policy')).toBeDefined();
  });

  it('takes the tenant from a resolver such as AsyncLocalStorage', async () => {
    const als = new AsyncLocalStorage<string>();
    const memory = new TenantScopedMemory(new InMemoryVectorStore<string>(), { tenant: () => als.getStore() });
    await als.run('acme', () => memory.put('doc', 'acme only'));
    expect(await als.run('acme', () => memory.get('doc'))).toBe('acme only');
    expect(await als.run('globex', () => memory.get('doc'))).toBeUndefined();
    expect((await rejection(memory.get('doc'))).code).toBe('TENANT_CONTEXT_REQUIRED');
  });

  it('fails closed when a store returns another tenant’s entry', async () => {
    const store = new LeakyStore();
    store.put('acme', 'secret', 'acme secret roadmap');
    const memory = new TenantScopedMemory<string>(store);
    const e = await rejection(memory.forTenant('globex').query('secret roadmap', 3));
    expect(e.code).toBe('TENANT_MISMATCH');
    expect(e.message).not.toContain('acme secret roadmap');
  });

  it('works over an asynchronous store', async () => {
    const inner = new InMemoryVectorStore<string>();
    const store: MemoryStore<string> = {
      put: async (...a) => inner.put(...a),
      get: async (...a) => inner.get(...a),
      query: async (...a) => inner.query(...a),
      delete: async (...a) => inner.delete(...a),
    };
    const acme = new TenantScopedMemory(store).forTenant('acme');
    await acme.put('a', 'hello world');
    expect((await acme.query('hello', 1))[0]?.id).toBe('a');
  });
});
