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

  it('stops counting when the model left production, and counts evals of the declared name for an alias', () => {
    const retired = observation('old', '2026-04-01T10:00:00.000Z', { lastSeenAt: '2026-04-20T00:00:00.000Z' });
    expect(run([retired, evalRun('e', 'old', '2026-03-30T00:00:00.000Z')]).exceptions).toEqual([]);
    const snap = observation('gpt-4.1-2025-04-14', '2026-04-01T10:00:00.000Z');
    expect(run([snap, change('1', 'gpt-4.1', '2026-03-01T00:00:00.000Z', { toAliases: ['gpt-4.1-2025-04-14'] }), ...monthly('gpt-4.1')]).exceptions).toEqual([]);
  });
});
