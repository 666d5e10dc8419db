import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.js';
import { hashingEmbedder } from './hashing-embedder.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { TenantContextError } from './tenant-context-error.js';

describe('InMemoryVectorStore', () => {
  it('ranks by cosine similarity within the tenant only', () => {
    const store = new InMemoryVectorStore<string>();
    store.put('t1', 'x', 'unused', [1, 0, 0]);
    store.put('t1', 'y', 'unused', [0.7, 0.7, 0]);
    store.put('t1', 'z', 'unused', [0, 0, 1]);
    store.put('t2', 'w', 'unused', [1, 0, 0]);
    const hits = store.query('t1', [1, 0.1, 0], 2);
    expect(hits.map((h) => h.id)).toEqual(['x', 'y']);
    expect(hits.every((h) => h.tenant === 't1')).toBe(true);
    expect(hits[0]!.score).toBeCloseTo(0.995, 3);
  });

  it('embeds values and text queries with the configured embedder', () => {
    const store = new InMemoryVectorStore<{ title: string }>({ toText: (v) => v.title });
    store.put('t', 'a', { title: 'quarterly access review' });
    store.put('t', 'b', { title: 'backup restore test' });
    expect(store.query('t', 'access review', 1)[0]?.value).toEqual({ title: 'quarterly access review' });
  });

  it('gets, deletes and counts per tenant', () => {
    const store = new InMemoryVectorStore<string>();
    store.put('t1', 'a', 'one');
    store.put('t2', 'a', 'two');
    expect(store.get('t1', 'a')).toBe('one');
    expect(store.get('t2', 'a')).toBe('two');
    expect(store.size()).toBe(2);
    expect(store.delete('t1', 'a')).toBe(true);
    expect(store.delete('t1', 'a')).toBe(false);
    expect(store.size('t1')).toBe(0);
    expect(store.size('t2')).toBe(1);
    expect(store.query('t1', 'one', 3)).toEqual([]);
    expect(store.query('t2', 'two', 0)).toEqual([]);
  });

  it('refuses blank tenants itself too', () => {
    expect(() => new InMemoryVectorStore<string>().put('', 'a', 'x')).toThrow(TenantContextError);
  });

  it('rejects vectors of the wrong size', () => {
    const store = new InMemoryVectorStore<string>();
    store.put('t', 'a', 'x', [1, 0]);
    expect(() => store.query('t', [1, 0, 0], 1)).toThrow(RangeError);
  });
});

describe('hashingEmbedder and cosineSimilarity', () => {
  it('scores shared words above unrelated text', () => {
    const q = hashingEmbedder('refund policy');
    expect(cosineSimilarity(q, hashingEmbedder('our refund policy is 30 days'))).toBeGreaterThan(
      cosineSimilarity(q, hashingEmbedder('deploy the kubernetes cluster')),
    );
    expect(cosineSimilarity(hashingEmbedder(''), q)).toBe(0);
    expect(Math.hypot(...q)).toBeCloseTo(1, 10);
  });
});
