import { describe, expect, it } from 'vitest';
import { builtInControls } from '../catalog/index.js';
import type { CheckException, PopulationItem } from '../checks/check.js';
import { keepItems, markSortedById } from '../checks/population-keeper.js';
import type { ControlResult } from '../checks/run-checks.js';
import { sampleSeed, selectSample, startAudit } from './index.js';
import { seededRandom } from '../checks/seeded-random-test-support.js';

const rng = seededRandom;

const ID_FORMS = [
  (i: number) => `trace-${i % 97}/span-${i}`,
  (i: number) => `é-${i % 13}`,
  (i: number) => `😀${i % 5}`,
  (i: number) => `\u{E000}${i % 3}`,
  () => 'dup',
  (i: number) => `${i}`,
  () => '',
];

/** A messy population: ids repeated, of several alphabets, some items without a date; and findings naming some of them, some no unit. */
function population(seed: number): { items: PopulationItem[]; exceptions: CheckException[] } {
  const r = rng(seed);
  const n = Math.floor(r() * (r() < 0.3 ? 40 : 2500));
  const forms = ID_FORMS.filter(() => r() < 0.6);
  if (forms.length === 0) forms.push(ID_FORMS[0]);
  const items: PopulationItem[] = [];
  const dated = r() < 0.9;
  for (let i = 0; i < n; i++) {
    const id = forms[Math.floor(r() * forms.length)](Math.floor(r() * n * 1.5));
    const day = `2026-${String(4 + Math.floor(r() * 6)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    items.push({ id, subject: `s${i % 50}`, ...(dated || r() < 0.5 ? { at: `${day}T10:00:00.000Z` } : {}), trace: [{ label: `step ${i}`, at: `${day}T10:00:00.000Z` }] });
  }
  const exceptions: CheckException[] = [];
  const deviating = r() < 0.2 ? 1 : Math.floor(r() * Math.min(n, 60));
  for (let k = 0; k < deviating && n > 0; k++) {
    const item = items[Math.floor(r() * n)];
    exceptions.push({ rule: `rule.${Math.floor(r() * 3)}`, subject: item.subject, detail: `d${k}`, ...(r() < 0.7 ? { at: item.at } : {}), citations: [], itemId: item.id });
  }
  if (r() < 0.3) exceptions.push({ rule: 'rule.none', subject: 'x', detail: 'no unit', citations: [], itemId: 'not-an-item' });
  if (r() < 0.3) exceptions.push({ rule: 'rule.gap', subject: 'y', detail: 'no item', at: '2026-05-02T00:00:00.000Z', citations: [] });
  return { items, exceptions };
}

const period = { from: '2026-04-01', to: '2026-09-30' };

describe('a population marked sorted by id', () => {
  it('gives the audit report the same population as a plain array gives, for every control', () => {
    const controls = builtInControls.filter((c) => c.check !== null);
    for (let seed = 1; seed <= 60; seed++) {
      const { items, exceptions } = population(seed);
      const keeper = keepItems();
      for (const i of items) keeper.add(i);
      const sorted = keeper.done().items;
      const control = controls[seed % controls.length];
      const report = (list: PopulationItem[]) => {
        const audit = startAudit({ auditId: `a${seed}`, period, controls: [control], timezone: 'Europe/Berlin', asOf: period.to });
        const result: ControlResult = { control: control.id, title: control.title, check: control.check, status: exceptions.length ? 'exception' : 'pass', population: list.length, populationQuery: 'q', exceptions, items: list, notes: [] };
        audit.add(control, result);
        return JSON.stringify(audit.report());
      };
      const plain = report(sorted);
      const marked = report(markSortedById([...sorted]));
      expect(marked, `seed ${seed}, ${control.id}`).toBe(plain);
    }
  });

  it('gives an event control the same report as a plain array, with deviations in and out of the sample and an extension', () => {
    const control = builtInControls.find((c) => c.id === 'AGT-01')!;
    let extended = 0;
    for (let seed = 100; seed < 160; seed++) {
      const { items, exceptions } = population(seed);
      const keeper = keepItems();
      for (const i of items) keeper.add(i);
      const sorted = keeper.done().items;
      const report = (list: PopulationItem[]) => {
        const audit = startAudit({ auditId: `b${seed}`, period, controls: [{ ...control, automated: false, zeroTolerance: false }], timezone: 'UTC', asOf: period.to });
        audit.add({ ...control, automated: false, zeroTolerance: false }, { control: control.id, title: 't', check: control.check, status: exceptions.length ? 'exception' : 'pass', population: list.length, populationQuery: 'q', exceptions, items: list, notes: [] });
        return audit.report();
      };
      const plain = report(sorted);
      expect(JSON.stringify(report(markSortedById([...sorted]))), `seed ${seed}`).toBe(JSON.stringify(plain));
      if (plain.controls[0].extension) extended++;
    }
    // Not vacuous: some reports extend the sample after one deviation.
    expect(extended).toBeGreaterThan(0);
  });

  it('seeds and selects the same sample through a sorted view of the ids as from the array', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const ids = population(seed).items.map((i) => i.id).sort();
      const view = { length: ids.length, at: (i: number) => ids[i] };
      const s = sampleSeed('a', 'X-01', ids);
      expect(sampleSeed('a', 'X-01', view)).toBe(s);
      for (const n of [0, 1, 25, 60, ids.length + 3]) expect(selectSample(view, n, s)).toEqual(selectSample(ids, n, s));
    }
  });
});
