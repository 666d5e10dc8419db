import { describe, expect, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { heapGrowingPercent, withHeapGrowth } from './heap-growth.js';

const plain = { env: {}, execArgv: [] };

describe('heapGrowingPercent', () => {
  it('bounds growth as asked, as the environment says, or not at all', () => {
    expect(heapGrowingPercent(50, plain)).toBe(50);
    expect(heapGrowingPercent(30, { env: { FIELDWORK_HEAP_GROWING_PERCENT: '80' }, execArgv: [] })).toBe(80);
    expect(heapGrowingPercent(30, { env: { FIELDWORK_HEAP_GROWING_PERCENT: '0' }, execArgv: [] })).toBeUndefined();
    expect(heapGrowingPercent(30, { env: { FIELDWORK_HEAP_GROWING_PERCENT: 'lots' }, execArgv: [] })).toBeUndefined();
  });

  it("leaves node's own growth flag alone, on its command line or in NODE_OPTIONS, but not a heap cap", () => {
    expect(heapGrowingPercent(50, { env: {}, execArgv: ['--heap-growing-percent=20'] })).toBeUndefined();
    expect(heapGrowingPercent(50, { env: { NODE_OPTIONS: '--max-old-space-size=400 --heap_growing_percent=30' }, execArgv: [] })).toBeUndefined();
    expect(heapGrowingPercent(50, { env: { NODE_OPTIONS: '--max-old-space-size=400' }, execArgv: ['--max-old-space-size=400'] })).toBe(50);
  });
});

describe('withHeapGrowth', () => {
  it('sets the bound for overlapping runs once and gives it back after the last, also when one fails', async () => {
    const flags: string[] = [];
    const set = (f: string) => flags.push(f);
    let release!: () => void;
    const first = withHeapGrowth(30, () => new Promise<string>((r) => (release = () => r('first'))), plain, set);
    const second = withHeapGrowth(50, async () => {
      throw new Error('a source failed');
    }, plain, set);
    await expect(second).rejects.toThrow('a source failed');
    expect(flags).toEqual(['--heap-growing-percent=30']);
    release();
    expect(await first).toBe('first');
    expect(flags).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0']);
  });

  it('touches nothing when the environment turns the bound off', async () => {
    const flags: string[] = [];
    expect(await withHeapGrowth(30, async () => 7, { env: { FIELDWORK_HEAP_GROWING_PERCENT: '0' }, execArgv: [] }, (f) => flags.push(f))).toBe(7);
    expect(flags).toEqual([]);
  });

  it("runs with V8's real flag setter and leaves the heap usable", async () => {
    const before = getHeapStatistics().heap_size_limit;
    const garbage = await withHeapGrowth(30, async () => Array.from({ length: 50_000 }, (_, i) => ({ i })).length);
    expect(garbage).toBe(50_000);
    expect(getHeapStatistics().heap_size_limit).toBe(before);
  });
});
