import { describe, expect, it } from 'vitest';
import type { PopulationItem } from './check.js';
import { countItems, fullItem, keepItems, LOAD_ITEM } from './population-keeper.js';
import { withoutItems } from './run-checks.js';
import type { ControlResult } from './run-checks.js';

const item = (id: string, artifact?: string, label = 'step'): PopulationItem => ({ id, subject: id, trace: [{ label, ...(artifact ? { citation: { artifact, locator: '/' } } : {}) }] });
const list = [item('b', 'sha256:2'), item('a', 'sha256:1', 'first a'), item('c'), item('a', 'sha256:2', 'second a')];

describe('population keepers', () => {
  it('keepItems keeps every item, sorted by id, ties in the order they came', () => {
    const k = keepItems();
    for (const i of list) k.add(i);
    const kept = k.done();
    expect(kept.count).toBe(4);
    expect(kept.items.map((i) => `${i.id}:${i.trace[0].label}`)).toEqual(['a:first a', 'a:second a', 'b:step', 'c:step']);
    expect(kept.itemArtifacts).toBeUndefined();
  });

  it('countItems keeps what withoutItems keeps of a result: the count and the cited artifacts', () => {
    const k = countItems();
    for (const i of list) k.add(i);
    const kept = k.done();
    const result: ControlResult = { control: 'X', title: 'X', check: 'x', status: 'pass', population: 4, exceptions: [], items: list, notes: [] };
    expect(kept).toEqual({ count: 4, items: [], itemArtifacts: withoutItems(result).itemArtifacts });
    expect(kept.itemArtifacts).toEqual(['sha256:1', 'sha256:2']);
  });

  it('fullItem gives an item in memory as it is and reads a spilled one back', () => {
    const plain = item('a');
    expect(fullItem(plain)).toBe(plain);
    const whole = item('z', 'sha256:9');
    const spilled = { id: 'z', subject: 'z', get trace() { return whole.trace; }, [LOAD_ITEM]: () => whole };
    expect(fullItem(spilled)).toBe(whole);
  });
});
