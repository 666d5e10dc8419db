import { describe, expect, it } from 'vitest';
import { builtInControls, controlSchema } from '../catalog/index.js';
import type { Control } from '../catalog/index.js';
import type { Check } from './check.js';
import { runChecks } from './run-checks.js';
import { probe, setOf } from './agent/governance-test-support.js';

const control = (id: string, check: string | null): Control => controlSchema.parse({
  id, title: `Control ${id}`, statement: 'A statement long enough to be valid.', criteria: ['CC1.1'], category: 'governance',
  frequency: 'annual', ownerRole: 'owner', evidenceSources: [], check,
});
const input = { records: {}, period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'UTC', asOf: '2026-09-30' };

describe('runChecks', () => {
  it('runs `after` checks once the others are done and hands them the statuses, keeping the controls order', () => {
    const seen: string[] = [];
    const checks: Record<string, Check> = {
      late: { id: 'late', title: 'reads results', requires: [], after: true, run: (ctx) => {
        seen.push('late');
        const failing = [...(ctx.results ?? new Map())].filter(([, s]) => s === 'exception').map(([id]) => id);
        return { populationQuery: 'q', items: [], exceptions: failing.map((id) => ({ rule: 'x.failing', subject: id, detail: 'd', citations: [] })) };
      } },
      bad: { id: 'bad', title: 'fails', requires: [], run: () => {
        seen.push('bad');
        return { populationQuery: 'q', items: [], exceptions: [{ rule: 'r', subject: 's', detail: 'd', citations: [] }] };
      } },
      good: { id: 'good', title: 'passes', requires: [], run: () => {
        seen.push('good');
        return { populationQuery: 'q', items: [], exceptions: [] };
      } },
    };
    const run = runChecks({ ...input, checks, controls: [control('VEN-03', 'late'), control('ACC-01', 'bad'), control('ACC-02', 'good'), control('GOV-01', null)] });
    expect(seen).toEqual(['bad', 'good', 'late']);
    expect(run.results.map((r) => r.control)).toEqual(['VEN-03', 'ACC-01', 'ACC-02', 'GOV-01']);
    expect(run.results[0].exceptions.map((e) => e.subject)).toEqual(['ACC-01']);
  });

  it('leaves ctx.results unset for ordinary checks, and a throwing check does not hide the others', () => {
    let sawResults: unknown = 'unset';
    const checks: Record<string, Check> = {
      plain: { id: 'plain', title: 'plain', requires: [], run: (ctx) => {
        sawResults = ctx.results;
        return { populationQuery: 'q', items: [], exceptions: [] };
      } },
      boom: { id: 'boom', title: 'throws', requires: [], run: () => { throw new Error('broken'); } },
    };
    const run = runChecks({ ...input, checks, controls: [control('ACC-01', 'boom'), control('ACC-02', 'plain')] });
    expect(sawResults).toBeUndefined();
    expect(run.results.map((r) => [r.status, r.error])).toEqual([['not_tested', 'broken'], ['insufficient_evidence', undefined]]);
  });
});

describe('no verdict without evidence', () => {
  const item = (id: string) => ({ id, subject: id, trace: [] });
  const checks: Record<string, Check> = {
    empty: { id: 'empty', title: 'nothing in the period', requires: [], run: () => ({ populationQuery: 'leavers in the period', items: [], exceptions: [] }) },
    claims: { id: 'claims', title: 'says pass over nothing', requires: [], run: () => ({ populationQuery: 'merged changes', items: [], exceptions: [], status: 'pass' }) },
    one: { id: 'one', title: 'one compliant item', requires: [], run: () => ({ populationQuery: 'leavers in the period', items: [item('a@x.test')], exceptions: [] }) },
    gap: { id: 'gap', title: 'a gap without a population', requires: [], run: () => ({ populationQuery: 'policies', items: [], exceptions: [{ rule: 'policy.missing', subject: 'bcdr', detail: 'd', citations: [] }] }) },
  };
  const run = runChecks({ ...input, checks, controls: [control('HR-05', 'empty'), control('CHG-01', 'claims'), control('ACC-01', 'one'), control('GOV-05', 'gap')] });
  const [empty, claims, one, gap] = run.results;

  it('turns a pass over an empty population into insufficient_evidence, naming the population and the period', () => {
    expect(empty).toMatchObject({ status: 'insufficient_evidence', population: 0 });
    expect(empty.notes[0]).toContain('leavers in the period');
    expect(empty.notes[0]).toContain('2026-04-01 to 2026-09-30');
    expect(claims.status).toBe('insufficient_evidence');
  });

  it('keeps the pass of a population with one compliant item, and an exception found without a population', () => {
    expect(one).toMatchObject({ status: 'pass', population: 1, notes: [] });
    expect(gap).toMatchObject({ status: 'exception', population: 0 });
  });
});

describe('requiresAny', () => {
  it('gives insufficient_evidence when none of the alternative record kinds was collected', () => {
    const reviews = builtInControls.find((c) => c.check === 'access.reviews')!;
    const run = runChecks({ controls: [reviews], records: {}, period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'UTC', asOf: '2026-09-30', workspace: {} });
    expect(run.results[0]).toMatchObject({ status: 'insufficient_evidence', population: 0 });
    expect(run.results[0].notes[0]).toContain('access_review or ticket');
  });
});

describe('self-tests', () => {
  it('never count as evidence of the platform: AGT-05 ignores a passing probe of an in-process store', () => {
    const isolation = builtInControls.find((c) => c.check === 'agent.tenant-isolation')!;
    const at = '2026-09-20T10:00:00.000Z';
    const go = (records: Parameters<typeof setOf>[0]) => runChecks({ controls: [isolation], records: setOf(records), period: { from: '2026-09-01', to: '2026-09-30' }, timezone: 'UTC', asOf: '2026-09-30', workspace: {} }).results[0];
    // A self-test alone is not evidence about the platform: nothing is left to judge.
    const selfTest = go([probe('self', at, false, { adapter: 'memory', selfTest: true })]);
    expect(selfTest.status).toBe('insufficient_evidence');
    expect(selfTest.population).toBe(0);
    expect(selfTest.notes.join(' ')).toContain('1 self-test probe run(s) against an in-process store were collected; they do not count');
    // The same run of the platform (no selfTest) passes: the flag, not the run, made the difference.
    expect(go([probe('real', at, false, { adapter: 'memory' })])).toMatchObject({ status: 'pass', population: 1 });
  });
});
