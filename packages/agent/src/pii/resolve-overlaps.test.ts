import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiiFinding } from './pii-type.js';
import { resolveOverlaps, sortByPosition } from './resolve-overlaps.js';

const finding = fc.record({
  type: fc.constantFrom('email', 'phone', 'date', 'person', 'address' as const),
  start: fc.integer({ min: 0, max: 20 }),
  length: fc.integer({ min: 1, max: 6 }),
  validated: fc.boolean(),
  confidence: fc.constantFrom('low', 'medium', 'high' as const),
}).map(({ length, ...f }): PiiFinding => ({ ...f, end: f.start + length }));

describe('sortByPosition', () => {
  it('orders findings as the stable built-in sort does, ties included', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 48 }), (findings) => {
        const expected = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
        const sorted = [...findings];
        sortByPosition(sorted);
        // The same objects in the same order: equal findings keep their order.
        expect(sorted.length).toBe(expected.length);
        sorted.forEach((f, i) => expect(f).toBe(expected[i]));
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('resolveOverlaps', () => {
  it('keeps the validated finding of two that overlap, in the array it was given', () => {
    const findings: PiiFinding[] = [
      { type: 'phone', start: 4, end: 12, validated: false, confidence: 'medium' },
      { type: 'date', start: 0, end: 2, validated: true, confidence: 'high' },
      { type: 'credit_card', start: 4, end: 20, validated: true, confidence: 'high' },
    ];
    const kept = resolveOverlaps(findings);
    expect(kept).toBe(findings);
    expect(kept.map((f) => f.type)).toEqual(['date', 'credit_card']);
  });
});
