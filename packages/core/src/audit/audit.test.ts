import { describe, expect, it } from 'vitest';
import { builtInControls } from '../catalog/index.js';
import type { ControlResult } from '../checks/run-checks.js';
import { binomialCdf, runAudit, sampleSeed, startAudit, sampleSize, selectSample, statisticalSampleSize } from './index.js';
import { markSortedById } from '../checks/population-keeper.js';

const C = 'c'.repeat(64);
const control = (check: string) => builtInControls.find((c) => c.check === check)!;
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `item-${String(i).padStart(3, '0')}`, subject: `p${i}@x.ai`, at: '2026-05-01', trace: [{ label: 'HR end date', citation: { artifact: C, source: 'hr', locator: `line ${i + 2}` } }] }));
const result = (ctl: string, n: number, deviating: number[] = [], extra: Partial<ControlResult> = {}): ControlResult => {
  const its = items(n);
  return {
    control: ctl, title: 't', check: 'x', status: deviating.length ? 'exception' : 'pass', population: n, populationQuery: 'q', items: its, notes: [],
    exceptions: deviating.map((i) => ({ rule: 'r', subject: its[i].subject, detail: 'd', citations: [], itemId: its[i].id })),
    ...extra,
  };
};
const period = { from: '2026-04-01', to: '2026-09-30' };

describe('sample sizes', () => {
  it('follows the practitioner table and caps at the population', () => {
    expect(sampleSize('annual', 10).size).toBe(1);
    expect(sampleSize('quarterly', 10).size).toBe(2);
    expect(sampleSize('weekly', 26).size).toBe(5);
    expect(sampleSize('daily', 180).size).toBe(25);
    expect(sampleSize('multiple_daily', 5000).size).toBe(40);
    expect(sampleSize('daily', 10).size).toBe(10);
    expect(sampleSize('weekly', 26).basis).toContain('not an AICPA mandate');
  });

  it('tests every item of a small per-event population, else 25', () => {
    expect(sampleSize('per_event', 12).size).toBe(12);
    expect(sampleSize('per_event', 300).size).toBe(25);
    expect(sampleSize('per_event', 300, { kind: 'practitioner', perEventSmallPopulation: 50, perEventSample: 40 }).size).toBe(40);
  });

  it('matches the attribute-sampling tables via the binomial', () => {
    expect(statisticalSampleSize(0.95, 0.05, 0)).toBe(59);
    expect(statisticalSampleSize(0.9, 0.05, 0)).toBe(45);
    expect(statisticalSampleSize(0.95, 0.05, 0.01)).toBe(93);
    expect(statisticalSampleSize(0.95, 0.05, 0.02)).toBe(181);
    expect(binomialCdf(0, 59, 0.05)).toBeLessThan(0.05);
    expect(binomialCdf(0, 58, 0.05)).toBeGreaterThan(0.05);
    expect(sampleSize('per_event', 500, { kind: 'statistical', confidence: 0.95, tolerableRate: 0.05, expectedRate: 0 }).size).toBe(59);
  });
});

describe('seeded selection', () => {
  it('is reproducible and independent of population order', () => {
    const ids = items(100).map((i) => i.id);
    const seed = sampleSeed('audit-1', 'HR-05', ids);
    expect(sampleSeed('audit-1', 'HR-05', [...ids].reverse())).toBe(seed);
    const a = selectSample(ids, 25, seed);
    expect(selectSample([...ids].reverse(), 25, seed)).toEqual(a);
    expect(new Set(a).size).toBe(25);
    expect(selectSample(ids, 25, sampleSeed('audit-2', 'HR-05', ids))).not.toEqual(a);
  });

  it('changes the seed when the population changes', () => {
    const ids = items(10).map((i) => i.id);
    expect(sampleSeed('a', 'X', ids)).not.toBe(sampleSeed('a', 'X', ids.slice(1)));
  });
});

describe('runAudit', () => {
  const deprov = control('hr.deprovisioning');

  it('concludes effective without deviations, and samples with a printed seed', () => {
    const rep = runAudit({ auditId: 'a1', period, controls: [deprov], results: [result(deprov.id, 12)] });
    const c = rep.controls[0];
    expect(c.conclusion).toBe('effective');
    expect(c.sampleSize).toBe(12);
    expect(c.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(c.sampled[0].trace[0].citation?.locator).toMatch(/^line /);
    expect(rep.overall.conclusion).toBe('clean');
  });

  it('classifies one deviation as isolated and several as not effective', () => {
    const one = runAudit({ auditId: 'a1', period, controls: [deprov], results: [result(deprov.id, 12, [3])] }).controls[0];
    expect(one).toMatchObject({ classification: 'isolated', conclusion: 'effective_with_exceptions', sampleDeviations: 1 });
    // All three leavers left in the same month: more than one deviation, not (yet) recurring.
    const many = runAudit({ auditId: 'a1', period, controls: [deprov], results: [result(deprov.id, 12, [1, 5, 9])] }).controls[0];
    expect(many).toMatchObject({ classification: 'multiple', conclusion: 'not_effective', rule: 'more-than-one', deviations: 3 });
  });

  it('keeps deviations the population test found even when the sample misses them', () => {
    const big = runAudit({ auditId: 'a1', period, controls: [deprov], results: [result(deprov.id, 200, [150])] }).controls[0];
    expect(big.sampleSize).toBe(25);
    expect(big.populationExceptions).toBe(1);
    expect(big.conclusion).toBe('effective_with_exceptions');
  });

  it('reports a zero-row population as did not occur, not effective', () => {
    const c = runAudit({ auditId: 'a1', period, controls: [deprov], results: [result(deprov.id, 0)] }).controls[0];
    expect(c.conclusion).toBe('did_not_occur');
    expect(c.rule).toBe('no-occurrence');
    expect(c.result).toMatch(/^Did not occur: no leaver in the window in the collected evidence/);
    expect(c.summary).toContain('no evidence that the control operates');
  });

  it('counts control-level exceptions (no item) as deviations: one is isolated, two are not effective', () => {
    const one = result(deprov.id, 5);
    one.exceptions.push({ rule: 'protection.gap', subject: 'repo:main', detail: 'off for 3 days', citations: [] });
    one.status = 'exception';
    expect(runAudit({ auditId: 'a1', period, controls: [deprov], results: [one] }).controls[0]).toMatchObject({ classification: 'isolated', conclusion: 'effective_with_exceptions' });
    const two = result(deprov.id, 5, [2]);
    two.exceptions.push({ rule: 'protection.gap', subject: 'repo:main', detail: 'off for 3 days', citations: [] });
    expect(runAudit({ auditId: 'a1', period, controls: [deprov], results: [two] }).controls[0]).toMatchObject({ classification: 'multiple', conclusion: 'not_effective', deviations: 2 });
  });

  it('does not count the notes of a passing check as deviations', () => {
    const r = result(deprov.id, 10, [4]);
    r.status = 'pass';
    expect(runAudit({ auditId: 'a1', period, controls: [deprov], results: [r] }).controls[0]).toMatchObject({ conclusion: 'effective', sampleDeviations: 0 });
  });

  it('passes manual and evidence-less controls through with their own conclusions, problems first', () => {
    const manual = builtInControls.find((c) => c.check === null)!;
    const rep = runAudit({
      auditId: 'a1', period, controls: [manual, deprov],
      results: [{ ...result(manual.id, 0), status: 'not_tested' }, result(deprov.id, 12, [1, 2])],
    });
    expect(rep.controls.map((c) => c.conclusion)).toEqual(['not_effective', 'not_tested']);
    expect(rep.overall.conclusion).toBe('not_ready');
  });

  it('gives identical output for the same audit id and results, whatever order the population arrives in', () => {
    const input = { auditId: 'a1', period, controls: [deprov], results: [result(deprov.id, 300, [4, 77])] };
    const shuffled = result(deprov.id, 300, [4, 77]);
    shuffled.items.reverse();
    shuffled.exceptions.reverse();
    expect(JSON.stringify(runAudit({ ...input, results: [shuffled] })).replace(/"trace":\[[^\]]*\]/g, '')).toBe(JSON.stringify(runAudit(input)).replace(/"trace":\[[^\]]*\]/g, ''));
  });
});

describe('the audit one control at a time', () => {
  it('gives the report runAudit gives, whatever order the controls come in, and keeps no population', () => {
    const ctls = [control('hr.deprovisioning'), control('hr.training'), control('agent.tool-authorization')];
    const results = [result(ctls[0].id, 300, [4, 150]), result(ctls[1].id, 40, [3])];
    const input = { auditId: 'a-1', period, controls: ctls, timezone: 'UTC' };
    const whole = runAudit({ ...input, results });
    const audit = startAudit(input);
    // Reverse order; the third control never gets a result (audited as having none).
    for (const r of [...results].reverse()) audit.add(ctls.find((c) => c.id === r.control)!, r);
    const report = audit.report();
    expect(report).toEqual(whole);
    expect(report.controls.map((c) => c.conclusion)).toContain('not_tested');
    // What the report holds of a 300-item population: the sample and the exceptions.
    const big = report.controls.find((c) => c.control === ctls[0].id)!;
    expect(big.checkPopulation).toBe(300);
    expect(big.sampled.length).toBeLessThan(300);
    expect(JSON.stringify([big.sampled, big.extension, big.exceptions]).match(/HR end date/g)!.length).toBe(big.sampled.length + (big.extension?.size ?? 0));
  });
});

describe('a check that gives two items one id', () => {
  // Three items share id `a`; one finding names `a`. Before, the audit counted that one finding
  // once per item (3 deviations: "not effective") and could sample `a` twice.
  const ctl = builtInControls.find((c) => c.frequency === 'per_event' && !c.automated && !c.zeroTolerance)!;
  const item = (id: string, line: number) => ({ id, subject: `p${line}@x.ai`, at: '2026-05-01', trace: [{ label: 'HR end date', citation: { artifact: C, source: 'hr', locator: `line ${line}` } }] });
  const resultOf = (items: ReturnType<typeof item>[]): ControlResult => ({
    control: ctl.id, title: 't', check: ctl.check!, status: 'exception', population: items.length, populationQuery: 'q', items, notes: [],
    exceptions: [{ rule: 'r', subject: 'p1@x.ai', detail: 'd', citations: [], itemId: 'a' }],
  });
  const repeated = [item('a', 1), item('b', 2), item('a', 3), item('c', 4), item('a', 5)];
  // The same population as a spilled one arrives: sorted by id (ties in arrival order) and marked.
  const sortedMarked = () => markSortedById([...repeated].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));

  const sortedPlain = () => [...repeated].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const [name, items] of [['in memory', () => [...repeated]], ['in memory, in id order', sortedPlain], ['sorted by id and marked', sortedMarked]] as const) {
    it(`counts the id once, as one unit, the first of its items (${name})`, () => {
      const a = runAudit({ auditId: 'x', period, controls: [ctl], results: [resultOf(items())], timezone: 'UTC' }).controls[0];
      expect(a.population).toBe(3);
      expect(a.deviations).toBe(1);
      expect(a.exceptions).toHaveLength(1);
      expect(a.sampled.map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
      expect(a.sampled.find((s) => s.id === 'a')!.trace[0].citation!.locator).toBe('line 1');
      expect(a.conclusion).not.toBe('not_effective');
      expect(a.testPerformed).toContain('2 items of the check repeated an id already in the population (the first: a)');
    });
  }

  it('says nothing when every id is distinct', () => {
    const a = runAudit({ auditId: 'x', period, controls: [ctl], results: [resultOf([item('a', 1), item('b', 2)])], timezone: 'UTC' }).controls[0];
    expect(a.population).toBe(2);
    expect(a.testPerformed).not.toContain('repeated an id');
  });
});
