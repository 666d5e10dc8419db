import { describe, expect, it } from 'vitest';
import { builtInControls, controlSchema } from '../catalog/index.js';
import type { Control, ControlInput } from '../catalog/index.js';
import type { ControlResult } from '../checks/run-checks.js';
import type { PopulationItem } from '../checks/check.js';
import { evaluateDeviations, runAudit, sampleSeed, selectSample, windowPeriods } from './index.js';

const C = 'c'.repeat(64);
const byCheck = (check: string) => builtInControls.find((c) => c.check === check)!;
const custom = (over: Partial<ControlInput>): Control =>
  controlSchema.parse({ id: 'TST-01', title: 'Test control', statement: 'We do the thing every time it is due, and keep the record.', criteria: ['CC4.1'], category: 'governance', frequency: 'per_event', ownerRole: 'security-lead', evidenceSources: [], check: 'x.check', ...over });
const item = (id: string, at: string): PopulationItem => ({ id, subject: id, at, trace: [{ label: 'record', at, citation: { artifact: C, source: 's', locator: `/${id}` } }] });
const result = (control: Control, items: PopulationItem[], deviating: Record<string, string> = {}): ControlResult => ({
  control: control.id, title: control.title, check: control.check, status: Object.keys(deviating).length ? 'exception' : 'pass',
  population: items.length, populationQuery: 'records in the window', items, notes: [],
  exceptions: Object.entries(deviating).map(([itemId, rule]) => ({ rule, subject: itemId, detail: `${itemId} deviates`, citations: [], itemId, at: items.find((i) => i.id === itemId)?.at })),
});
const window = { from: '2026-04-01', to: '2026-06-30' };
const audit = (control: Control, r: ControlResult, extra: { timezone?: string; responses?: Record<string, string> } = {}) =>
  runAudit({ auditId: 'a1', period: window, controls: [control], results: [r], ...extra }).controls[0];

describe('window periods', () => {
  it('are whole calendar periods overlapping the window; weeks start on Monday; a year is the window once', () => {
    expect(windowPeriods('month', window).map((p) => p.id)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(windowPeriods('quarter', { from: '2026-02-10', to: '2026-04-02' }).map((p) => p.id)).toEqual(['2026-Q1', '2026-Q2']);
    const weeks = windowPeriods('week', { from: '2026-04-01', to: '2026-04-13' });
    expect(weeks.map((w) => [w.from, w.to])).toEqual([['2026-03-30', '2026-04-05'], ['2026-04-06', '2026-04-12'], ['2026-04-13', '2026-04-19']]);
    expect(windowPeriods('day', window)).toHaveLength(91);
    expect(windowPeriods('year', window)).toEqual([{ id: '2026-04-01..2026-06-30', from: '2026-04-01', to: '2026-06-30' }]);
  });
});

describe('population in the unit of the control', () => {
  const monthly = custom({ frequency: 'monthly' });

  it('tests a monthly control per calendar month in the workspace zone; a month without occurrence deviates', () => {
    // 06:30 UTC on 1 May is still 30 April in Los Angeles: that occurrence belongs to April.
    const r = result(monthly, [item('run-a', '2026-05-01T06:30:00Z'), item('run-b', '2026-06-10T12:00:00Z')], { 'run-a': 'run.failed' });
    const c = audit(monthly, r, { timezone: 'America/Los_Angeles' });
    expect(c.unit).toEqual({ kind: 'period', noun: 'month', plural: 'months' });
    expect(c.population).toBe(3);
    expect(c.checkPopulation).toBe(2);
    expect(c.sampleSize).toBe(2);
    expect(c.exceptions.map((e) => [e.unit, e.rule])).toEqual([['2026-04', 'run.failed'], ['2026-05', 'occurrence.missing']]);
    expect(c).toMatchObject({ rule: 'recurring', classification: 'systematic', conclusion: 'not_effective', deviations: 2 });
    // The same instants read in UTC put run-a in May: April is then the month without occurrence.
    expect(audit(monthly, r, { timezone: 'UTC' }).exceptions.map((e) => [e.unit, e.rule])).toEqual([['2026-04', 'occurrence.missing'], ['2026-05', 'run.failed']]);
  });

  it('traces each sampled period to the occurrences in it, and finds no exception when every period has a clean one', () => {
    const r = result(monthly, [item('apr', '2026-04-03'), item('may', '2026-05-03'), item('jun', '2026-06-03')]);
    const c = audit(monthly, r);
    expect(c).toMatchObject({ rule: 'no-exceptions', conclusion: 'effective', result: 'No exceptions noted.' });
    for (const s of c.sampled) expect(s.trace[0].label).toBe(`${s.subject.slice(5) === '04' ? 'apr' : s.subject.slice(5) === '05' ? 'may' : 'jun'}: record`);
  });

  it('counts a day inside a longer cadence window as covered when the check lists the windows, and as missing otherwise', () => {
    const design = { unit: 'period' as const, noun: 'day', method: 'inspection' as const, procedure: 'inspected the day\'s backup jobs' };
    const weekly = Array.from({ length: 13 }, (_, i) => item(`db|w${String(i).padStart(2, '0')}`, new Date(Date.parse('2026-04-01T00:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10)));
    const windows = custom({ frequency: 'daily', audit: { ...design, windows: true } });
    const covered = audit(windows, result(windows, weekly));
    expect(covered).toMatchObject({ population: 91, deviations: 0, rule: 'no-exceptions' });
    expect(covered.sampled.find((s) => s.trace[0].label === 'covered by an earlier window')).toBeDefined();
    const plain = custom({ frequency: 'daily', audit: design });
    const missing = audit(plain, result(plain, weekly));
    expect(missing.deviations).toBe(91 - 13);
    expect(missing.exceptions.every((e) => e.rule === 'occurrence.missing')).toBe(true);
    // Nothing runs before the first window: the days before it stay missing.
    expect(audit(windows, result(windows, weekly.slice(1))).exceptions.map((e) => e.unit)).toEqual(['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06', '2026-04-07']);
  });

  it('reads the occurrences of the sampled periods only: a daily control over millions of spilled items never holds every trace', () => {
    const daily = custom({ frequency: 'daily' });
    // An item as the audit's spill keeper holds it: its trace is read back on demand.
    const read = new Set<string>();
    const spilled = (id: string, at: string): PopulationItem => {
      const whole = item(id, at);
      return { id, subject: id, at, get trace() { read.add(id); return whole.trace; } };
    };
    const days = windowPeriods('day', window);
    const items = days.flatMap((d) => [spilled(`${d.id}|a`, d.from), spilled(`${d.id}|b`, d.from)]);
    const c = audit(daily, result(daily, items));
    expect(c.population).toBe(91);
    expect(c.sampled.length).toBeGreaterThan(0);
    expect(c.sampled.length).toBeLessThan(91);
    // Exactly the sampled days' occurrences were read, and their traces are whole.
    expect([...read].sort()).toEqual(c.sampled.flatMap((s) => [`${s.id}|a`, `${s.id}|b`]).sort());
    for (const s of c.sampled) expect(s.trace.map((t) => t.label)).toEqual([`${s.id}|a: record`, `${s.id}|b: record`]);
    expect(Object.keys(c.sampled[0])).toEqual(['id', 'subject', 'at', 'trace', 'deviations']);
  });

  it('puts an undated finding of a periodic check in the last period instead of counting it as one more deviation', () => {
    const r = result(monthly, [item('apr', '2026-04-03'), item('may', '2026-05-03')]);
    r.status = 'exception';
    r.exceptions.push({ rule: 'probe.missing', subject: 'store', detail: 'No probe collected up to 2026-06-30.', citations: [] });
    const c = audit(monthly, r);
    expect(c.exceptions.map((e) => [e.unit, e.rule])).toEqual([['2026-06', 'occurrence.missing'], ['2026-06', 'probe.missing']]);
    expect(c).toMatchObject({ deviations: 1, rule: 'low-frequency', conclusion: 'not_effective' });
    expect(c.result).toContain('1 deviation in all; 2 exceptions are listed');
  });

  it('leaves out a period still running at the end of the window with nothing in it yet; a period that ended without occurrence deviates', () => {
    const quarterly = custom({ frequency: 'quarterly' });
    // Window 1 September to 28 February: Q1 2026 runs to 31 March, so its review is not due yet.
    const winter = { from: '2025-09-01', to: '2026-02-28' };
    const run = (items: PopulationItem[]) => runAudit({ auditId: 'a1', period: winter, controls: [quarterly], results: [result(quarterly, items)] }).controls[0];
    const compliant = run([item('q3', '2025-09-26'), item('q4', '2025-12-12')]);
    expect(compliant).toMatchObject({ population: 2, deviations: 0, rule: 'no-exceptions', conclusion: 'effective' });
    expect(compliant.populationQuery).toContain('2026-Q1 still running on 2026-02-28 with no occurrence yet: not due, left out');
    // An early Q1 review is tested with its quarter.
    expect(run([item('q3', '2025-09-26'), item('q4', '2025-12-12'), item('q1', '2026-02-20')])).toMatchObject({ population: 3, deviations: 0 });
    // Q4 ended on 31 December without a review: a deviation.
    const failing = run([item('q3', '2025-09-26')]);
    expect(failing.exceptions.map((e) => [e.unit, e.rule])).toEqual([['2025-Q4', 'occurrence.missing']]);
    // The evidence date cuts the same way when the audit runs before the window ends.
    const early = runAudit({ auditId: 'a1', period: { from: '2026-04-01', to: '2026-09-30' }, asOf: '2026-08-15', controls: [quarterly], results: [result(quarterly, [item('q2', '2026-06-20')])] }).controls[0];
    expect(early).toMatchObject({ population: 1, deviations: 0 });
    // A window inside one running quarter: nothing was due yet, so the control did not occur.
    const inside = runAudit({ auditId: 'a1', period: { from: '2026-04-01', to: '2026-05-31' }, controls: [quarterly], results: [result(quarterly, [item('x', '2026-03-20')])] }).controls[0];
    expect(inside).toMatchObject({ population: 0, rule: 'no-occurrence', conclusion: 'did_not_occur' });
  });

  it('records a periodic control with no occurrence at all as did not occur, not as three missing months', () => {
    const c = audit(monthly, result(monthly, []));
    expect(c).toMatchObject({ conclusion: 'did_not_occur', rule: 'no-occurrence', population: 0, deviations: 0 });
  });

  it('samples per item, not per period, where the catalog says the control is tested per item', () => {
    const vendors = byCheck('vendor.review');
    const items = Array.from({ length: 14 }, (_, i) => item(`vendor-${i}`, '2026-05-01'));
    const c = audit(vendors, result(vendors, items));
    expect(c.unit).toEqual({ kind: 'item', noun: 'critical vendor', plural: 'critical vendors' });
    expect(c.sampleSize).toBe(14);
    expect(c.testPerformed).toMatch(/^Inspection of 14 of 14 critical vendors/);
  });
});

describe('deviation rules', () => {
  const many = (n: number, month = '2026-05') => Array.from({ length: n }, (_, i) => item(`e-${String(i).padStart(3, '0')}`, `${month}-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`));

  it('never isolates a deviation of an automated or zero-tolerance control; the same deviation elsewhere is isolated', () => {
    const items = many(10);
    for (const over of [{ automated: true }, { zeroTolerance: true }]) {
      const c = audit(custom(over), result(custom(over), items, { 'e-003': 'x.bad' }));
      expect(c).toMatchObject({ rule: 'zero-tolerance', classification: 'zero_tolerance', conclusion: 'not_effective' });
    }
    expect(audit(custom({}), result(custom({}), items, { 'e-003': 'x.bad' }))).toMatchObject({ rule: 'single-deviation', classification: 'isolated', conclusion: 'effective_with_exceptions' });
  });

  it('treats a direct push to production as zero tolerance inside the change control, a missing ticket not', () => {
    const changes = byCheck('change.review-approval');
    expect(changes.zeroToleranceRules).toContain('change.direct_push');
    const items = many(30);
    const push = audit(changes, result(changes, items, { 'e-007': 'change.direct_push' }));
    expect(push).toMatchObject({ rule: 'zero-tolerance', ruleReason: `change.direct_push is a zero-tolerance kind of deviation in ${changes.id}` });
    expect(push.summary).toContain('Change.direct_push is a zero-tolerance kind of deviation');
    const ticket = audit(changes, result(changes, items, { 'e-007': 'change.no_ticket' }));
    expect(ticket.rule).not.toBe('zero-tolerance');
    expect(ticket.ruleReason).toBeNull();
    expect(audit(custom({ automated: true }), result(custom({ automated: true }), items, { 'e-007': 'x.bad' })).ruleReason).toBe('TST-01 is an automated control: a system enforces it the same way every time');
    // Personal data left in a prompt log: AGT-18 is zero tolerance (and automated); the reason names the stricter kind.
    const redaction = builtInControls.find((c) => c.id === 'AGT-18')!;
    expect(audit(redaction, result(redaction, items, { 'e-007': 'pii.high_risk' })).ruleReason).toBe('AGT-18 is a zero-tolerance control: it admits no deviation');
  });

  it('never calls one missed quarter or month isolated; one missed week of 26 is (the look-alike beside it)', () => {
    const half = { from: '2026-04-01', to: '2026-09-30' };
    const run = (control: Control, items: PopulationItem[]) => runAudit({ auditId: 'a1', period: half, controls: [control], results: [result(control, items)] }).controls[0];
    const quarterly = custom({ frequency: 'quarterly' });
    const q = run(quarterly, [item('q2', '2026-06-20')]);
    expect(q).toMatchObject({ deviations: 1, rule: 'low-frequency', classification: 'low_frequency', conclusion: 'not_effective', extension: null });
    expect(q.ruleReason).toBe('TST-01 is tested per quarter, 2 quarters in the window: a sample that tolerates no deviation');
    const monthly = custom({ frequency: 'monthly' });
    const months = ['04', '05', '06', '07', '09'].map((m) => item(`m${m}`, `2026-${m}-10`));
    expect(run(monthly, months)).toMatchObject({ deviations: 1, rule: 'low-frequency', conclusion: 'not_effective', extension: null });
    const annual = custom({ frequency: 'annual' });
    expect(run(annual, [item('y', '2026-05-10')])).toMatchObject({ rule: 'no-exceptions' });
    const weekly = custom({ frequency: 'weekly' });
    const weeks = windowPeriods('week', half).filter((_, i) => i !== 10).map((w) => item(w.id, w.from));
    const w = run(weekly, weeks);
    expect(w.population).toBe(27);
    expect(w).toMatchObject({ deviations: 1, classification: 'isolated', conclusion: 'effective_with_exceptions' });
    expect(['single-extended', 'single-deviation']).toContain(w.rule);
  });

  it('extends a sample with one deviation from the same seed, tests the extension and reports both', () => {
    const control = custom({});
    const items = many(200);
    const ids = items.map((i) => i.id);
    const seed = sampleSeed('a1', control.id, ids);
    const order = selectSample(ids, 50, seed);
    const one = audit(control, result(control, items, { [order[0]]: 'x.bad' }));
    expect(one.sampleSize).toBe(25);
    expect(one.extension?.size).toBe(25);
    expect(one.extension?.sampled.map((s) => s.id)).toEqual(order.slice(25));
    expect(one).toMatchObject({ rule: 'single-extended', conclusion: 'effective_with_exceptions', sampleDeviations: 1 });
    expect(one.result).toBe('Exception noted: 1 of 25 sampled occurrences deviated; 0 of 25 in the extension — 1 deviation in all.');
    // A second deviation in the extension, same month: more than one.
    const two = audit(control, result(control, items, { [order[0]]: 'x.bad', [order[30]]: 'x.bad' }));
    expect(two.extension?.deviations).toBe(1);
    expect(two).toMatchObject({ rule: 'more-than-one', conclusion: 'not_effective' });
    expect(two.exceptions.map((e) => e.foundIn).sort()).toEqual(['extension', 'sample']);
  });

  it('does not extend when one deviation is zero-tolerance, or when every unit was already tested', () => {
    const items = many(200);
    const zero = custom({ zeroTolerance: true });
    const first = selectSample(items.map((i) => i.id), 1, sampleSeed('a1', zero.id, items.map((i) => i.id)))[0];
    expect(audit(zero, result(zero, items, { [first]: 'x.bad' })).extension).toBeNull();
    expect(audit(custom({}), result(custom({}), many(12), { 'e-001': 'x.bad' })).extension).toBeNull();
  });

  it('calls deviations in two different months recurring, two in one month more than one', () => {
    const control = custom({});
    const items = [...many(5, '2026-04'), ...many(5, '2026-05').map((i) => ({ ...i, id: `m-${i.id}`, subject: `m-${i.id}` }))];
    expect(audit(control, result(control, items, { 'e-000': 'x.bad', 'm-e-000': 'x.bad' }))).toMatchObject({ rule: 'recurring', classification: 'systematic' });
    expect(audit(control, result(control, items, { 'e-000': 'x.bad', 'e-001': 'x.bad' }))).toMatchObject({ rule: 'more-than-one', classification: 'multiple' });
  });

  it('keeps the counts of the result sentence equal to the exception list', () => {
    const control = custom({});
    const items = many(80);
    const c = audit(control, result(control, items, Object.fromEntries(items.filter((_, i) => i % 8 === 0).map((i) => [i.id, 'x.bad']))));
    const counted = [...c.result.matchAll(/(\d+) (?:of \d+ sampled occurrences deviated|more occurrences outside the sample deviated|of \d+ in the extension)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(counted).toBe(c.deviations);
    expect(c.exceptions).toHaveLength(10);
    expect(c.result).toContain('— 10 deviations in all');
  });

  it('names the rule of every conclusion, orders the rules as written, and prints management\'s response', () => {
    expect(evaluateDeviations({ deviations: 3, zeroTolerance: true, periods: 3, extended: false }).rule).toBe('zero-tolerance');
    expect(evaluateDeviations({ deviations: 1, zeroTolerance: false, periods: 1, extended: true }).rule).toBe('single-extended');
    const control = custom({});
    const c = audit(control, result(control, many(5), { 'e-002': 'x.bad' }), { responses: { 'TST-01': 'Fixed on 12 May; the fix does not erase the deviation.' } });
    expect(c.managementResponse).toBe('Fixed on 12 May; the fix does not erase the deviation.');
    expect(c.summary).toMatch(/\(rule single-deviation\)$/);
  });

  it('words an empty population the check flagged for lack of a verdict as did not occur, with the check\'s note', () => {
    const control = custom({});
    const note = 'Nothing to test from 2026-04-01 to 2026-06-30: the population (records in the window) is empty.';
    const c = audit(control, { ...result(control, []), status: 'insufficient_evidence', notes: [note] });
    expect(c).toMatchObject({ conclusion: 'did_not_occur', rule: 'no-occurrence', deviations: 0 });
    expect(c.result).toBe('Did not occur: no occurrence in the window in the collected evidence. The circumstances that warrant the operation of the control did not occur during the period, so its operating effectiveness could not be tested.');
    expect(c.summary).toContain(note);
  });

  it('words missing evidence as no evidence, not as a failed control', () => {
    const control = custom({});
    const c = audit(control, { ...result(control, []), populationQuery: undefined, status: 'insufficient_evidence', notes: ['No person records collected; add a source that provides them.'] });
    expect(c).toMatchObject({ conclusion: 'insufficient_evidence', rule: 'no-evidence' });
    expect(c.result).toBe('Not tested: no evidence. No person records collected; add a source that provides them.');
  });
});
