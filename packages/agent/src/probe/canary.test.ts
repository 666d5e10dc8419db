import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canaryBelongsTo, canaryTenantHash, findCanaries, makeCanary, sha256Hex } from './index.js';

describe('sha256Hex', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'ünïcødé ✓ 🎉', 'x'.repeat(1000)])('matches node:crypto for %j', (s) => {
    expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});

describe('canaries', () => {
  it('are deterministic, unmistakable and specific to tenant and seed', () => {
    const a = makeCanary('acme', 'run-1#0');
    expect(a).toMatch(/^FWCANARY-[0-9a-f]{8}-[0-9a-f]{16}$/);
    expect(makeCanary('acme', 'run-1#0')).toBe(a);
    expect(makeCanary('acme', 'run-1#1')).not.toBe(a);
    expect(makeCanary('globex', 'run-1#0')).not.toBe(a);
    expect(a.slice(9, 17)).toBe(canaryTenantHash('acme'));
    expect(makeCanary('acme', 'other').slice(9, 17)).toBe(canaryTenantHash('acme'));
  });

  it('refuses a blank tenant', () => {
    expect(() => makeCanary('', 's')).toThrow(TypeError);
  });

  it('are found in text, in order, even when a model changed their case', () => {
    const a = makeCanary('acme', 's1');
    const b = makeCanary('globex', 's2');
    const text = `Sure! Notes: ${a}. Also ${b.toUpperCase()}, and FWCANARY-1234-short is not one.`;
    const found = findCanaries(text);
    expect(found.map((f) => f.token)).toEqual([a, b]);
    expect(found[0]).toEqual({ token: a, tenantHash: canaryTenantHash('acme'), index: text.indexOf(a) });
    expect(findCanaries('nothing here')).toEqual([]);
    expect(findCanaries(`${a}ff`)).toEqual([]);
  });

  it('tell which tenant they belong to', () => {
    const a = makeCanary('acme', 's1');
    expect(canaryBelongsTo(a, 'acme')).toBe(true);
    expect(canaryBelongsTo(a, 'globex')).toBe(false);
    expect(canaryBelongsTo(a.toLowerCase(), 'acme')).toBe(true);
    expect(canaryBelongsTo(`x ${a}`, 'acme')).toBe(false);
    expect(canaryBelongsTo('not a canary', 'acme')).toBe(false);
  });
});
