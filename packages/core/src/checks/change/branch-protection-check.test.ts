import { describe, expect, it } from 'vitest';
import type { BranchProtectionRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { branchProtectionCheck } from './branch-protection-check.js';

const A = 'a'.repeat(64);
let n = 0;
const bp = (event: string, at: string, over: Partial<BranchProtectionRecord> = {}): BranchProtectionRecord => ({
  kind: 'branch_protection', source: 'github', artifact: A, locator: `/${++n}`, repo: 'acme/api', branch: 'main', at, event, enabled: event !== 'deleted', requiredApprovals: 1, ...over,
});
const ctx = (records: RecordSet): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { minApprovals: 1 }, records, asOf: '2026-09-30', workspace: {},
});
const run = (list: BranchProtectionRecord[]) => branchProtectionCheck.run(ctx({ branch_protection: list }));

describe('change.branch-protection', () => {
  it('passes protection created before the period and never removed', () => {
    const out = run([bp('created', '2025-01-01T00:00:00Z'), bp('edited', '2026-06-01T00:00:00Z'), bp('snapshot', '2026-09-30T20:00:00Z')]);
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBeUndefined();
  });

  it('reports a deleted → created gap inside the period with both events cited', () => {
    const out = run([bp('deleted', '2026-07-10T16:00:00Z'), bp('created', '2026-07-14T16:00:00Z'), bp('snapshot', '2026-09-30T20:00:00Z')]);
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['protection.gap acme/api:main']);
    expect(out.exceptions[0].detail).toContain('4 day(s)');
    expect(out.exceptions[0].citations).toHaveLength(2);
  });

  it('reports a gap from a snapshot with protection disabled, running to the end of the period', () => {
    const out = run([bp('snapshot', '2026-03-01T00:00:00Z'), bp('snapshot', '2026-08-01T00:00:00Z', { enabled: false })]);
    expect(out.exceptions.map((e) => e.rule)).toEqual(['protection.gap']);
    expect(out.exceptions[0].detail).toContain('the end of the period (2026-09-30)');
  });

  it('reports the start of the period as a gap when protection was first created inside it', () => {
    const out = run([bp('created', '2026-05-01T00:00:00Z')]);
    expect(out.exceptions.map((e) => e.at)).toEqual(['2026-04-01T07:00:00.000Z']);
  });

  it('does not treat a snapshot taken today as proof for the whole period', () => {
    const out = run([bp('snapshot', '2026-09-30T20:00:00Z')]);
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.[0]).toContain('unproven');
  });

  it('reports protection requiring fewer approvals than the minimum', () => {
    const out = run([bp('snapshot', '2026-01-01T00:00:00Z', { requiredApprovals: 0 })]);
    expect(out.exceptions.map((e) => e.rule)).toEqual(['protection.weak']);
  });
  it('does not report a gap in classic protection while a ruleset still protects the branch', () => {
    const out = run([
      bp('deleted', '2026-07-10T16:00:00Z'), bp('created', '2026-07-20T16:00:00Z'),
      bp('snapshot', '2026-03-01T00:00:00Z', { mechanism: 'ruleset' }), bp('snapshot', '2026-07-15T00:00:00Z', { mechanism: 'ruleset', enabled: false }),
    ]);
    expect(out.exceptions.map((e) => `${e.rule} ${e.at}`)).toEqual(['protection.gap 2026-07-15T00:00:00Z']);
    expect(out.exceptions[0].detail).toContain('6 day(s)');
  });

  it('does not let a mechanism created only after the period hide a gap in the other', () => {
    const out = run([
      bp('created', '2025-01-01T00:00:00Z'), bp('deleted', '2026-07-10T16:00:00Z'), bp('created', '2026-07-14T16:00:00Z'),
      bp('created', '2026-10-05T16:00:00Z', { mechanism: 'ruleset' }),
    ]);
    expect(out.exceptions.map((e) => `${e.rule} ${e.at}`)).toEqual(['protection.gap 2026-07-10T16:00:00Z']);
    expect(out.exceptions[0].detail).toContain('4 day(s)');
    expect(out.exceptions[0].citations.map((c) => c.locator)).toHaveLength(3);
  });

  it('counts a mechanism with no evidence in the period as unprotected, not as covering the other', () => {
    const out = run([
      bp('created', '2025-01-01T00:00:00Z'), bp('deleted', '2026-07-10T16:00:00Z'), bp('created', '2026-07-14T16:00:00Z'),
      bp('snapshot', '2026-10-05T16:00:00Z', { mechanism: 'ruleset' }),
    ]);
    expect(out.exceptions.map((e) => `${e.rule} ${e.at}`)).toEqual(['protection.gap 2026-07-10T16:00:00Z']);
  });

  it('needs no history for a mechanism while the other is shown on throughout', () => {
    const out = run([bp('created', '2025-01-01T00:00:00Z'), bp('snapshot', '2026-09-30T20:00:00Z', { mechanism: 'ruleset' })]);
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBeUndefined();
    expect(out.notes).toEqual([]);
  });
});
