import { describe, expect, it } from 'vitest';
import { partitionPoint } from './partition-point.js';
import { seededRandom } from './seeded-random-test-support.js';

describe('partitionPoint', () => {
  it('finds the first place not below a key, as a scan from the start would, on sorted arrays with repeats', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 500; round++) {
      const sorted = Array.from({ length: Math.floor(random() * 20) }, () => Math.floor(random() * 10)).sort((a, b) => a - b);
      const key = Math.floor(random() * 12) - 1;
      const scanned = sorted.findIndex((v) => v >= key);
      expect(partitionPoint(sorted.length, (i) => sorted[i] < key)).toBe(scanned === -1 ? sorted.length : scanned);
      const above = sorted.findIndex((v) => v > key);
      expect(partitionPoint(sorted.length, (i) => sorted[i] <= key)).toBe(above === -1 ? sorted.length : above);
    }
  });
});
