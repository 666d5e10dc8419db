import { describe, expect, it } from 'vitest';
import { evalCoverageCheck } from './eval-coverage-check.js';
import { change, contextOf, evalRun, observation } from './governance-test-support.js';

const run = (...args: Parameters<typeof contextOf>) => evalCoverageCheck.run(contextOf(...args));
const rules = (out: ReturnType<typeof run>) => out.exceptions.map((e) => [e.rule, e.subject]);
const monthly = (model: string, extra = {}) => ['2026-03-28', '2026-04-25', '2026-05-22', '2026-06-19', '2026-07-17', '2026-08-14', '2026-09-11'].map((d, i) => evalRun(`${model}-${i}`, model, `${d}T18:00:00.000Z`, extra));

describe('agent.eval-coverage', () => {
  const obs = observation('gpt-4.1', '2026-04-01T10:00:00.000Z');

  it('passes monthly held-out runs that passed', () => {
    expect(run([obs, ...monthly('gpt-4.1')]).exceptions).toEqual([]);
  });

  it('reports no runs, and runs not on a held-out set', () => {
    expect(rules(run([obs]))).toEqual([['eval.missing', 'gpt-4.1']]);
    expect(rules(run([obs, ...monthly('gpt-4.1', { heldOut: false })]))).toEqual([['eval.not_held_out', 'gpt-4.1']]);
  });

  it('reports a gap longer than the cadence while serving, and a failed latest run', () => {
    const runs = monthly('gpt-4.1').filter((_, i) => i !== 3);
    const out = run([obs, ...runs]);
    expect(rules(out)).toEqual([['eval.stale', 'gpt-4.1']]);
    expect(out.exceptions[0].detail).toMatch(/55 days \(2026-05-22 to 2026-07-16\)|56 days/);
    const failed = monthly('gpt-4.1');
    failed[failed.length - 1] = evalRun('last', 'gpt-4.1', '2026-09-11T18:00:00.000Z', { score: 0.5 });
    expect(rules(run([obs, ...failed]))).toEqual([['eval.failed', 'gpt-4.1']]);
    expect(run([obs, ...runs], { cadenceDays: 60 }).exceptions).toEqual([]);
  });

  it('judges the latest run by its threshold when the source states no verdict; one it cannot judge counts as not passing', () => {
    const runs = monthly('gpt-4.1', { passed: undefined });
    expect(run([obs, ...runs]).exceptions).toEqual([]);
    runs[runs.length - 1] = evalRun('last', 'gpt-4.1', '2026-09-11T18:00:00.000Z', { passed: undefined, threshold: undefined });
    const out = run([obs, ...runs]);
    expect(rules(out)).toEqual([['eval.failed', 'gpt-4.1']]);
    expect(out.exceptions[0].detail).toMatch(/last, does not count as passing: it cannot be judged: score 0\.9 with no threshold/);
    runs[runs.length - 1] = evalRun('last', 'gpt-4.1', '2026-09-11T18:00:00.000Z', { score: 0.5, passed: true });
    expect(run([obs, ...runs]).exceptions[0].detail).toMatch(/failed: score 0\.5 is below the threshold 0\.8, although the source states it passed/);
  });

  it('stops counting when the model left production, and counts evals of the declared name for an alias', () => {
    const retired = observation('old', '2026-04-01T10:00:00.000Z', { lastSeenAt: '2026-04-20T00:00:00.000Z' });
    expect(run([retired, evalRun('e', 'old', '2026-03-30T00:00:00.000Z')]).exceptions).toEqual([]);
    const snap = observation('gpt-4.1-2025-04-14', '2026-04-01T10:00:00.000Z');
    expect(run([snap, change('1', 'gpt-4.1', '2026-03-01T00:00:00.000Z', { toAliases: ['gpt-4.1-2025-04-14'] }), ...monthly('gpt-4.1')]).exceptions).toEqual([]);
  });

  it('a dataset the workspace names as held out counts under the organization\'s own name; another dataset does not', () => {
    const runs = monthly('gpt-4.1', { heldOut: undefined, dataset: 'Golden-Set-Q3' });
    expect(run([obs, ...runs], {}, { agent: { heldOutDatasets: ['golden-set-q3'] } }).exceptions).toEqual([]);
    expect(rules(run([obs, ...runs], {}, { agent: { heldOutDatasets: ['regression-suite'] } }))).toEqual([['eval.not_held_out', 'gpt-4.1']]);
  });

  it('monthly in calendar terms: one held-out run in each calendar month it served, however far apart; a month without one is stale', () => {
    const at = (days: string[]) => days.map((d, i) => evalRun(`m-${i}`, 'gpt-4.1', `${d}T18:00:00.000Z`));
    // 1 April, 31 May, 30 June…: 60 days apart, but every calendar month has its run.
    const spread = at(['2026-04-01', '2026-05-31', '2026-06-30', '2026-07-01', '2026-08-31', '2026-09-01']);
    expect(run([obs, ...spread], { cadence: 'monthly' }).exceptions).toEqual([]);
    // The same runs against a rolling 30-day window (a workspace override of cadenceDays wins over the catalog's month).
    expect(rules(run([obs, ...spread], { cadence: 'monthly', cadenceDays: 30 }))).toEqual([['eval.stale', 'gpt-4.1']]);
    // 28 April and 2 June are 35 days apart, and May has none.
    const out = run([obs, ...at(['2026-03-30', '2026-04-28', '2026-06-02', '2026-07-02', '2026-08-03', '2026-09-02'])], { cadence: 'monthly' });
    expect(rules(out)).toEqual([['eval.stale', 'gpt-4.1']]);
    expect(out.exceptions[0].detail).toMatch(/2026-05 \(2026-05-01 to 2026-05-31/);
  });
});
