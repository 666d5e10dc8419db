import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleSeed } from './seeded-selection.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The seed as its rule states it: the sorted ids joined by newlines, hashed, then hashed with the audit and control. */
const bySpec = (ids: string[]) => sha256(`a1|CC-1|${sha256([...ids].sort().join('\n'))}`);

describe('sampleSeed', () => {
  it('hashes the sorted, newline-joined ids, whether they come sorted or not and however many there are', () => {
    // More ids than one hashed slice, with a multi-byte character, unsorted and sorted.
    const ids = Array.from({ length: 60_001 }, (_, i) => `span-${(i * 7919) % 60_001}-é`);
    expect(sampleSeed('a1', 'CC-1', ids)).toBe(bySpec(ids));
    expect(sampleSeed('a1', 'CC-1', [...ids].sort())).toBe(bySpec(ids));
    expect(sampleSeed('a1', 'CC-1', ['b', 'a'])).toBe(bySpec(['a', 'b']));
    expect(sampleSeed('a1', 'CC-1', [])).toBe(bySpec([]));
    expect(sampleSeed('a1', 'CC-1', ['x'])).not.toBe(bySpec(['x', '']));
  });
});
