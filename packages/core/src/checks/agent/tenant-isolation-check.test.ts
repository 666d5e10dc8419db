import { describe, expect, it } from 'vitest';
import { tenantIsolationCheck } from './tenant-isolation-check.js';
import { contextOf, probe, retrieval } from './governance-test-support.js';

const run = (...args: Parameters<typeof contextOf>) => tenantIsolationCheck.run(contextOf(...args));
const rules = (out: ReturnType<typeof run>) => out.exceptions.map((e) => [e.rule, e.subject]);
// A passing probe in each calendar month from April to August (the tests add September's).
const earlier = ['04-14', '05-13', '06-12', '07-13', '08-12'].map((d) => probe(`m-${d}`, `2026-${d}T16:00:00.000Z`));

describe('agent.tenant-isolation', () => {
  it('passes with a passing probe within 30 days of the evidence date', () => {
    expect(run([...earlier, probe('p1', '2026-09-01T10:00:00.000Z')]).exceptions).toEqual([]);
  });

  it('reports a missing probe, and a stale one (31 days) by store', () => {
    expect(rules(run([]))).toEqual([['isolation.probe_missing', 'isolation probe']]);
    const noSeptember = [...earlier, probe('p1', '2026-08-30T10:00:00.000Z')];
    expect(rules(run(noSeptember))).toEqual([['isolation.probe_missed', 'support-memory 2026-09'], ['isolation.probe_stale', 'support-memory']]);
    expect(rules(run(noSeptember, { maxProbeAgeDays: 31 }))).toEqual([['isolation.probe_missed', 'support-memory 2026-09']]);
  });

  it('needs a probe run in every calendar month in the workspace zone, not only a recent one', () => {
    const september = probe('p9', '2026-09-20T10:00:00.000Z');
    const noJuly = earlier.filter((p) => !p.at.startsWith('2026-07'));
    const out = run([...noJuly, september]);
    expect(rules(out)).toEqual([['isolation.probe_missed', 'support-memory 2026-07']]);
    expect(out.exceptions[0].detail).toContain('the previous run was on 2026-06-12');
    // The look-alike: 23:30 on 31 July in Los Angeles is 1 August in UTC, and still July's probe.
    expect(run([...noJuly, probe('late-july', '2026-08-01T06:30:00.000Z'), september]).exceptions).toEqual([]);
    // A month not over by the evidence date is not due yet.
    expect(tenantIsolationCheck.run({ ...contextOf(noJuly.slice(0, 3)), asOf: '2026-06-20' }).exceptions).toEqual([]);
  });

  it('reports a failed run in the period citing its leaked attempt, even when a later run passed', () => {
    const out = run([...earlier, probe('p1', '2026-07-01T10:00:00.000Z', true), probe('p2', '2026-09-20T10:00:00.000Z')]);
    expect(rules(out)).toEqual([['isolation.probe_failed', 'p1']]);
    expect(out.exceptions[0].citations).toEqual([{ source: 'probe', artifact: 'b'.repeat(64), locator: '/attempts/1' }]);
    expect(out.exceptions[0].detail).toMatch(/get as a on b's canary/);
  });

  it('judges a run from its attempts: a stated pass does not hide a leak, and a tenantless request must fail closed', () => {
    // A passing run earlier in September keeps the latest pass fresh: only the run under test is judged.
    const passedEarly = [...earlier, probe('m-09-05', '2026-09-05T16:00:00.000Z')];
    const edited = run([...passedEarly, probe('p1', '2026-09-20T10:00:00.000Z', true, { passed: true, leaks: 0 })]);
    expect(rules(edited)).toEqual([['isolation.probe_failed', 'p1']]);
    expect(edited.exceptions[0].detail).toMatch(/The run file states it passed with 0 leak\(s\), but its attempts show otherwise/);
    const clean = probe('p2', '2026-09-20T10:00:00.000Z', false, { passed: undefined, leaks: undefined });
    expect(run([...passedEarly, clean]).exceptions).toEqual([]);
    // Row-level security answers a tenantless query with no rows: that is failing closed.
    const rls = probe('p3', '2026-09-20T10:00:00.000Z');
    rls.attempts = rls.attempts.map((a) => (a.op === 'no_tenant' ? { ...a, outcome: 'empty' as const } : a));
    expect(run([...passedEarly, rls]).exceptions).toEqual([]);
    const broken = probe('p4', '2026-09-20T10:00:00.000Z');
    broken.attempts = broken.attempts.map((a) => (a.op === 'no_tenant' ? { ...a, outcome: 'error' as const } : a));
    const out = run([...passedEarly, broken]);
    expect(rules(out)).toEqual([['isolation.probe_failed', 'p4']]);
    expect(out.exceptions[0].detail).toMatch(/the request without tenant context did not fail closed \(error\)/);
  });

  it('reports each retrieval span that crossed tenants by span id', () => {
    const out = run([...earlier, probe('p', '2026-09-20T10:00:00.000Z'), retrieval('s1', '2026-06-01T10:00:00.000Z'), retrieval('s2', '2026-06-01T10:00:00.000Z', { crossTenant: false })]);
    expect(rules(out)).toEqual([['isolation.runtime_leak', 's1']]);
    expect(out.exceptions[0].detail).toMatch(/globex/);
  });
});
