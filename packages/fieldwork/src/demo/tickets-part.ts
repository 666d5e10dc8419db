import { addDays, startOfDay } from '@fieldwork/core';
import { planting } from './demo-plants.js';
import { stackOf } from './demo-stack.js';
import { entraDirectoryAudits } from './entra-demo-formats.js';
import type { IdentityFact } from './entra-demo-formats.js';
import { LINEAR_SUBJECT_LINE, toLinear } from './linear-demo-format.js';
import type { DemoContext, DemoPart, DemoPartOutput, DemoPerson } from './demo-context.js';

/** The Jira custom field (user picker) naming the person a request is about. */
export const JIRA_SUBJECT_FIELD = 'customfield_10400';
/** Apps whose grants need an access-request ticket (beyond onboarding). */
export const PRIVILEGED_APPS = ['AWS IAM Identity Center', 'GitHub Enterprise'] as const;

/** Incident categories the demo's incidents use (merged into `incidents.taxonomy`). */
export const TICKETS_INCIDENT_TAXONOMY = [
  { id: 'availability', name: 'Service outage or degradation', severity: 'high', owner: 'engineering-lead', responseHours: 1, owaspLlm: [] },
  { id: 'security', name: 'Security event (phishing, malware, lost device)', severity: 'medium', owner: 'security-lead', responseHours: 4, owaspLlm: [] },
  { id: 'unauthorized-tool-action', name: 'Agent took an action it was not authorized to take', severity: 'high', owner: 'ai-lead', responseHours: 1, owaspLlm: ['LLM06'] },
  { id: 'cross-tenant-exposure', name: 'One tenant saw another tenant\'s data', severity: 'critical', owner: 'security-lead', responseHours: 1, owaspLlm: ['LLM02'] },
  { id: 'prompt-injection', name: 'Prompt injection that changed agent behaviour', severity: 'high', owner: 'ai-lead', responseHours: 2, owaspLlm: ['LLM01'] },
  { id: 'pii-in-output', name: 'Personal data in model output or logs', severity: 'high', owner: 'security-lead', responseHours: 4, owaspLlm: ['LLM02'] },
  { id: 'model-regression', name: 'Silent model change or quality regression', severity: 'medium', owner: 'ai-lead', responseHours: 8, owaspLlm: ['LLM09'] },
  { id: 'system-prompt-leak', name: 'System prompt disclosed', severity: 'medium', owner: 'ai-lead', responseHours: 8, owaspLlm: ['LLM07'] },
  { id: 'runaway-spend', name: 'Unbounded model consumption', severity: 'medium', owner: 'engineering-lead', responseHours: 4, owaspLlm: ['LLM10'] },
];

const IT_DESK = { accountId: '712020:it-service-desk', emailAddress: 'it@relaylabs.ai', displayName: 'IT Service Desk', active: true };
const OKTA_ADMIN = { id: '00uadmin0000000000', alternateId: 'it-admin', displayName: 'IT Admin' };
const OWNER = { accountId: '712020:maya-chen', emailAddress: 'maya.chen@relaylabs.ai', displayName: 'Maya Chen', active: true };

export type JiraUser = { accountId: string; emailAddress: string; displayName: string; active: boolean };
export type History = { at: string; by: JiraUser; from: string; to: string };
export interface DemoIssue {
  type: string;
  summary: string;
  created: string;
  reporter: JiraUser;
  assignee?: JiraUser;
  labels: string[];
  components?: string[];
  priority: string;
  histories: History[];
  subject?: JiraUser;
  links?: { key: string; summary: string; type: string }[];
  project: 'IT' | 'SEC' | 'INC';
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const jiraUser = (p: DemoPerson): JiraUser => ({ accountId: `712020:${p.oktaId}`, emailAddress: p.email, displayName: `${p.firstName} ${p.lastName}`, active: true });

/** Minutes after local midnight → an ISO instant. */
function localTime(date: string, minutes: number, tz: string): string {
  return new Date(Date.parse(startOfDay(date, tz)) + minutes * 60_000).toISOString();
}

/** An instant as Jira writes it: local wall time with a `-0700` offset. */
export function jiraTime(instant: string, tz: string): string {
  const t = Date.parse(instant);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offset = Math.round((Date.parse(`${wall}Z`) - Math.floor(t / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}.${String(t % 1000).padStart(3, '0')}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function oktaGrant(ctx: DemoContext, at: string, p: DemoPerson, app: string): { line: string; fact: IdentityFact } {
  // Drawn in this order whatever the format, so every stack gets the same ids.
  const sessionId = `trs${ctx.rng.hex(20)}`;
  const requestId = ctx.rng.hex(24);
  const transactionId = ctx.rng.hex(24);
  const uuid = ctx.rng.uuid();
  const appUserId = `0ua${ctx.rng.hex(17)}`;
  const fact: IdentityFact = { at, type: 'grant', person: { email: p.email, name: `${p.firstName} ${p.lastName}`, oktaId: p.oktaId }, by: 'admin', app, uuid, requestId };
  const line = JSON.stringify({
    actor: { ...OKTA_ADMIN, type: 'User', detailEntry: null },
    client: { userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' }, zone: 'null', device: 'Computer', id: null, ipAddress: '203.0.113.10', geographicalContext: { city: 'San Francisco', state: 'California', country: 'United States', postalCode: '94105', geolocation: { lat: 37.79, lon: -122.39 } } },
    authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: sessionId },
    displayMessage: 'Add user to application membership',
    eventType: 'application.user_membership.add',
    outcome: { result: 'SUCCESS', reason: null },
    published: at,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: 'INFO',
    debugContext: { debugData: { requestId } },
    legacyEventType: 'app.generic.provision.assign_user_to_app',
    transaction: { type: 'WEB', id: transactionId, detail: {} },
    uuid,
    version: '0',
    request: { ipChain: [] },
    target: [
      { id: appUserId, type: 'AppUser', alternateId: p.email, displayName: `${p.firstName} ${p.lastName}`, detailEntry: null },
      { id: `0oa${slug(app).replace(/-/g, '').slice(0, 17).padEnd(17, '0')}`, type: 'AppInstance', alternateId: app, displayName: app, detailEntry: null },
      { id: p.oktaId, type: 'User', alternateId: p.email, displayName: `${p.firstName} ${p.lastName}`, detailEntry: null },
    ],
  });
  return { line, fact };
}

/** The person who approves for `p`: the longest-serving current employee of the same department. */
function managerOf(ctx: DemoContext, p: DemoPerson): JiraUser {
  const m = ctx.people
    .filter((q) => q !== p && q.department === p.department && q.workerType === 'employee' && !q.endDate && q.hireDate < p.hireDate)
    .sort((a, b) => (a.hireDate < b.hireDate ? -1 : 1))[0];
  return m ? jiraUser(m) : OWNER;
}

function toJira(issue: DemoIssue, key: string, id: number, tz: string): object {
  const done = issue.histories.filter((h) => ['Done', 'Closed'].includes(h.to)).at(-1);
  const status = issue.histories.at(-1)?.to ?? 'Open';
  return {
    expand: 'operations,versionedRepresentations,editmeta,changelog,renderedFields',
    id: String(id),
    self: `https://relaylabs.atlassian.net/rest/api/3/issue/${id}`,
    key,
    fields: {
      issuetype: { id: String(10000 + issue.type.length), name: issue.type, subtask: false },
      summary: issue.summary,
      status: { name: status, statusCategory: { key: done ? 'done' : status === 'Open' || status === 'To Do' ? 'new' : 'indeterminate' } },
      created: jiraTime(issue.created, tz),
      updated: jiraTime(issue.histories.at(-1)?.at ?? issue.created, tz),
      resolutiondate: done ? jiraTime(done.at, tz) : null,
      resolution: done ? { name: 'Done' } : null,
      reporter: issue.reporter,
      assignee: issue.assignee ?? null,
      labels: issue.labels,
      components: (issue.components ?? []).map((name, i) => ({ id: String(10100 + i), name })),
      priority: { name: issue.priority },
      issuelinks: (issue.links ?? []).map((l, i) => ({ id: String(30000 + id * 10 + i), type: { name: 'Relates', inward: 'relates to', outward: 'relates to' }, outwardIssue: { key: l.key, fields: { summary: l.summary, issuetype: { name: l.type }, status: { name: 'Done' } } } })),
      [JIRA_SUBJECT_FIELD]: issue.subject ?? null,
    },
    changelog: {
      startAt: 0, maxResults: issue.histories.length, total: issue.histories.length,
      histories: issue.histories.map((h, i) => ({ id: String(id * 100 + i), author: h.by, created: jiraTime(h.at, tz), items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', fromString: h.from, toString: h.to }] })),
    },
  };
}

/**
 * Jira (onboarding and access-request tickets, quarterly access reviews, incidents) and the
 * Okta grants the access requests cover. Planted: a privileged grant without a ticket, one
 * approved only after the grant, and no completed AWS review in 2026-Q3.
 */
export const ticketsPart: DemoPart = {
  name: 'tickets',
  generate(ctx): DemoPartOutput {
    const tz = ctx.timezone;
    const logStart = addDays(ctx.period.from, -90);
    const issues: DemoIssue[] = [];
    const planted: DemoPartOutput['planted'] = [];
    const t = (date: string, minutes: number) => localTime(date, minutes, tz);

    // Onboarding: every hire the IdP log covers, approved by the manager before day one.
    for (const p of ctx.people.filter((q) => q.hireDate >= logStart)) {
      const created = t(addDays(p.hireDate, -14), 9 * 60 + ctx.rng.int(0, 90));
      const approved = t(addDays(p.hireDate, -ctx.rng.int(3, 9)), 14 * 60 + ctx.rng.int(0, 120));
      issues.push({
        project: 'IT', type: 'Onboarding', summary: `Onboarding: ${p.firstName} ${p.lastName} (starts ${p.hireDate})`, created, reporter: managerOf(ctx, p), assignee: IT_DESK,
        labels: ['onboarding'], priority: 'Medium', subject: jiraUser(p),
        histories: [{ at: approved, by: managerOf(ctx, p), from: 'Open', to: 'Approved' }, { at: t(p.hireDate, 12 * 60), by: IT_DESK, from: 'Approved', to: 'Done' }],
      });
    }

    // Privileged grants during the period, each behind an access request (two planted exceptions).
    const eligible = ctx.people.filter((p) => p.workerType === 'employee' && !p.endDate && ['Engineering', 'Applied AI', 'Security'].includes(p.department) && p.hireDate < addDays(ctx.period.from, -30));
    const grants: { line: string; fact: IdentityFact }[] = [];
    // Switched off, a plant is the compliant version: a ticket approved before the grant.
    const NO_TICKET = planting(ctx, 'tickets.grant_no_ticket') ? 5 : -1;
    const APPROVED_AFTER = planting(ctx, 'tickets.grant_approved_after') ? 3 : -1;
    for (let i = 0; i < 8 && i < eligible.length; i++) {
      const p = eligible[(i * 7 + 3) % eligible.length];
      const app = PRIVILEGED_APPS[i % PRIVILEGED_APPS.length];
      const day = addDays(ctx.period.from, 9 + i * 21);
      const grantAt = t(day, 11 * 60 + ctx.rng.int(0, 240));
      grants.push(oktaGrant(ctx, grantAt, p, app));
      if (i === NO_TICKET) {
        planted.push({ rule: 'grant.no_ticket', subject: p.email, why: `${app} granted on ${day} with no access-request ticket` });
        continue;
      }
      const created = t(addDays(day, -ctx.rng.int(2, 6)), 9 * 60 + ctx.rng.int(0, 120));
      const approvedAt = i === APPROVED_AFTER ? t(addDays(day, 2), 10 * 60) : new Date(Date.parse(grantAt) - ctx.rng.int(60, 600) * 60_000).toISOString();
      if (i === APPROVED_AFTER) planted.push({ rule: 'grant.approved_after', subject: p.email, why: `${app} granted on ${day}; the ticket was approved two days later` });
      const doneAt = new Date(Math.max(Date.parse(grantAt), Date.parse(approvedAt)) + 15 * 60_000).toISOString();
      issues.push({
        project: 'IT', type: 'Access Request', summary: `Access request: ${app} for ${p.firstName} ${p.lastName}`, created, reporter: jiraUser(p), assignee: IT_DESK,
        labels: ['access-request', `app:${slug(app)}`], components: [app], priority: 'High', subject: jiraUser(p),
        histories: [{ at: approvedAt, by: managerOf(ctx, p), from: 'Waiting for approval', to: 'Approved' }, { at: doneAt, by: IT_DESK, from: 'Approved', to: 'Done' }],
      });
    }

    // Quarterly access reviews per in-scope system; the AWS review of Q3 is still open at period end.
    const security = ctx.people.find((p) => p.department === 'Security' && p.workerType === 'employee' && !p.endDate);
    const reviewer = security ? jiraUser(security) : OWNER;
    const systems: [string, string][] = [['okta', 'Okta'], ['github', 'GitHub'], ['aws', 'AWS']];
    for (const [quarter, month] of [['2026-Q2', '06'], ['2026-Q3', '09']] as const) {
      for (const [k, [sys, name]] of systems.entries()) {
        const created = t(`2026-${month}-01`, 9 * 60 + k * 5);
        const started = t(`2026-${month}-0${3 + k}`, 10 * 60);
        const open = sys === 'aws' && quarter === '2026-Q3' && planting(ctx, 'tickets.review_missing');
        const histories: History[] = [{ at: started, by: reviewer, from: 'To Do', to: 'In Progress' }];
        if (open) planted.push({ rule: 'review.missing', subject: `aws ${quarter}`, why: 'the Q3 AWS access review was started but never completed' });
        else histories.push({ at: t(`2026-${month}-${String(10 + k * 4 + ctx.rng.int(0, 3)).padStart(2, '0')}`, 15 * 60), by: reviewer, from: 'In Progress', to: 'Done' });
        issues.push({
          project: 'SEC', type: 'Access Review', summary: `${quarter} user access review: ${name}`, created, reporter: OWNER, assignee: reviewer,
          labels: ['access-review', `system:${sys}`, `quarter:${quarter}`], components: [name], priority: 'High', histories,
        });
      }
    }

    // Incidents, each answered within its category's response time, the serious ones with a postmortem.
    const inc = (date: string, at: number, title: string, category: string, priority: string, respondMin: number, closeH: number, pm?: string): void => {
      const opened = t(date, at);
      const responded = new Date(Date.parse(opened) + respondMin * 60_000).toISOString();
      const closed = new Date(Date.parse(opened) + closeH * 3_600_000).toISOString();
      issues.push({
        project: 'INC', type: 'Incident', summary: title, created: opened, reporter: reviewer, assignee: reviewer, labels: ['incident', `category:${category}`], priority,
        histories: [{ at: responded, by: reviewer, from: 'Open', to: 'Investigating' }, { at: closed, by: reviewer, from: 'Investigating', to: 'Closed' }],
        ...(pm ? { links: [{ key: pm, summary: `Postmortem: ${title}`, type: 'Postmortem' }] } : {}),
      });
    };
    inc('2026-05-19', 14 * 60 + 5, 'Elevated 5xx on the agent API after a deploy', 'availability', 'High', 18, 5, 'PM-3');
    inc('2026-06-23', 10 * 60 + 40, 'Support agent issued a refund without the required approval', 'unauthorized-tool-action', 'High', 35, 26, 'PM-4');
    inc('2026-07-30', 16 * 60 + 12, 'Phishing email reported by an employee', 'security', 'Medium', 50, 3);
    inc('2026-08-27', 9 * 60 + 30, 'Prompt injection in an uploaded PDF triggered an outbound fetch', 'prompt-injection', 'High', 45, 30, 'PM-5');

    // Keys follow creation order per project, as Jira assigns them.
    issues.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
    const next: Record<string, number> = { IT: 100, SEC: 10, INC: 1 };
    const keys = issues.map((issue) => `${issue.project}-${next[issue.project]++}`);
    const files: Record<string, string> = {};
    const pageSize = 50;
    ctx.shared.tickets = { subjectField: JIRA_SUBJECT_FIELD, privilegedApps: [...PRIVILEGED_APPS] };
    const workspace = { incidents: { taxonomy: TICKETS_INCIDENT_TAXONOMY } };
    if (stackOf(ctx) === 'entra-linear') {
      const nodes = issues.map((issue, i) => toLinear(issue, keys[i], i));
      for (let start = 0; start < nodes.length; start += pageSize) {
        const page = start + pageSize < nodes.length;
        files[`exports/linear/issues-page-${start / pageSize + 1}.json`] = JSON.stringify({ data: { issues: { nodes: nodes.slice(start, start + pageSize), pageInfo: { hasNextPage: page, endCursor: page ? nodes[start + pageSize - 1].id : null } } } }, null, 2) + '\n';
      }
      files['exports/entra/directory-audits-access-requests.json'] = entraDirectoryAudits(grants.map((g) => g.fact), ctx.domain);
      return {
        files,
        sources: [
          { name: 'linear', kind: 'linear-issues', glob: 'exports/linear/issues-page-*.json', options: { subjectRules: [{ description: LINEAR_SUBJECT_LINE }] } },
          { name: 'entra-access-requests', kind: 'entra-audit', path: 'exports/entra/directory-audits-access-requests.json' },
        ],
        workspace,
        planted,
      };
    }
    const json = issues.map((issue, i) => toJira(issue, keys[i], 10_000 + i, tz));
    for (let start = 0; start < json.length; start += pageSize) {
      const page = { expand: 'schema,names', startAt: start, maxResults: pageSize, total: json.length, issues: json.slice(start, start + pageSize) };
      files[`exports/jira/search-page-${start / pageSize + 1}.json`] = JSON.stringify(page, null, 2) + '\n';
    }
    files['exports/okta/system-log-access-requests.jsonl'] = grants.map((g) => g.line).join('\n') + '\n';
    return {
      files,
      sources: [
        { name: 'jira', kind: 'jira-issues', glob: 'exports/jira/search-page-*.json', options: { subjectField: JIRA_SUBJECT_FIELD } },
        { name: 'okta-access-requests', kind: 'okta-system-log', path: 'exports/okta/system-log-access-requests.jsonl' },
      ],
      workspace,
      planted,
    };
  },
};
