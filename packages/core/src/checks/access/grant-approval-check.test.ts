import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, PersonRecord, RecordSet, TicketRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { grantApprovalCheck } from './grant-approval-check.js';

const A = 'a'.repeat(64);
let n = 0;
const grant = (email: string, app: string, at: string, outcome = 'SUCCESS'): AccessEventRecord => ({
  kind: 'access_event', source: 'okta', artifact: A, locator: `line ${++n}`, system: 'okta', eventId: `e${n}`,
  eventType: 'application.user_membership.add', action: 'grant', at, account: email, email, target: app, actor: 'it-admin', outcome,
});
const ticket = (t: Partial<TicketRecord> & { key: string; created: string }): TicketRecord => ({
  kind: 'ticket', source: 'jira', artifact: A, locator: `/issues/${++n}`, system: 'jira', labels: [], links: [], ...t,
});
const person = (email: string, startDate: string): PersonRecord => ({ kind: 'person', source: 'hr', artifact: A, locator: `line ${++n}`, id: String(n), email, startDate });
const ctx = (records: RecordSet): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: {}, records, asOf: '2026-09-30', workspace: {},
});
const rules = (records: RecordSet) => grantApprovalCheck.run(ctx(records)).exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('access.grant-approval', () => {
  const g = grant('ada@x.ai', 'AWS IAM Identity Center', '2026-06-10T18:00:00Z');

  it('passes a grant whose request ticket names the app and was approved before it', () => {
    const t = ticket({ key: 'IT-1', created: '2026-06-08T16:00:00Z', summary: 'Access to AWS IAM Identity Center', subjectEmail: 'Ada@x.ai', approvedAt: '2026-06-09T16:00:00Z', approvedBy: 'boss' });
    const out = grantApprovalCheck.run(ctx({ access_event: [g], ticket: [t] }));
    expect(out.exceptions).toEqual([]);
    expect(out.items[0].trace.map((s) => s.label)).toEqual(['grant', 'access request']);
    // The audit's unit is the grant, named by person and application.
    expect(out.items[0].subject).toBe('ada@x.ai → AWS IAM Identity Center');
  });

  it('matches a ticket by an app label slug', () => {
    const t = ticket({ key: 'IT-2', created: '2026-06-08T16:00:00Z', summary: 'Need prod access', labels: ['app:aws'], subjectEmail: 'ada@x.ai', approvedAt: '2026-06-09T16:00:00Z' });
    expect(rules({ access_event: [g], ticket: [t] })).toEqual([]);
  });

  it('reports a grant with no ticket, a ticket for another app, or one opened too long before', () => {
    const other = ticket({ key: 'IT-3', created: '2026-06-08T16:00:00Z', summary: 'Access to Notion', subjectEmail: 'ada@x.ai', approvedAt: '2026-06-09T16:00:00Z' });
    const old = ticket({ key: 'IT-4', created: '2026-04-01T16:00:00Z', summary: 'Access to AWS IAM Identity Center', subjectEmail: 'ada@x.ai', approvedAt: '2026-04-02T16:00:00Z' });
    expect(rules({ access_event: [g], ticket: [other, old] })).toEqual(['grant.no_ticket ada@x.ai']);
  });

  it('counts the request window in calendar days: a ticket opened 30 days before, earlier in the day, is in it', () => {
    // The grant is 11:00 on June 10 in Los Angeles; the ticket 09:00 on May 11, 30 calendar days earlier.
    const t = ticket({ key: 'IT-7', created: '2026-05-11T16:00:00Z', summary: 'Access to AWS IAM Identity Center', subjectEmail: 'ada@x.ai', approvedAt: '2026-05-12T16:00:00Z' });
    expect(rules({ access_event: [g], ticket: [t] })).toEqual([]);
    const dayEarlier = ticket({ ...t, key: 'IT-8', created: '2026-05-10T16:00:00Z' });
    expect(rules({ access_event: [g], ticket: [dayEarlier] })).toEqual(['grant.no_ticket ada@x.ai']);
  });

  it('reports a ticket approved after the grant, and an unapproved one', () => {
    const late = ticket({ key: 'IT-5', created: '2026-06-08T16:00:00Z', summary: 'AWS IAM Identity Center please', subjectEmail: 'ada@x.ai', approvedAt: '2026-06-11T16:00:00Z' });
    expect(rules({ access_event: [g], ticket: [late] })).toEqual(['grant.approved_after ada@x.ai']);
    const none = ticket({ key: 'IT-6', created: '2026-06-08T16:00:00Z', summary: 'AWS IAM Identity Center please', subjectEmail: 'ada@x.ai' });
    expect(rules({ access_event: [g], ticket: [none] })).toEqual(['grant.unapproved ada@x.ai']);
  });

  it('reports a request approved only by the person receiving the access, but not one a manager filed and approved for them', () => {
    const self = ticket({ key: 'IT-20', created: '2026-06-08T16:00:00Z', summary: 'Access to AWS IAM Identity Center', subjectEmail: 'ada@x.ai', reporter: 'ada@x.ai', approvedAt: '2026-06-09T16:00:00Z', approvedBy: 'Ada@x.ai' });
    expect(rules({ access_event: [g], ticket: [self] })).toEqual(['grant.self_approved ada@x.ai']);
    // The approver named by login, resolved through the HR roster, is still the grantee.
    const byLogin = { ...self, approvedBy: 'ada' };
    expect(rules({ access_event: [g], ticket: [byLogin], person: [person('ada@x.ai', '2020-01-01')] })).toEqual(['grant.self_approved ada@x.ai']);
    const onBehalf = ticket({ key: 'IT-21', created: '2026-06-08T16:00:00Z', summary: 'Access to AWS IAM Identity Center', subjectEmail: 'ada@x.ai', reporter: 'mgr@x.ai', approvedAt: '2026-06-09T16:00:00Z', approvedBy: 'mgr@x.ai' });
    expect(rules({ access_event: [g], ticket: [onBehalf] })).toEqual([]);
    // A second ticket approved by someone else covers the grant.
    expect(rules({ access_event: [g], ticket: [self, { ...onBehalf, key: 'IT-22', approvedBy: 'boss@x.ai' }] })).toEqual([]);
  });

  it('covers grants on the hire date with an onboarding ticket approved before them', () => {
    const hire = grant('new@x.ai', 'Slack', '2026-05-04T17:30:00Z');
    const onboarding = ticket({ key: 'PEOPLE-9', type: 'Onboarding', created: '2026-04-20T16:00:00Z', subjectEmail: 'new@x.ai', approvedAt: '2026-04-21T16:00:00Z' });
    expect(rules({ access_event: [hire], ticket: [onboarding], person: [person('new@x.ai', '2026-05-04')] })).toEqual([]);
    // Without the HR hire date the onboarding ticket does not cover an arbitrary grant.
    expect(rules({ access_event: [hire], ticket: [onboarding] })).toEqual(['grant.no_ticket new@x.ai']);
    // A grant weeks after the hire date needs its own request.
    const laterGrant = grant('new@x.ai', 'Slack', '2026-06-04T17:30:00Z');
    expect(rules({ access_event: [laterGrant], ticket: [onboarding], person: [person('new@x.ai', '2026-05-04')] })).toEqual(['grant.no_ticket new@x.ai']);
  });

  it('counts the hire date in the workspace timezone (an evening grant is still the hire date)', () => {
    // 2026-05-05T04:30Z is 21:30 on May 4 in Los Angeles.
    const evening = grant('new@x.ai', 'Slack', '2026-05-05T04:30:00Z');
    const onboarding = ticket({ key: 'PEOPLE-9', type: 'Onboarding', created: '2026-04-20T16:00:00Z', subjectEmail: 'new@x.ai', approvedAt: '2026-04-21T16:00:00Z' });
    expect(rules({ access_event: [evening], ticket: [onboarding], person: [person('new@x.ai', '2026-05-04')] })).toEqual([]);
  });

  it('ignores failed grants and grants outside the period', () => {
    expect(rules({ access_event: [grant('x@x.ai', 'Slack', '2026-06-10T18:00:00Z', 'FAILURE'), grant('x@x.ai', 'Slack', '2026-03-31T18:00:00Z')] })).toEqual([]);
  });
});

describe('access.grant-approval: requests filed on someone\'s behalf', () => {
  const g = grant('new.hire@x.ai', 'GitHub', '2026-06-10T18:00:00Z');
  const hr: PersonRecord = { ...person('new.hire@x.ai', '2025-01-01'), name: 'Nia Hire' };
  const filedByManager = (subject: Partial<TicketRecord>) => ticket({ key: 'IT-9', created: '2026-06-08T16:00:00Z', summary: 'GitHub access for our new hire', reporter: 'manager@x.ai', approvedAt: '2026-06-09T16:00:00Z', approvedBy: 'it-lead', ...subject });

  it('matches the person a rule named (an email, or a name the HR roster knows) and says which rule matched', () => {
    for (const subjectEmail of ['new.hire@x.ai', 'Nia Hire', 'new.hire']) {
      const out = grantApprovalCheck.run(ctx({ access_event: [g], ticket: [filedByManager({ subjectEmail, subjectRule: 'label for:' })], person: [hr] }));
      expect(out.exceptions, subjectEmail).toEqual([]);
      expect(out.items[0].trace.at(-1)?.detail).toContain('(rule: label for:)');
    }
  });

  it('a manager\'s request that names nobody, or names someone else, does not cover the grant', () => {
    expect(rules({ access_event: [g], ticket: [filedByManager({})], person: [hr] })).toEqual(['grant.no_ticket new.hire@x.ai']);
    expect(rules({ access_event: [g], ticket: [filedByManager({ subjectEmail: 'Someone Else', subjectRule: 'summary /for (.+)$/' })], person: [hr] })).toEqual(['grant.no_ticket new.hire@x.ai']);
  });
});
