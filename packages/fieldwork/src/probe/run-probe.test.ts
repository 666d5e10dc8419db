import { describe, expect, it } from 'vitest';
import { InMemoryVectorStore } from '@fieldwork/agent/memory';
import type { MemoryHit, MemoryStore } from '@fieldwork/agent/memory';
import { memoryAdapter } from './adapters/memory-adapter.js';
import { runProbe } from './run-probe.js';

/** A store that forgets the tenant on reads and deletes: what the probe exists to catch. */
class LeakyStore implements MemoryStore<string> {
  readonly rows = new Map<string, { tenant: string; value: string }>();
  put(tenant: string, id: string, value: string) {
    this.rows.set(id, { tenant, value });
  }
  get(_tenant: string, id: string) {
    return this.rows.get(id)?.value;
  }
  query(tenant: string, _q: string | readonly number[], k: number): MemoryHit<string>[] {
    // Labels every hit with the asking tenant, so the SDK's tenant check cannot see the leak.
    return [...this.rows].slice(0, k).map(([id, r]) => ({ tenant, id, value: r.value, score: 1 }));
  }
  delete(_tenant: string, id: string) {
    return this.rows.delete(id);
  }
}

const opts = { store: 'support-memory', tenants: ['probe-a', 'probe-b'], runId: 'run-1', now: () => new Date('2026-06-15T10:00:00Z') };

describe('runProbe (memory adapter)', () => {
  it('passes the SDK store: every cross-tenant attempt refused or empty, the no-tenant query refused, canaries cleaned up', async () => {
    const store = new InMemoryVectorStore<string>();
    const run = await runProbe(memoryAdapter(store), opts);
    expect(run).toMatchObject({ format: 'fieldwork-isolation-probe/1', runId: 'run-1', adapter: 'memory', canaries: 2, leaks: 0, passed: true, startedAt: '2026-06-15T10:00:00.000Z' });
    expect(run.attempts.map((a) => `${a.op}:${a.fromTenant ?? '-'}>${a.targetTenant}:${a.outcome}`)).toEqual([
      'query:probe-a>probe-b:empty', 'get:probe-a>probe-b:empty', 'update:probe-a>probe-b:denied', 'delete:probe-a>probe-b:denied',
      'query:probe-b>probe-a:empty', 'get:probe-b>probe-a:empty', 'update:probe-b>probe-a:denied', 'delete:probe-b>probe-a:denied',
      'no_tenant:->probe-a:denied',
    ]);
    expect(run.attempts.at(-1)?.detail).toMatch(/TENANT_CONTEXT_REQUIRED/);
    expect(store.size()).toBe(0);
  });

  it('is deterministic for a run id and clock', async () => {
    expect(await runProbe(memoryAdapter(), opts)).toEqual(await runProbe(memoryAdapter(), opts));
  });

  it('catches a store that ignores the tenant on read, update, delete and query', async () => {
    const run = await runProbe(memoryAdapter(new LeakyStore()), opts);
    expect(run.passed).toBe(false);
    expect(run.attempts.filter((a) => a.outcome === 'leaked').map((a) => `${a.op}:${a.fromTenant}`)).toEqual([
      'query:probe-a', 'get:probe-a', 'update:probe-a', 'delete:probe-a', 'query:probe-b', 'get:probe-b', 'update:probe-b', 'delete:probe-b',
    ]);
    expect(run.leaks).toBe(8);
  });

  it('records a store that cannot even keep a tenant\'s own canary as an error, not a pass', async () => {
    const broken: MemoryStore<string> = { put() {}, get: () => undefined, query: () => [], delete: () => false };
    const run = await runProbe(memoryAdapter(broken), opts);
    expect(run).toMatchObject({ canaries: 0, passed: false });
    expect(run.attempts.every((a) => a.outcome === 'error')).toBe(true);
  });
});
