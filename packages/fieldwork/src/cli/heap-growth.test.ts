import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapGrowingPercent } from './heap-growth.js';

describe('heapGrowingPercent', () => {
  it('bounds heap growth by default, as the environment says, or not at all', () => {
    expect(heapGrowingPercent({}, [])).toBe(HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent({ FIELDWORK_HEAP_GROWING_PERCENT: '80' }, [])).toBe(80);
    expect(heapGrowingPercent({ FIELDWORK_HEAP_GROWING_PERCENT: '0' }, [])).toBeUndefined();
    expect(heapGrowingPercent({ FIELDWORK_HEAP_GROWING_PERCENT: 'lots' }, [])).toBeUndefined();
  });

  it('leaves a growth node was given itself alone, on its command line or in NODE_OPTIONS', () => {
    expect(heapGrowingPercent({}, ['--heap-growing-percent=20'])).toBeUndefined();
    expect(heapGrowingPercent({ NODE_OPTIONS: '--max-old-space-size=400 --heap_growing_percent=30' }, [])).toBeUndefined();
    // A heap cap alone is no growth policy: the bound still applies under it.
    expect(heapGrowingPercent({ NODE_OPTIONS: '--max-old-space-size=400' }, ['--max-old-space-size=400'])).toBe(HEAP_GROWING_PERCENT);
  });
});
