import { afterEach, describe, expect, it, vi } from 'vitest';

const flags: string[] = [];
vi.mock('node:v8', () => ({ setFlagsFromString: (f: string) => flags.push(f) }));

const { COLLECT_HEAP_GROWING_PERCENT, withCollectHeapPolicy } = await import('./collect-heap-policy.js');

describe('collect heap policy', () => {
  afterEach(() => {
    flags.length = 0;
  });

  it('fixes the growing factor for overlapping collections and gives it back after the last, also when one fails', async () => {
    let release!: () => void;
    const first = withCollectHeapPolicy(() => new Promise<string>((r) => (release = () => r('first'))));
    const second = withCollectHeapPolicy(async () => {
      throw new Error('a source failed');
    });
    await expect(second).rejects.toThrow('a source failed');
    expect(flags).toEqual([`--heap-growing-percent=${COLLECT_HEAP_GROWING_PERCENT}`]);
    release();
    expect(await first).toBe('first');
    expect(flags).toEqual([`--heap-growing-percent=${COLLECT_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0']);
    await withCollectHeapPolicy(async () => undefined);
    expect(flags).toHaveLength(4);
  });
});
