import { describe, expect, it } from 'vitest';
import type { ChangeRecord, DeploymentStatusRecord, FieldworkRecord, PrReviewRecord } from '@fieldwork/core';
import { codePart } from './code-part.js';
import { DEMO_COMPANY } from './demo-company.js';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { Random } from './random.js';

const of = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], k: K) => rs.filter((r): r is Extract<FieldworkRecord, { kind: K }> => r.kind === k);

describe('code demo part', () => {
  it('plants exactly what the change checks find', async () => {
    const { outputs, run } = await checkDemoParts([codePart], ['CHG-01', 'CHG-02']);
    const planted = plantedRules(outputs, /^(change|protection)\./);
    expect(planted.map((p) => p.split(' ')[0])).toEqual([
      'change.approval_stale', 'change.direct_push', 'change.emergency_unapproved', 'change.no_approval', 'change.no_deploy_record', 'change.no_ticket', 'protection.gap',
    ]);
    expect(foundRules(run)).toEqual(planted);
  });

  it('story: one change merged without approval and one direct push; every other change approved, ticketed, deployed', async () => {
    const { outputs, run, records } = await checkDemoParts([codePart], ['CHG-01', 'CHG-02'], 'story');
    const planted = plantedRules(outputs, /^(change|protection)\./);
    expect(planted.map((p) => p.split(' ')[0])).toEqual(['change.direct_push', 'change.no_approval']);
    expect(foundRules(run)).toEqual(planted);
    expect(of(records, 'change').filter((c: ChangeRecord) => c.repo === 'relaylabs/agent-api' && c.mergedAt >= '2026-04-01T07:00:00Z').length).toBeGreaterThanOrEqual(70);
  });

  it('gives the checks a realistic population: ~80 merged pull requests in the window, reviewed by someone else', async () => {
    const { records } = await checkDemoParts([codePart], []);
    const changes = of(records, 'change').filter((c: ChangeRecord) => c.repo === 'relaylabs/agent-api' && c.mergedAt >= '2026-04-01T07:00:00Z' && c.via === 'pull_request');
    expect(changes.length).toBeGreaterThanOrEqual(70);
    expect(changes.length).toBeLessThanOrEqual(100);
    const reviews = of(records, 'pr_review') as PrReviewRecord[];
    const authors = new Map(changes.map((c) => [c.number, c.author]));
    expect(reviews.filter((r) => authors.get(r.number) === r.reviewer)).toEqual([]);
    expect(new Set(of(records, 'deployment_status').map((s: DeploymentStatusRecord) => s.environment))).toEqual(new Set(['production', 'staging']));
    expect(of(records, 'change').some((c) => c.repo === 'relaylabs/web')).toBe(true);
  });

  it('writes the same files for the same seed', () => {
    const people = [
      { employeeNumber: '1', firstName: 'Ada', lastName: 'Okafor', email: 'ada@relaylabs.ai', department: 'Engineering', workerType: 'employee' as const, hireDate: '2024-01-01', oktaId: '00u1', github: 'adaoka' },
      { employeeNumber: '2', firstName: 'Ben', lastName: 'Osei', email: 'ben@relaylabs.ai', department: 'Engineering', workerType: 'employee' as const, hireDate: '2024-01-01', oktaId: '00u2', github: 'benose' },
      { employeeNumber: '3', firstName: 'Chen', lastName: 'Reyes', email: 'chen@relaylabs.ai', department: 'Engineering', workerType: 'employee' as const, hireDate: '2024-01-01', oktaId: '00u3', github: 'chenrey' },
      { employeeNumber: '4', firstName: 'Dara', lastName: 'Novak', email: 'dara@relaylabs.ai', department: 'Applied AI', workerType: 'employee' as const, hireDate: '2024-01-01', oktaId: '00u4', github: 'daranov' },
    ];
    const gen = () => codePart.generate({ rng: new Random(7), seed: 7, organization: 'Relay Labs', domain: 'relaylabs.ai', timezone: DEMO_COMPANY.timezone, period: { ...DEMO_COMPANY.period }, people, shared: {}, problems: 'all' });
    expect(JSON.stringify(gen().files)).toBe(JSON.stringify(gen().files));
  });
});
