import { describe, expect, it } from 'vitest';
import { policyAckCheck } from './policy-ack-check.js';
import { ack, peopleCtx, person, policy, rules } from './people-test-support.js';

const V1 = '1'.repeat(64);
const V2 = '2'.repeat(64);
const params = { withinDays: 30, renewMonths: 0 };

describe('hr.policy-ack', () => {
  it('passes a starter who acknowledged within 30 days and fails the look-alike who never did', () => {
    const ok = person({ email: 'ok@x.ai', startDate: '2026-02-02' });
    const never = person({ email: 'never@x.ai', startDate: '2026-02-02' });
    const out = policyAckCheck.run(peopleCtx({ person: [ok, never], policy: [policy('access-control', '1.0', '2025-12-01', V1)], policy_ack: [ack('ok@x.ai', 'access-control', '2026-02-03T10:00:00Z', { version: '1.0' })] }, params));
    expect(rules(out)).toEqual(['ack.hire_missing never@x.ai']);
    expect(out.items).toHaveLength(2);
    expect(out.exceptions[0].detail).toContain('access-control v1.0');
  });

  it('a new version is owed by everyone already there within 30 days of its approval; an ack of the old text does not count', () => {
    const a = person({ email: 'a@x.ai', startDate: '2024-01-08' });
    const b = person({ email: 'b@x.ai', startDate: '2024-01-08' });
    const records = {
      person: [a, b],
      policy: [policy('access-control', '2.0', '2026-03-02', V2)],
      policy_ack: [ack('a@x.ai', 'access-control', '2026-03-10T10:00:00Z', { bodySha256: V2 }), ack('b@x.ai', 'access-control', '2026-03-11T10:00:00Z', { bodySha256: V1 })],
    };
    const out = policyAckCheck.run(peopleCtx(records, params));
    expect(rules(out)).toEqual(['ack.version_missing b@x.ai']);
    expect(out.notes?.join(' ')).toContain('1 acknowledgement(s) name a text (SHA-256) that matches no approved version');
    // Each unit is a deadline, named by the person and the policy version owed.
    expect(out.items.find((i) => i.subject === 'a@x.ai · access-control v2.0')?.trace.at(-1)?.detail).toContain('v2.0');
  });

  it('reports a late acknowledgement of a new version with the day it came', () => {
    const a = person({ email: 'slow@x.ai', startDate: '2024-01-08' });
    const out = policyAckCheck.run(peopleCtx({ person: [a], policy: [policy('bcdr', '3', '2026-03-02')], policy_ack: [ack('slow@x.ai', 'bcdr', '2026-04-20T10:00:00Z', { version: '3' })] }, params));
    expect(rules(out)).toEqual(['ack.version_late slow@x.ai']);
    expect(out.exceptions[0].detail).toContain('acknowledged on 2026-04-20');
  });

  it('a leaver gone before the deadline owes nothing', () => {
    const gone = person({ email: 'gone@x.ai', startDate: '2024-01-08', endDate: '2026-03-15' });
    const out = policyAckCheck.run(peopleCtx({ person: [gone, person({ email: 'ok@x.ai', startDate: '2024-01-01' })], policy: [policy('bcdr', '3', '2026-03-02')], policy_ack: [ack('ok@x.ai', 'bcdr', '2026-03-03T10:00:00Z', { version: '3' })] }, params));
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.subject)).toEqual(['ok@x.ai · bcdr v3']);
  });

  it('a rehire acknowledges again in the new spell', () => {
    const rehire = person({ email: 're@x.ai', originalStartDate: '2024-01-08', priorEndDate: '2025-06-30', startDate: '2026-02-02', rehire: true });
    const records = { person: [rehire], policy: [policy('access-control', '1.0', '2024-01-01')], policy_ack: [ack('re@x.ai', 'access-control', '2024-01-09T10:00:00Z', { version: '1.0' })] };
    expect(rules(policyAckCheck.run(peopleCtx(records, params)))).toEqual(['ack.hire_missing re@x.ai']);
    records.policy_ack.push(ack('re@x.ai', 'access-control', '2026-01-30T10:00:00Z', { version: '1.0' }));
    expect(policyAckCheck.run(peopleCtx(records, params)).exceptions).toEqual([]);
  });

  it('with renewMonths, an acknowledgement older than a year is due again', () => {
    const a = person({ email: 'a@x.ai', startDate: '2024-01-08' });
    const b = person({ email: 'b@x.ai', startDate: '2024-01-08' });
    const records = { person: [a, b], policy: [policy('code-of-conduct', '1', '2023-12-01')], policy_ack: [ack('a@x.ai', 'code-of-conduct', '2024-01-08T10:00:00Z', { version: '1' }), ack('a@x.ai', 'code-of-conduct', '2025-01-05T10:00:00Z', { version: '1' }), ack('a@x.ai', 'code-of-conduct', '2025-12-20T10:00:00Z', { version: '1' }), ack('b@x.ai', 'code-of-conduct', '2024-01-08T10:00:00Z', { version: '1' }), ack('b@x.ai', 'code-of-conduct', '2025-01-05T10:00:00Z', { version: '1' })] };
    expect(rules(policyAckCheck.run(peopleCtx(records, { ...params, renewMonths: 12 })))).toEqual(['ack.renewal_missing b@x.ai']);
  });

  it('contractors follow the workspace: in scope by default, out when workerTypes says employees only', () => {
    const c = person({ email: 'c@x.ai', startDate: '2026-02-02', workerType: 'contractor' });
    const records = { person: [c], policy: [policy('access-control', '1.0', '2025-12-01')], policy_ack: [ack('x@x.ai', 'access-control', '2026-02-03T10:00:00Z', { version: '1.0' })] };
    expect(rules(policyAckCheck.run(peopleCtx(records, params)))).toEqual(['ack.hire_missing c@x.ai']);
    expect(policyAckCheck.run(peopleCtx(records, { ...params, workerTypes: ['employee'] })).items).toEqual([]);
  });

  it('only approved versions are owed, and only the listed policies when the workspace lists them', () => {
    const a = person({ email: 'a@x.ai', startDate: '2026-02-02' });
    const draft = { ...policy('bcdr', '0.9', '2026-01-01'), approvedAt: undefined };
    const records = { person: [a], policy: [draft, policy('access-control', '1.0', '2025-12-01')], policy_ack: [ack('a@x.ai', 'access-control', '2026-02-03T10:00:00Z', { version: '1.0' })] };
    expect(policyAckCheck.run(peopleCtx(records, params)).exceptions).toEqual([]);
    const listed = policyAckCheck.run(peopleCtx(records, { ...params, policies: ['access-control', 'code-of-conduct'] }));
    expect(listed.items).toHaveLength(1);
    expect(listed.notes?.join(' ')).toContain('No approved version of code-of-conduct');
  });

  it('without acknowledgements the result is insufficient evidence naming the sources', () => {
    const out = policyAckCheck.run(peopleCtx({ person: [person({ email: 'a@x.ai', startDate: '2026-02-02' })], policy: [policy('access-control', '1.0', '2025-12-01')] }, params));
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.[0]).toContain('policy-acks-csv');
  });
});
