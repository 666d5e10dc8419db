import { describe, expect, it } from 'vitest';
import { builtInControls } from '../catalog/catalog.js';
import type { CheckRun, ControlResult } from '../checks/run-checks.js';
import { exceptionId, summarizeRun } from './run-summary.js';

const ACC = builtInControls.find((c) => c.category === 'access') as (typeof builtInControls)[number];
const CHG = builtInControls.find((c) => c.category === 'change') as (typeof builtInControls)[number];
const exc = (subject: string, rule = 'late') => ({ rule, subject, detail: `${subject} ${rule}`, citations: [] });
const result = (control: string, status: ControlResult['status'], exceptions: ControlResult['exceptions'] = []): ControlResult =>
  ({ control, title: `title of ${control}`, check: null, status, population: 4, exceptions, items: [], notes: [] });
const run = (results: ControlResult[]): CheckRun => ({ period: { from: '2026-04-01', to: '2026-06-30' }, asOf: '2026-06-30', results });

describe('summarizeRun', () => {
  it('keeps per control its status, category, criteria, owner and exception ids, and counts per category and criterion', () => {
    const s = summarizeRun(run([result(ACC.id, 'exception', [exc('ann@x.io'), exc('bob@x.io')]), result(CHG.id, 'pass')]), builtInControls);
    expect(s.asOf).toBe('2026-06-30');
    expect(s.controls[0]).toMatchObject({ id: ACC.id, category: 'access', criteria: ACC.criteria, ownerRole: ACC.ownerRole, status: 'exception' });
    expect(s.controls[0].exceptionIds).toHaveLength(2);
    expect(s.controls[1]).toMatchObject({ id: CHG.id, status: 'pass', exceptionIds: [] });
    expect(s.totals).toEqual({ controls: 2, pass: 1, exception: 1, insufficient_evidence: 0, not_tested: 0, exceptions: 2 });
    expect(s.byCategory.access).toMatchObject({ controls: 1, exception: 1, exceptions: 2 });
    expect(s.byCategory.change).toMatchObject({ controls: 1, pass: 1, exceptions: 0 });
    for (const k of ACC.criteria) expect(s.byCriterion[k].exception).toBeGreaterThanOrEqual(1);
    // No overdue-request facts given: the summary does not invent zeros.
    expect(s.totals.requestsOverdue).toBeUndefined();
  });

  it('gives the same deviation the same id in every run, and a different deviation a different one', () => {
    const a = summarizeRun(run([result(ACC.id, 'exception', [exc('ann@x.io')])]), builtInControls);
    const b = summarizeRun({ ...run([result(ACC.id, 'exception', [{ ...exc('ann@x.io'), detail: 'worded differently' }])]), asOf: '2026-07-31' }, builtInControls);
    const other = summarizeRun(run([result(ACC.id, 'exception', [exc('ann@x.io', 'missing')])]), builtInControls);
    expect(b.controls[0].exceptionIds).toEqual(a.controls[0].exceptionIds);
    expect(other.controls[0].exceptionIds).not.toEqual(a.controls[0].exceptionIds);
    expect(exceptionId(ACC.id, exc('ann@x.io'))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('counts overdue evidence requests per control when the workspace knows them', () => {
    const s = summarizeRun(run([result(ACC.id, 'not_tested'), result(CHG.id, 'not_tested')]), builtInControls, { requestsOverdue: new Map([[ACC.id, 2]]) });
    expect(s.controls.map((c) => c.requestsOverdue)).toEqual([2, 0]);
    expect(s.totals.requestsOverdue).toBe(2);
    expect(s.byCategory.access.requestsOverdue).toBe(2);
    expect(s.byCategory.change.requestsOverdue).toBe(0);
  });

  it('keeps a result whose control is not in the list, described as unknown', () => {
    const s = summarizeRun(run([result('ZZZ-01', 'pass')]), builtInControls);
    expect(s.controls[0]).toMatchObject({ category: 'unknown', ownerRole: 'unknown', criteria: [] });
    expect(s.byCategory.unknown.pass).toBe(1);
  });
});
