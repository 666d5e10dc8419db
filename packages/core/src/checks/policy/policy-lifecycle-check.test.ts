import { describe, expect, it } from 'vitest';
import { REQUIRED_POLICIES } from '../../catalog/index.js';
import type { PolicyApprovalRecord, PolicyRecord, RecordSet } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { compareVersions, policyLifecycleCheck } from './policy-lifecycle-check.js';

const A = 'a'.repeat(64);
const pol = (id: string, over: Partial<PolicyRecord> = {}): PolicyRecord => ({ kind: 'policy', source: 'policies', artifact: A, locator: 'line 1', id, title: id, version: '1.0', approvedBy: 'Maya Chen', approvedAt: '2026-01-20', bodySha256: 'x', ...over });
const workspace = { owners: { compliance: { name: 'Maya Chen', email: 'maya@x.ai', roles: [] }, people: [{ name: 'Jordan Lee', email: 'jordan@x.ai', roles: ['sales'] }, { name: 'Priya', email: 'priya@x.ai', roles: ['cto'] }] } };
const ctx = (records: RecordSet, ws: Record<string, unknown> = workspace): CheckContext => ({ period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'UTC', params: { reviewMonths: 12 }, records, asOf: '2026-09-30', workspace: ws });
const all = (over: Record<string, Partial<PolicyRecord>> = {}) => REQUIRED_POLICIES.map((id) => pol(id, over[id]));

describe('policy.lifecycle', () => {
  it('passes seven policies approved this year by people with authority', () => {
    const out = policyLifecycleCheck.run(ctx({ policy: all({ bcdr: { approvedBy: 'priya@x.ai' } }) }));
    expect(out.exceptions).toEqual([]);
    expect(out.items).toHaveLength(7);
  });

  it('reports missing, unapproved, overdue and unauthorized approvals', () => {
    const policies = all({ bcdr: { approvedAt: '2025-09-29' }, 'vendor-management': { approvedBy: 'Jordan Lee' }, 'secure-development': { approvedBy: undefined, approvedAt: undefined } }).filter((p) => p.id !== 'data-classification');
    const out = policyLifecycleCheck.run(ctx({ policy: policies }));
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`).sort()).toEqual([
      'policy.approver_without_authority vendor-management',
      'policy.missing data-classification',
      'policy.review_overdue bcdr',
      'policy.unapproved secure-development',
    ]);
  });

  it('accepts an approval exactly twelve months back and flags one a day older', () => {
    expect(policyLifecycleCheck.run(ctx({ policy: all({ bcdr: { approvedAt: '2025-09-30' } }) })).exceptions).toEqual([]);
    expect(policyLifecycleCheck.run(ctx({ policy: all({ bcdr: { approvedAt: '2025-09-29' } }) })).exceptions.map((e) => e.rule)).toEqual(['policy.review_overdue']);
  });

  it('judges the latest version numerically (10 follows 9)', () => {
    const policies = [...all(), pol('bcdr', { version: '10', approvedAt: '2026-05-01' }), pol('bcdr', { version: '9', approvedBy: 'Jordan Lee' })];
    const out = policyLifecycleCheck.run(ctx({ policy: policies }));
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.id)).toContain('bcdr@10');
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0-rc1', '2.0-rc2')).toBeLessThan(0);
  });

  it('counts the review window in calendar months across a leap day', () => {
    const policies = (approvedAt: string) => all().map((p) => ({ ...p, approvedAt: p.id === 'bcdr' ? approvedAt : '2028-01-20' }));
    const leap = (approvedAt: string) => policyLifecycleCheck.run({ ...ctx({ policy: policies(approvedAt) }), period: { from: '2028-04-01', to: '2028-09-30' }, asOf: '2028-09-30' }).exceptions.map((e) => e.rule);
    expect(leap('2027-09-30')).toEqual([]);
    expect(leap('2027-09-29')).toEqual(['policy.review_overdue']);
  });

  it('dates a recorded approval in the workspace timezone', () => {
    const approval: PolicyApprovalRecord = { kind: 'policy_approval', source: 'policies', artifact: A, locator: '/', policy: 'bcdr', version: '1.0', approver: 'Maya Chen', at: '2026-01-21T03:00:00Z', bodySha256: 'old' };
    const out = policyLifecycleCheck.run({ ...ctx({ policy: all(), policy_approval: [approval] }), timezone: 'America/Los_Angeles' });
    expect(out.exceptions[0].detail).toContain('approved it on 2026-01-20');
  });

  it('uses the workspace approver list when there is one', () => {
    const ws = { ...workspace, policies: { approvers: ['Jordan Lee'] } };
    const out = policyLifecycleCheck.run(ctx({ policy: all({ bcdr: { approvedBy: 'Jordan Lee' } }) }, ws));
    expect(out.exceptions.map((e) => e.subject).sort()).toEqual(REQUIRED_POLICIES.filter((p) => p !== 'bcdr').sort());
  });

  it('reports a policy whose text changed after its recorded approval', () => {
    const approval: PolicyApprovalRecord = { kind: 'policy_approval', source: 'policies', artifact: A, locator: '/', policy: 'bcdr', version: '1.0', approver: 'Maya Chen', at: '2026-01-20T18:00:00Z', bodySha256: 'old' };
    const out = policyLifecycleCheck.run(ctx({ policy: all(), policy_approval: [approval] }));
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['policy.changed_after_approval bcdr']);
  });

  it('policies under the organization\'s own ids count through front matter type: or policies.map; an unmapped one does not', () => {
    const own = all().map((p) => (p.id === 'access-control' ? pol('ISP-04', { title: 'Identity & Access Standard', type: 'access-control' }) : p.id === 'bcdr' ? pol('POL-BCP-2') : p));
    const mapped = { ...workspace, policies: { map: { 'POL-BCP-2': 'bcdr' } } };
    const out = policyLifecycleCheck.run(ctx({ policy: own }, mapped));
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.trace[0].detail).join(' ')).toMatch(/ISP-04, front matter type: access-control.*POL-BCP-2, mapped in fieldwork.yaml policies.map/s);
    expect(policyLifecycleCheck.run(ctx({ policy: own })).exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['policy.missing bcdr']);
  });
});
