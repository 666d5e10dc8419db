import { describe, expect, it } from 'vitest';
import { tenantIsolationCheck } from './tenant-isolation-check.js';
import { contextOf, probe, retrieval } from './governance-test-support.js';

const run = (...args: Parameters<typeof contextOf>) => tenantIsolationCheck.run(contextOf(...args));
const rules = (out: ReturnType<typeof run>) => out.exceptions.map((e) => [e.rule, e.subject]);

describe('agent.tenant-isolation', () => {
  it('passes with a passing probe within 30 days of the evidence date', () => {
    expect(run([probe('p1', '2026-09-01T10:00:00.000Z')]).exceptions).toEqual([]);
  });

  it('reports a missing probe, and a stale one (31 days) by store', () => {
    expect(rules(run([]))).toEqual([['isolation.probe_missing', 'isolation probe']]);
    expect(rules(run([probe('p1', '2026-08-30T10:00:00.000Z')]))).toEqual([['isolation.probe_stale', 'support-memory']]);
    expect(rules(run([probe('p1', '2026-08-30T10:00:00.000Z')], { maxProbeAgeDays: 31 }))).toEqual([]);
  });

  it('reports a failed run in the period citing its leaked attempt, even when a later run passed', () => {
    const out = run([probe('p1', '2026-07-01T10:00:00.000Z', true), probe('p2', '2026-09-20T10:00:00.000Z')]);
    expect(rules(out)).toEqual([['isolation.probe_failed', 'p1']]);
    expect(out.exceptions[0].citations).toEqual([{ source: 'probe', artifact: 'b'.repeat(64), locator: '/attempts/1' }]);
    expect(out.exceptions[0].detail).toMatch(/get as a on b's canary/);
  });

  it('judges a run from its attempts: a stated pass does not hide a leak, and a tenantless request must fail closed', () => {
    const edited = run([probe('p1', '2026-09-20T10:00:00.000Z', true, { passed: true, leaks: 0 })]);
    expect(rules(edited)).toEqual([['isolation.probe_failed', 'p1']]);
    expect(edited.exceptions[0].detail).toMatch(/The run file states it passed with 0 leak\(s\), but its attempts show otherwise/);
    const clean = probe('p2', '2026-09-20T10:00:00.000Z', false, { passed: undefined, leaks: undefined });
    expect(run([clean]).exceptions).toEqual([]);
    // Row-level security answers a tenantless query with no rows: that is failing closed.
    const rls = probe('p3', '2026-09-20T10:00:00.000Z');
    rls.attempts = rls.attempts.map((a) => (a.op === 'no_tenant' ? { ...a, outcome: 'empty' as const } : a));
    expect(run([rls]).exceptions).toEqual([]);
    const broken = probe('p4', '2026-09-20T10:00:00.000Z');
    broken.attempts = broken.attempts.map((a) => (a.op === 'no_tenant' ? { ...a, outcome: 'error' as const } : a));
    const out = run([broken]);
    expect(rules(out)).toEqual([['isolation.probe_failed', 'p4']]);
    expect(out.exceptions[0].detail).toMatch(/the request without tenant context did not fail closed \(error\)/);
  });

  it('reports each retrieval span that crossed tenants by span id', () => {
    const out = run([probe('p', '2026-09-20T10:00:00.000Z'), retrieval('s1', '2026-06-01T10:00:00.000Z'), retrieval('s2', '2026-06-01T10:00:00.000Z', { crossTenant: false })]);
    expect(rules(out)).toEqual([['isolation.runtime_leak', 's1']]);
    expect(out.exceptions[0].detail).toMatch(/globex/);
  });
});
