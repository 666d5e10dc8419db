import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../checks/check.js';
import type { ControlSummary, RunSummary } from './run-summary.js';
import { emptyCounts, addToCounts } from './run-summary.js';
import { matchesSearch, trendFacets, trendSeries } from './trend-series.js';
import type { SummaryPoint } from './trend-series.js';

const control = (id: string, status: CheckStatus, exceptionIds: string[] = [], o: Partial<ControlSummary> = {}): ControlSummary =>
  ({ id, title: `Title ${id}`, category: id.startsWith('ACC') ? 'access' : 'change', criteria: id.startsWith('ACC') ? ['CC6.1', 'CC6.2'] : ['CC8.1'], ownerRole: id.startsWith('ACC') ? 'it' : 'engineering', status, exceptionIds, ...o });
const point = (runId: number, asOf: string, controls: ControlSummary[], overdue?: number): SummaryPoint => {
  const totals = emptyCounts();
  for (const c of controls) addToCounts(totals, c);
  if (overdue !== undefined) totals.requestsOverdue = overdue;
  const summary: RunSummary = { version: 1, period: { from: '2026-04-01', to: asOf }, asOf, totals, byCategory: {}, byCriterion: {}, controls };
  return { runId, createdAt: `${asOf}T12:00:00.000Z`, summary };
};

// Three runs, stored out of date order: the third run re-checked an earlier date.
const history = [
  point(1, '2026-05-31', [control('ACC-01', 'exception', ['e1', 'e2']), control('ACC-02', 'pass'), control('CHG-01', 'insufficient_evidence')]),
  point(3, '2026-06-30', [control('ACC-01', 'pass'), control('ACC-02', 'exception', ['e4']), control('CHG-01', 'exception', ['e5'])]),
  point(2, '2026-06-15', [control('ACC-01', 'exception', ['e2', 'e3']), control('ACC-02', 'pass'), control('CHG-01', 'pass')]),
];

describe('trendSeries', () => {
  it('orders runs by evidence date and counts controls by status in each', () => {
    const t = trendSeries(history);
    expect(t.points.map((p) => [p.runId, p.asOf])).toEqual([[1, '2026-05-31'], [2, '2026-06-15'], [3, '2026-06-30']]);
    expect(t.points.map((p) => [p.counts.pass, p.counts.exception, p.counts.insufficient_evidence])).toEqual([[1, 1, 1], [2, 1, 0], [1, 2, 0]]);
  });

  it('counts an exception opened once and closed once; one that stays open is neither', () => {
    const t = trendSeries(history);
    // Run 1: e1, e2 open (first run: all opened). Run 2: e3 opened, e1 closed, e2 stays. Run 3: e4, e5 opened; e2, e3 closed.
    expect(t.points.map((p) => [p.open, p.opened, p.closed])).toEqual([[2, 2, 0], [2, 1, 1], [2, 2, 2]]);
  });

  it('counts the first run of a cut history against the run before it', () => {
    const [first, second, third] = [history[0], history[2], history[1]];
    const t = trendSeries([second, third], {}, { baseline: first });
    expect(t.points.map((p) => [p.runId, p.opened, p.closed])).toEqual([[2, 1, 1], [3, 2, 2]]);
    // The same window without its baseline counts every exception of its first run as opened.
    expect(trendSeries([second, third]).points.map((p) => [p.opened, p.closed])).toEqual([[2, 0], [2, 2]]);
  });

  it('narrows every series to the filtered controls', () => {
    const access = trendSeries(history, { category: 'access' });
    expect(access.controls.map((c) => c.id)).toEqual(['ACC-01', 'ACC-02']);
    expect(access.points.map((p) => p.counts.controls)).toEqual([2, 2, 2]);
    expect(access.points.map((p) => p.opened)).toEqual([2, 1, 1]);
    expect(trendSeries(history, { owner: 'engineering' }).controls.map((c) => c.id)).toEqual(['CHG-01']);
    expect(trendSeries(history, { criterion: 'CC6.2' }).byCriterion.map((g) => g.key)).toEqual(['CC6.1', 'CC6.2']);
    // Status is today's: the history of what fails in the latest run.
    const failing = trendSeries(history, { status: 'exception' });
    expect(failing.controls.map((c) => [c.id, c.statuses])).toEqual([['ACC-02', ['pass', 'pass', 'exception']], ['CHG-01', ['insufficient_evidence', 'pass', 'exception']]]);
    expect(trendSeries(history, { status: 'not_tested' }).points.every((p) => p.counts.controls === 0)).toBe(true);
  });

  it('finds controls by id or by words of the title', () => {
    expect(trendSeries(history, { q: 'chg-01' }).controls.map((c) => c.id)).toEqual(['CHG-01']);
    expect(trendSeries(history, { q: 'title acc' }).controls).toHaveLength(2);
    expect(trendSeries(history, { q: 'nothing like this' }).controls).toHaveLength(0);
    expect(matchesSearch({ id: 'ACC-01', title: 'Leavers deprovisioned on time' }, '  leavers   TIME ')).toBe(true);
    expect(matchesSearch({ id: 'ACC-01', title: 'Leavers deprovisioned on time' }, 'joiners')).toBe(false);
  });

  it('groups counts per category and per criterion, null where a group had no control in a run', () => {
    const later = [...history, point(4, '2026-07-31', [control('ACC-01', 'pass')])];
    const t = trendSeries(later);
    const change = t.byCategory.find((g) => g.key === 'change');
    expect(change?.counts.map((c) => c?.pass ?? null)).toEqual([0, 1, 0, null]);
    expect(t.byCriterion.find((g) => g.key === 'CC6.1')?.counts.map((c) => c?.controls)).toEqual([2, 2, 2, 1]);
    // Criteria in catalog order, not by name: the common criteria before A1, C1 and the rest.
    const mixed = trendSeries([point(5, '2026-08-31', [control('ACC-09', 'pass', [], { criteria: ['C1.1', 'CC7.2', 'A1.2', 'CC10.1'] })])]);
    expect(mixed.byCriterion.map((g) => g.key)).toEqual(['CC7.2', 'A1.2', 'C1.1', 'CC10.1']);
    expect(t.controls.find((c) => c.id === 'CHG-01')?.statuses.at(-1)).toBeNull();
  });

  it('has an overdue-requests series once some run knows it, without a count (not zero) for the runs that do not', () => {
    expect(trendSeries(history).hasRequests).toBe(false);
    const known = [point(7, '2026-07-31', [control('ACC-01', 'pass', [], { requestsOverdue: 2 })], 2), point(8, '2026-08-31', [control('ACC-01', 'pass', [], { requestsOverdue: 0 })], 0)];
    const t = trendSeries([...history, ...known]);
    expect(t.hasRequests).toBe(true);
    expect(t.points.map((p) => p.counts.requestsOverdue)).toEqual([undefined, undefined, undefined, 2, 0]);
  });

  it('offers the latest run’s categories, owners, criteria and statuses as filter choices', () => {
    expect(trendFacets(history)).toEqual({ categories: ['access', 'change'], owners: ['engineering', 'it'], criteria: ['CC6.1', 'CC6.2', 'CC8.1'], statuses: ['exception', 'pass'] });
    expect(trendFacets([])).toEqual({ categories: [], owners: [], criteria: [], statuses: [] });
  });
});
