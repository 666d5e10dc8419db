import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDate } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { jiraCollector } from '../collectors/jira/jira-collector.js';
import { oktaCollector } from '../collectors/okta/okta-collector.js';
import { parseFile } from '../testing/index.js';
import type { DemoContext } from './demo-context.js';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import type { DemoProblems } from './demo-plants.js';
import { identityPart } from './identity-part.js';
import { policiesPart } from './policies-part.js';
import { generatePeople } from './demo-people.js';
import { DEMO_COMPANY } from './generate-demo.js';
import { Random } from './random.js';
import { JIRA_SUBJECT_FIELD, jiraTime, ticketsPart } from './tickets-part.js';

async function generate(problems: DemoProblems = 'all') {
  const rng = new Random(1);
  const ctx: DemoContext = {
    rng, seed: 1, organization: DEMO_COMPANY.organization, domain: DEMO_COMPANY.domain, timezone: DEMO_COMPANY.timezone,
    period: { ...DEMO_COMPANY.period }, people: generatePeople(rng, DEMO_COMPANY.domain, DEMO_COMPANY.period), shared: {}, problems,
  };
  const out = ticketsPart.generate(ctx);
  const dir = mkdtempSync(join(tmpdir(), 'tickets-part-'));
  const records: FieldworkRecord[] = [];
  for (const [rel, content] of Object.entries(out.files)) {
    const p = join(dir, rel.replace(/\//g, '_'));
    writeFileSync(p, content);
    records.push(...await parseFile(rel.startsWith('exports/jira/') ? jiraCollector : oktaCollector, p, rel.startsWith('exports/jira/') ? { subjectField: JIRA_SUBJECT_FIELD } : {}, ctx.timezone));
  }
  return { ctx, out, records };
}
const of = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], k: K) => rs.filter((r): r is Extract<FieldworkRecord, { kind: K }> => r.kind === k);

describe('tickets demo part', () => {
  it('writes Jira times with the local offset, as Jira does', () => {
    expect(jiraTime('2026-04-02T17:15:30.000Z', 'America/Los_Angeles')).toBe('2026-04-02T10:15:30.000-0700');
    expect(jiraTime('2026-01-02T17:15:30.250Z', 'America/Los_Angeles')).toBe('2026-01-02T09:15:30.250-0800');
  });

  it('covers each privileged grant with a ticket approved before it, except the planted ones', async () => {
    const { out, records } = await generate();
    const tickets = of(records, 'ticket');
    const grants = of(records, 'access_event').filter((e) => e.action === 'grant');
    expect(grants).toHaveLength(8);
    const planted = new Map(out.planted.map((p) => [p.subject, p.rule]));
    const outcome = grants.map((g) => {
      const t = tickets.find((x) => x.type === 'Access Request' && x.subjectEmail === g.email && x.summary?.includes(g.target ?? '?'));
      return !t ? 'grant.no_ticket' : t.approvedAt && t.approvedAt < g.at ? 'ok' : 'grant.approved_after';
    });
    expect(outcome.filter((o) => o !== 'ok')).toEqual(expect.arrayContaining(['grant.no_ticket', 'grant.approved_after']));
    grants.forEach((g, i) => expect(outcome[i]).toBe(planted.get(g.email!) ?? 'ok'));
  });

  for (const problems of ['all', 'story'] as const) {
    it(`identity, tickets and policies: the access and governance checks find exactly what was planted (--problems ${problems})`, async () => {
      const { outputs, run } = await checkDemoParts([identityPart, ticketsPart, policiesPart], ['HR-05', 'ACC-01', 'ACC-02', 'ACC-03', 'ACC-04', 'GOV-05'], problems);
      const planted = plantedRules(outputs, /./);
      expect(foundRules(run)).toEqual(planted);
      expect(planted.map((p) => p.split(' ')[0])).toEqual(problems === 'all'
        ? ['deprovision.active_after_end', 'deprovision.active_after_end', 'deprovision.late', 'deprovision.missing', 'grant.approved_after', 'grant.no_ticket', 'mfa.not_enrolled', 'mfa.not_enrolled',
          'policy.approver_without_authority', 'policy.review_overdue', 'policy.unapproved', 'reconcile.leaver_active', 'reconcile.leaver_active', 'review.missing']
        : ['deprovision.late']);
    });
  }

  it('story: every grant has a ticket approved before it, and every quarterly review is completed', async () => {
    const { out, records } = await generate('story');
    expect(out.planted).toEqual([]);
    expect(of(records, 'access_review')).toHaveLength(6);
  });

  it('approves every onboarding before the hire date', async () => {
    const { ctx, records } = await generate();
    const onboarding = of(records, 'ticket').filter((t) => t.type === 'Onboarding');
    expect(onboarding.length).toBeGreaterThan(0);
    for (const t of onboarding) {
      const p = ctx.people.find((x) => x.email === t.subjectEmail)!;
      expect(localDate(t.approvedAt!, ctx.timezone) < p.hireDate).toBe(true);
    }
  });

  it('completes each in-scope review each quarter except AWS in Q3, and registers categorized incidents', async () => {
    const { out, records } = await generate();
    const quarter = (at: string) => `${at.slice(0, 4)}-Q${Math.floor((Number(at.slice(5, 7)) - 1) / 3) + 1}`;
    expect(of(records, 'access_review').map((r) => `${r.system} ${quarter(r.completedAt)}`).sort()).toEqual(['aws 2026-Q2', 'github 2026-Q2', 'github 2026-Q3', 'okta 2026-Q2', 'okta 2026-Q3']);
    expect(out.planted).toContainEqual(expect.objectContaining({ rule: 'review.missing', subject: 'aws 2026-Q3' }));
    const categories = new Set((out.workspace?.incidents as { taxonomy: { id: string }[] }).taxonomy.map((c) => c.id));
    const incidents = of(records, 'incident');
    expect(incidents.length).toBeGreaterThanOrEqual(3);
    for (const i of incidents) expect(categories.has(i.category!)).toBe(true);
  });
});
