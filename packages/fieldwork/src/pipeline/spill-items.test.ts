import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInControls, fullItem, keepItems, startAudit } from '@fieldwork/core';
import type { ControlResult, PopulationItem, PopulationKeeper } from '@fieldwork/core';
import { spillItems } from './spill-items.js';

const period = { from: '2026-04-01', to: '2026-06-30' };
const control = (id: string) => builtInControls.find((c) => c.id === id)!;

/** Items out of id order, one without a date, one with its keys in another order, text beyond ASCII. */
function items(n: number, day = (i: number) => `2026-${String(4 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`): PopulationItem[] {
  const out: PopulationItem[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const trace = [{ label: 'call', at: `${day(i)}T10:00:00.000Z`, detail: `Zürich → 東京 #${i}`, citation: { artifact: `sha256:${i % 7}`, locator: `/${i}` } }, { label: 'note' }];
    out.push(i === 3 ? { id: `c${i}`, subject: `s${i}`, trace } : i === 5 ? { trace, at: `${day(i)}T10:00:00.000Z`, subject: `s${i}`, id: `c${i}` } : { id: `c${i}`, subject: `s${i}`, at: `${day(i)}T10:00:00.000Z`, trace });
  }
  return out;
}

function fill(keeper: PopulationKeeper, list: readonly PopulationItem[]) {
  for (const i of list) keeper.add(i);
  return keeper.done();
}

describe('spillItems', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'spill-test-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('keeps ids, subjects and dates, sorted by id, and reads each item back whole, keys in their order', () => {
    const list = items(3000);
    const keeper = spillItems(parent);
    const kept = fill(keeper, list);
    const inMemory = fill(keepItems(), list);
    expect(kept.count).toBe(3000);
    expect(kept.items.map((i) => i.id)).toEqual(inMemory.items.map((i) => i.id));
    expect(kept.items.map((i) => [i.subject, i.at])).toEqual(inMemory.items.map((i) => [i.subject, i.at]));
    for (const [i, k] of kept.items.entries()) expect(JSON.stringify(fullItem(k))).toBe(JSON.stringify(inMemory.items[i]));
    expect(kept.items[100].trace).toEqual(inMemory.items[100].trace);
    expect(kept.itemArtifacts).toEqual(['sha256:0', 'sha256:1', 'sha256:2', 'sha256:3', 'sha256:4', 'sha256:5', 'sha256:6']);
    // Spilled: what stays in memory has no trace of its own.
    expect(Object.keys(kept.items[0])).not.toContain('trace');
    keeper.release!();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('gives back every subject and date as given, whatever their form', () => {
    const dates = [
      '2026-04-01T10:00:00.000Z', '2026-04-01T10:00:00Z', '2026-04-01T12:00:00.000+02:00', '2026-04-01', '2026-02-30', '2026-04-01T24:00:00.000Z',
      '2026-13-01T10:00:00.000Z', '+02026-04-01T10:00:00.000Z', '2026-4-1', 'yesterday', '', undefined, '1969-12-31T23:59:59.999Z', '2026-04-01t10:00:00.000z',
    ];
    const list: PopulationItem[] = [];
    for (let i = 0; i < 70_000; i++) {
      const at = dates[i % dates.length];
      // The subject: the id's end, its start, all of it, a repeated name, one of its own, or empty.
      // Ids of one byte a character and beyond (é, ÿ, a private-use character, a surrogate pair), repeated ones, the empty id.
      const id = [`trace-${i % 9}/span-${i}`, `é-${i % 50}`, `ÿ${i % 4}`, `\u{E000}-${i % 3}`, `😀-${i % 7}`, 'dup', `span-${i}`, ''][i % 8];
      const subject = [`span-${i}`, `trace-${i % 9}`, id, `account-${i % 5}@example.com`, `other-${i}`, ''][i % 6];
      list.push({ id, subject, ...(at === undefined ? {} : { at }), trace: [] });
    }
    const keeper = spillItems(parent);
    const kept = fill(keeper, list);
    const inMemory = fill(keepItems(), list);
    expect(kept.items.map((i) => [i.id, i.subject, i.at])).toEqual(inMemory.items.map((i) => [i.id, i.subject, i.at]));
    expect(kept.items.filter((i) => i.at === undefined).length).toBe(5000);
    keeper.release!();
  });

  it('writes nothing for an empty population', () => {
    const keeper = spillItems(parent);
    expect(keeper.done()).toEqual({ count: 0, items: [], itemArtifacts: [] });
    keeper.release!();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('gives the audit the report it gives over the items in memory, for an event control and a daily one', () => {
    for (const [id, n] of [['AGT-01', 2500], ['BCK-01', 200]] as const) {
      const list = items(n);
      const result = (kept: { count: number; items: PopulationItem[] }): ControlResult => ({
        control: id, title: id, check: control(id).check, status: 'exception', population: kept.count, populationQuery: 'q',
        exceptions: [3, 17, 400].filter((i) => i < n).map((i) => ({ rule: 'r.x', subject: `s${i}`, detail: `d${i}`, at: list[n - 1 - i].at, citations: [], itemId: `c${i}` })),
        items: kept.items, notes: [],
      });
      const report = (kept: { count: number; items: PopulationItem[] }) => {
        const audit = startAudit({ auditId: 'a', period, controls: [control(id)], timezone: 'Europe/Berlin', asOf: period.to });
        audit.add(control(id), result(kept));
        return JSON.stringify(audit.report());
      };
      const keeper = spillItems(parent);
      const spilled = report(fill(keeper, list));
      keeper.release!();
      const inMemory = report(fill(keepItems(), list));
      expect(spilled).toBe(inMemory);
      // Not vacuous: the sample carries the items' traces.
      expect(inMemory).toContain('Zürich → 東京');
    }
  });
});
