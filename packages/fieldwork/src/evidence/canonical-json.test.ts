import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/** The definition canonicalJson had before it was rewritten for speed: the output must not change. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys recursively, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: undefined }], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[3,{"z":null}]},"b":1}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('gives the same text as the earlier definition for any JSON-like value, ledger entries included', () => {
    const hex = (n?: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
    const entry = fc.record({
      v: fc.option(fc.constant(2), { nil: undefined }), seq: fc.nat(), artifact: hex(64),
      source: fc.string(), kind: fc.string(), collectedAt: fc.date().map((d) => (Number.isNaN(d.getTime()) ? '' : d.toISOString())),
      periodFrom: fc.option(fc.string(), { nil: null }), periodTo: fc.option(fc.string(), { nil: null }), recordCount: fc.nat(),
      populations: fc.dictionary(fc.string(), fc.nat()), origin: fc.string({ unit: 'binary' }), recordsDigest: fc.option(hex(), { nil: undefined }),
      retained: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(fc.property(fc.oneof(entry, fc.anything({ withObjectString: true, withNullPrototype: true, withSparseArray: true })), (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 2000 });
  });
});
