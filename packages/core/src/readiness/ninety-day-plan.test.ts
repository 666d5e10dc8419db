import { describe, expect, it } from 'vitest';
import type { ControlResult } from '../checks/run-checks.js';
import type { PolicyRecord } from '../records/index.js';
import { ninetyDayPlan, planResultKey } from './ninety-day-plan.js';

const A = 'a'.repeat(64);
const policy = (id: string, approved: boolean): PolicyRecord => ({ kind: 'policy', source: 'p', artifact: A, locator: 'line 1', id, title: id, version: '1', ...(approved ? { approvedBy: 'Maya', approvedAt: '2026-01-20' } : {}) });
const result = (control: string, status: ControlResult['status'], n = 0): ControlResult => ({ control, title: control, check: null, status, population: 3, exceptions: Array.from({ length: n }, () => ({ rule: 'r', subject: 's', detail: 'd', citations: [] })), items: [], notes: [] });
const base = {
  start: '2026-01-05', ownerOf: (r: string) => `owner of ${r}`, auditorSelected: false, evidenceSources: 4,
  policies: [policy('access-control', true), policy('bcdr', false)], typeOneAssessed: false, report: { type: 2 as const, from: '2026-04-06', to: '2026-09-30' },
};

describe('ninetyDayPlan', () => {
  it('lays the four phases from the start date and gives every task an owner and a due date', () => {
    const plan = ninetyDayPlan({ ...base, today: '2026-01-10', results: new Map() });
    expect(plan.phases.map((p) => [p.from, p.to])).toEqual([['2026-01-05', '2026-01-19'], ['2026-01-20', '2026-02-18'], ['2026-02-19', '2026-03-20'], ['2026-03-21', '2026-04-04']]);
    for (const t of plan.tasks) {
      expect(t.owner).toMatch(/\S/);
      expect(t.due >= plan.start).toBe(true);
    }
    expect(plan.tasks.filter((t) => t.phase === 2)).toHaveLength(8);
  });

  it('derives status from evidence and flags overdue tasks', () => {
    const results = new Map([['access.mfa-sso', result('ACC-03', 'pass')], ['vuln.scan-cadence', result('VUL-01', 'exception', 2)]]);
    const plan = ninetyDayPlan({ ...base, today: '2026-03-01', results });
    const t = Object.fromEntries(plan.tasks.map((x) => [x.id, x]));
    expect(t['policy-access-control'].status).toBe('done');
    expect(t['policy-bcdr']).toMatchObject({ status: 'in_progress', overdue: true });
    expect(t['policy-incident-response'].status).toBe('open');
    expect(t.auditor).toMatchObject({ status: 'open', overdue: true });
    expect(t['mfa-sso'].status).toBe('done');
    expect(t.scanner.status).toBe('in_progress');
    expect(t.scanner.why).toContain('2 exception');
    expect(t.scanner.overdue).toBe(false);
    expect(t.remediate.status).toBe('in_progress');
  });

  it('never marks a task done from an empty population or a placeholder owner', () => {
    const empty = { ...result('ACC-03', 'pass'), population: 0 };
    const plan = ninetyDayPlan({ ...base, today: '2026-01-10', results: new Map([['access.mfa-sso', empty], ['hr.deprovisioning', result('HR-05', 'pass')]]), ownerIsPlaceholder: true });
    const t = Object.fromEntries(plan.tasks.map((x) => [x.id, x]));
    expect(t['mfa-sso']).toMatchObject({ status: 'open', why: expect.stringContaining('nothing in the period') });
    expect(t.deprovisioning.status).toBe('done');
    expect(t.owner).toMatchObject({ status: 'open', why: expect.stringContaining('placeholder') });
    expect(ninetyDayPlan({ ...base, today: '2026-01-10', results: new Map() }).tasks.find((x) => x.id === 'owner')?.status).toBe('done');
  });

  it('points to the risk register while none is collected, then follows its review check', () => {
    const none = ninetyDayPlan({ ...base, today: '2026-01-10', results: new Map([['risk.review_overdue', { ...result('GOV-04', 'insufficient_evidence'), population: 0 }]]) });
    expect(none.tasks.find((t) => t.id === 'risk-register')).toMatchObject({ status: 'open', why: expect.stringContaining('risk-register-yaml') });
    const kept = ninetyDayPlan({ ...base, today: '2026-01-10', results: new Map([['risk.review_overdue', result('GOV-04', 'exception', 1)]]) });
    expect(kept.tasks.find((t) => t.id === 'risk-register')).toMatchObject({ status: 'in_progress', why: 'GOV-04: 1 exception(s) to fix.' });
  });

  it('tells the user the evidence add command for the SIEM task, and reads LOG-01 once its evidence is tested', () => {
    const before = ninetyDayPlan({ ...base, today: '2026-03-01', results: new Map() }).tasks.find((x) => x.id === 'siem')!;
    expect(before).toMatchObject({ status: 'manual', why: expect.stringContaining('fieldwork evidence add LOG-01 FILE --covers QUARTER --by PERSON') });
    expect(before.why).not.toMatch(/screenshot\.$|Attest with/);
    const tested = { ...result('LOG-01', 'pass'), check: 'manual.evidence' };
    const failing = { ...result('LOG-02', 'exception', 1), check: 'manual.evidence' };
    // One generic check serves many controls: each manual control keeps its own key.
    expect([planResultKey(tested), planResultKey(failing), planResultKey(result('ACC-03', 'pass'))]).toEqual(['manual.evidence:LOG-01', 'manual.evidence:LOG-02', null]);
    const results = new Map([tested, failing].map((r) => [planResultKey(r)!, r]));
    const plan = ninetyDayPlan({ ...base, today: '2026-03-01', results });
    expect(plan.tasks.find((x) => x.id === 'siem')).toMatchObject({ status: 'done', why: 'LOG-01 passes (3 tested).' });
    expect(plan.tasks.find((x) => x.id === 'remediate')).toMatchObject({ status: 'in_progress', why: '1 open exception(s) in the latest check.' });
  });
});
