import { describe, expect, it } from 'vitest';
import { modelChangeCheck } from './model-change-check.js';
import { change, contextOf, evalRun, observation } from './governance-test-support.js';

const run = (...args: Parameters<typeof contextOf>) => modelChangeCheck.run(contextOf(...args));
const rules = (out: ReturnType<typeof run>) => out.exceptions.map((e) => [e.rule, e.subject]);
const FIRST = '2026-05-10T16:00:00.000Z';

describe('agent.model-change', () => {
  it('passes a declared, approved change whose passing eval finished before first production use', () => {
    const out = run([observation('gpt-4.1', FIRST), change('1', 'gpt-4.1', '2026-05-10T15:00:00.000Z', { evalIds: ['ev-1'] }), evalRun('ev-1', 'gpt-4.1', '2026-05-09T12:00:00.000Z')]);
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.subject)).toEqual(['gpt-4.1']);
    expect(out.items[0].trace.map((t) => t.label)).toEqual(['first production use', 'declared change in force', 'eval run']);
  });

  it('flags an eval that finished one minute after first production use', () => {
    const out = run([observation('gpt-4.1', FIRST), change('1', 'gpt-4.1', '2026-05-10T15:00:00.000Z'), evalRun('ev-1', 'gpt-4.1', '2026-05-10T16:01:00.000Z')]);
    expect(rules(out)).toEqual([['modelchange.eval_late', 'gpt-4.1']]);
    expect(out.exceptions[0].detail).toMatch(/1 minute\(s\) after/);
  });

  it('an eval finishing exactly at first use is late; one a millisecond earlier is in time', () => {
    expect(rules(run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z'), evalRun('e', 'm', FIRST)]))).toEqual([['modelchange.eval_late', 'm']]);
    expect(rules(run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z'), evalRun('e', 'm', '2026-05-10T15:59:59.999Z')]))).toEqual([]);
  });

  it('judges an eval the source gave no verdict for by its threshold; one it cannot judge does not pass', () => {
    const judged = evalRun('e', 'm', '2026-05-01T00:00:00.000Z', { passed: undefined });
    expect(rules(run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z'), judged]))).toEqual([]);
    const unjudged = evalRun('e', 'm', '2026-05-01T00:00:00.000Z', { passed: undefined, threshold: undefined });
    const out = run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z'), unjudged]);
    expect(rules(out)).toEqual([['modelchange.eval_failed', 'm']]);
    expect(out.exceptions[0].detail).toMatch(/e: it cannot be judged: score 0\.9 with no threshold, no stated result/);
  });

  it('flags missing ticket, self-approval, missing approver, failed and missing evals', () => {
    expect(rules(run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z', { ticket: undefined, approvedBy: 'Ana@example.com' }), evalRun('e', 'm', '2026-05-01T00:00:00.000Z')])))
      .toEqual([['modelchange.no_ticket', 'm'], ['modelchange.self_approved', 'm']]);
    expect(rules(run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z', { approvedBy: undefined }), evalRun('e', 'm', '2026-05-01T00:00:00.000Z', { score: 0.7 })])))
      .toEqual([['modelchange.unapproved', 'm'], ['modelchange.eval_failed', 'm']]);
    const stated = run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z'), evalRun('e', 'm', '2026-05-01T00:00:00.000Z', { score: 0.7, passed: true })]);
    expect(rules(stated)).toEqual([['modelchange.eval_failed', 'm']]);
    expect(stated.exceptions[0].detail).toMatch(/score 0\.7 is below the threshold 0\.8, although the source states it passed/);
    const listed = run([observation('m', FIRST), change('1', 'm', '2026-05-01T00:00:00.000Z', { evalIds: ['ev-9'] }), evalRun('ev-9', 'other-model', '2026-05-01T00:00:00.000Z')]);
    expect(rules(listed)).toEqual([['modelchange.no_eval', 'm']]);
    expect(listed.exceptions[0].detail).toMatch(/ev-9 ran on other-model/);
  });

  it('a model served with no declared change is undeclared; one differing from the declared model in force is a silent swap', () => {
    expect(rules(run([observation('m', FIRST)]))).toEqual([['modelchange.undeclared', 'm']]);
    const swap = run([observation('gpt-4.1-mini', FIRST), change('1', 'gpt-4.1', '2026-05-01T00:00:00.000Z')]);
    expect(rules(swap)).toEqual([['modelchange.silent_swap', 'gpt-4.1-mini']]);
    expect(swap.exceptions[0].detail).toMatch(/declared model\(s\) in force were gpt-4.1 \(1\)/);
  });

  it('a dated snapshot is covered by a declared alias, or by prefix only when aliasPrefixMatch is on', () => {
    const ev = evalRun('e', 'gpt-4.1', '2026-05-01T00:00:00.000Z');
    const obs = observation('gpt-4.1-2025-04-14', FIRST, { requestedModel: 'gpt-4.1' });
    expect(rules(run([obs, change('1', 'gpt-4.1', '2026-05-01T00:00:00.000Z'), ev]))).toEqual([['modelchange.silent_swap', 'gpt-4.1-2025-04-14']]);
    expect(rules(run([obs, change('1', 'gpt-4.1', '2026-05-01T00:00:00.000Z', { toAliases: ['gpt-4.1-2025-04-14'] }), ev]))).toEqual([]);
    expect(rules(run([obs, change('1', 'gpt-4.1', '2026-05-01T00:00:00.000Z'), ev], { aliasPrefixMatch: true }))).toEqual([]);
  });

  it('a model still served a day after a change replaced it (fromModel) is a silent swap; staging is not tested', () => {
    const out = run([
      observation('a', '2026-04-05T00:00:00.000Z', { lastSeenAt: '2026-06-10T00:00:00.000Z' }), observation('b', '2026-06-01T01:00:00.000Z'),
      change('1', 'a', '2026-04-01T00:00:00.000Z'), change('2', 'b', '2026-06-01T00:00:00.000Z', { fromModel: 'a' }),
      evalRun('ea', 'a', '2026-03-30T00:00:00.000Z'), evalRun('eb', 'b', '2026-05-30T00:00:00.000Z'),
      observation('c', FIRST, { environment: 'staging' }),
    ]);
    expect(rules(out)).toEqual([['modelchange.silent_swap', 'a']]);
    expect(out.items).toHaveLength(2);
  });

  it('several models in force at once: a second route is no swap; a model no change introduced is', () => {
    const base = [
      observation('big', '2026-04-05T00:00:00.000Z'), observation('small', '2026-05-02T00:00:00.000Z'),
      change('1', 'big', '2026-04-01T00:00:00.000Z'), evalRun('eb', 'big', '2026-03-30T00:00:00.000Z'),
      evalRun('es', 'small', '2026-04-30T00:00:00.000Z'),
    ];
    // A change that adds a fallback route (no fromModel) keeps the first model in force.
    expect(rules(run([...base, change('2', 'small', '2026-05-01T00:00:00.000Z')]))).toEqual([]);
    // The same second model without any change introducing it is a silent swap.
    expect(rules(run(base))).toEqual([['modelchange.silent_swap', 'small']]);
  });

  it('a model declared before the window and still in force is no swap, and its uncollected gate eval is not missing; inside the window it is', () => {
    const before = change('0', 'old', '2025-11-01T00:00:00.000Z');
    const obs = observation('old', '2026-04-02T00:00:00.000Z');
    const out = run([obs, before]);
    expect(rules(out)).toEqual([]);
    expect(out.items[0].trace.map((t) => t.label)).toEqual(['first production use', 'declared change in force', 'declared before the period', 'eval not collected']);
    expect(rules(run([obs, { ...before, at: '2026-04-01T12:00:00.000Z' }]))).toEqual([['modelchange.no_eval', 'old']]);
    // Its approval is still evidence on record: a self-approved change in force is an exception whenever it was made.
    expect(rules(run([obs, { ...before, approvedBy: 'ana@example.com' }]))).toEqual([['modelchange.self_approved', 'old']]);
  });
});
