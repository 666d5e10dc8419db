/**
 * @module Org B, "Kessel Robotik GmbH": about 120 people in Europe/Berlin, a Type II window from
 * September 2025 to February 2026 (crossing the end of summer time and a year end), with a
 * Rippling-style HR CSV (other headers, a rehire as a new employee id), the Google Workspace
 * Reports API, Linear, Grype scans on a monthly cadence, policies mapped in fieldwork.yaml,
 * an incident register with the organization's own categories and severities, and OTLP traces
 * whose production is called `live` (model calls and order cancellations by tool, some needing
 * approval). Planted problems and look-alikes go to the answer key.
 */
import { addDays } from '@fieldwork/core';
import { stringify } from 'yaml';
import { otlpLine } from '../../demo/agent-traces-otlp.js';
import type { DemoAttr, DemoSpan } from '../../demo/agent-traces-otlp.js';
import type { OrgGenerator } from './run-org.js';
import { KeyBuilder, localTime, makePeople, offsetTime, policyFile, Random, writeWorkspace } from './org-kit.js';
import type { OrgPerson } from './org-kit.js';

const TZ = 'Europe/Berlin';
const DOMAIN = 'kessel-robotik.example';
const PERIOD = { from: '2025-09-01', to: '2026-02-28' };
const LOG_START = addDays(PERIOD.from, -60);
const ADMIN = `admin@${DOMAIN}`;

/** Org B (see the module comment). */
export const kesselRobotik: OrgGenerator = {
  name: 'kessel-robotik',
  generate(dir) {
    const rng = new Random(9090);
    const k = new KeyBuilder();
    const people = makePeople(rng, 117, DOMAIN, PERIOD.from, (f, l) => `${f[0]}${l}`.toLowerCase(), 'K-');
    const at = (d: string, min: number) => localTime(d, min, TZ);
    const acts: { at: string; json: object }[] = [];
    let uq = 1;
    const gw = (app: 'admin' | 'login', time: string, name: string, params: Record<string, string>, actor: { email: string; profileId: string }) =>
      acts.push({ at: time, json: { kind: 'admin#reports#activity', id: { time, uniqueQualifier: String(uq++), applicationName: app, customerId: 'C03kessel' }, etag: `"${rng.hex(8)}"`, actor: { callerType: 'USER', ...actor }, ipAddress: '192.0.2.44', events: [{ type: app === 'login' ? 'login' : 'USER_SETTINGS', name, parameters: Object.entries(params).map(([n, value]) => ({ name: n, value })) }] } });
    const adminActor = { email: ADMIN, profileId: '100000000000000000001' };
    const pid = (p: OrgPerson) => `1${p.idpId.replace(/[^0-9]/g, '').padEnd(20, '7').slice(0, 20)}`;
    const rows: OrgPerson[] = [];

    const leaverEnds = ['2025-09-12', '2025-09-30', '2025-10-17', '2025-11-14', '2025-12-05', '2026-01-09', '2026-01-30', '2026-02-13'];
    leaverEnds.forEach((end, i) => { people[70 + i].end = end; });
    const dstLate = people[80]; dstLate.end = '2025-10-24';
    const newYear = people[81]; newYear.end = '2025-12-31';
    const rehireOld = people[82]; rehireOld.start = '2021-04-01'; rehireOld.end = '2025-09-30';
    const rehireNew: OrgPerson = { ...rehireOld, id: 'K-7731', start: '2026-01-12', end: undefined };
    const contractor = people[83]; contractor.type = 'contractor'; contractor.start = '2025-03-01'; contractor.end = '2025-11-30';
    const hired: OrgPerson = { ...contractor, id: 'K-7732', type: 'employee', start: '2025-12-01', end: undefined };
    const missing = people[84]; missing.end = '2026-01-23';
    rows.push(...people, rehireNew, hired);

    // Everyone enrols 2-step verification before the first sign-in and signs in every week or two while employed.
    const tenures = new Map<string, { start: string; end: string }[]>();
    for (const p of rows) tenures.set(p.email, [...(tenures.get(p.email) ?? []), { start: p.start, end: p.end ?? PERIOD.to }]);
    const byEmail = new Map(rows.map((p) => [p.email, p]));
    for (const [email, spells] of tenures) {
      const p = byEmail.get(email) as OrgPerson;
      const first = spells.map((s) => s.start).sort()[0];
      gw('login', at(first > LOG_START ? first : LOG_START, 7 * 60), '2sv_enroll', {}, { email, profileId: pid(p) });
      for (const s of spells) {
        const merged = email === contractor.email ? { start: contractor.start, end: PERIOD.to } : s;
        if (email === contractor.email && s.start === hired.start) continue;
        for (let d = merged.start > LOG_START ? merged.start : addDays(LOG_START, rng.int(1, 6)); d <= merged.end && d <= PERIOD.to; d = addDays(d, rng.int(5, 12))) {
          gw('login', at(d, 8 * 60 + rng.int(0, 120)), 'login_success', { login_type: 'google_password' }, { email, profileId: pid(p) });
        }
      }
    }
    for (const p of people.filter((q) => q.end && q.end >= PERIOD.from && ![dstLate, newYear, missing, contractor, rehireOld].includes(q))) {
      gw('admin', at(p.end as string, 17 * 60 + rng.int(0, 90)), 'SUSPEND_USER', { USER_EMAIL: p.email }, adminActor);
    }
    // 00:30 on Monday 27 October, the day after summer time ended: two calendar days after the end date in Berlin, one in UTC.
    gw('admin', at('2025-10-27', 30), 'SUSPEND_USER', { USER_EMAIL: dstLate.email }, adminActor);
    k.plant('hr.deprovisioning', 'deprovision.late', dstLate.email, 'suspended at 00:30 local two days after leaving; counted in UTC it would look like one day');
    gw('admin', at('2026-01-01', 23 * 60 + 30), 'SUSPEND_USER', { USER_EMAIL: newYear.email }, adminActor);
    k.lookAlike('hr.deprovisioning', newYear.email, 'left on New Year\'s Eve, suspended late on 1 January');
    gw('admin', at('2025-09-30', 18 * 60), 'SUSPEND_USER', { USER_EMAIL: rehireOld.email }, adminActor);
    gw('admin', at('2026-01-08', 10 * 60), 'UNSUSPEND_USER', { USER_EMAIL: rehireOld.email }, adminActor);
    for (const check of ['hr.deprovisioning', 'access.reconciliation']) k.lookAlike(check, rehireOld.email, 'left in September, rehired in January under a new employee id: the unsuspension belongs to the new spell');
    for (const check of ['hr.deprovisioning', 'access.reconciliation']) k.lookAlike(check, contractor.email, 'contractor row ends 30 November, employee row starts 1 December');
    for (const d of ['2026-01-28', '2026-02-04']) gw('login', at(d, 9 * 60), 'login_success', { login_type: 'google_password' }, { email: missing.email, profileId: pid(missing) });
    k.plant('hr.deprovisioning', 'deprovision.missing', missing.email, 'never suspended');
    k.plant('hr.deprovisioning', 'deprovision.active_after_end', missing.email, 'signed in after leaving');
    k.plant('access.reconciliation', 'reconcile.leaver_active', missing.email, 'HR says gone, Google says active');
    const orphan = { email: `temp.admin@${DOMAIN}`, profileId: '100000000000000000099' };
    gw('login', at(LOG_START, 7 * 60), '2sv_enroll', {}, orphan);
    for (const d of ['2025-10-02', '2026-02-10']) gw('login', at(d, 10 * 60), 'login_success', { login_type: 'google_password' }, orphan);
    k.plant('access.reconciliation', 'reconcile.no_person', orphan.email, 'a Google account active in the period with no HR row');

    // Linear: access requests for Google groups, filed by managers; quarterly access reviews.
    type Node = { identifier: string; title: string; createdAt: string; completedAt?: string; labels: string[]; creator: OrgPerson; approvedAt?: string; approver?: OrgPerson };
    const issues: Node[] = [];
    let n = 200;
    const grant = (p: OrgPerson, group: string, day: string) => gw('admin', at(day, 14 * 60), 'ADD_GROUP_MEMBER', { USER_EMAIL: p.email, GROUP_EMAIL: `${group}@${DOMAIN}` }, adminActor);
    const mgr = people[5];
    const login = (p: OrgPerson) => p.email.split('@')[0];
    grant(people[30], 'github-admins', '2025-09-17');
    issues.push({ identifier: `OPS-${n++}`, title: 'Access: github-admins', createdAt: at('2025-09-15', 9 * 60), completedAt: at('2025-09-17', 15 * 60), labels: ['access-request', 'app:github-admins', `requested-for:${people[30].email}`], creator: mgr, approvedAt: at('2025-09-16', 11 * 60), approver: people[6] });
    k.lookAlike('access.grant-approval', people[30].email, 'filed by the manager; the person is in a requested-for: label');
    grant(people[31], 'prod-db-readers', '2025-11-19');
    issues.push({ identifier: `OPS-${n++}`, title: `Access: prod-db-readers for ${login(people[31])}`, createdAt: at('2025-11-17', 9 * 60), completedAt: at('2025-11-19', 15 * 60), labels: ['access-request', 'app:prod-db-readers'], creator: mgr, approvedAt: at('2025-11-18', 11 * 60), approver: people[6] });
    k.lookAlike('access.grant-approval', people[31].email, 'filed by the manager; the person\'s login is in the title');
    grant(people[32], 'github-admins', '2026-01-14');
    issues.push({ identifier: `OPS-${n++}`, title: `Access: github-admins for ${login(people[32])}`, createdAt: at('2026-01-12', 9 * 60), labels: ['access-request', 'app:github-admins'], creator: mgr });
    k.plant('access.grant-approval', 'grant.unapproved', people[32].email, 'the request was never approved');
    grant(people[33], 'finance-admins', '2026-02-18');
    k.plant('access.grant-approval', 'grant.no_ticket', people[33].email, 'group granted with no request');
    for (const [q, day] of [['2025-Q3', '2025-09-22'], ['2025-Q4', '2025-12-08']] as const) {
      for (const sys of ['google-workspace', 'github']) issues.push({ identifier: `SEC-${n++}`, title: `${q} access review ${sys}`, createdAt: at(day, 9 * 60), completedAt: at(addDays(day, 3), 16 * 60), labels: ['access-review', `system:${sys}`], creator: people[6], approvedAt: at(addDays(day, 3), 15 * 60), approver: people[6] });
    }
    const user = (p: OrgPerson) => ({ id: p.idpId, name: `${p.first} ${p.last}`, displayName: login(p), email: p.email });
    const linear = { data: { issues: { nodes: issues.map((i) => ({
      id: rng.uuid(), identifier: i.identifier, title: i.title, createdAt: i.createdAt, updatedAt: i.completedAt ?? i.createdAt, completedAt: i.completedAt ?? null, canceledAt: null,
      url: `https://linear.app/kessel/issue/${i.identifier}`, priorityLabel: 'Medium', state: { id: 's', name: i.completedAt ? 'Done' : 'Triage', type: i.completedAt ? 'completed' : 'triage' },
      labels: { nodes: i.labels.map((name, j) => ({ id: `l${j}`, name })) }, assignee: null, creator: user(i.creator),
      history: { nodes: i.approvedAt && i.approver ? [{ id: rng.uuid(), createdAt: i.approvedAt, actor: user(i.approver), fromState: { id: 'a', name: 'Triage', type: 'triage' }, toState: { id: 'b', name: 'Approved', type: 'started' } }] : [] },
    })), pageInfo: { hasNextPage: false, endCursor: null } } } };

    // Grype: monthly base-image scans (one per calendar month, whatever the gap).
    const grype: Record<string, string> = {};
    const CORE = '/src/motion-core';
    const FLEET = '/src/fleet-api';
    const scans: [string, string[]][] = [[CORE, ['2025-09-02', '2025-10-30', '2025-11-03', '2025-12-29', '2026-01-05', '2026-02-26']], [FLEET, ['2025-09-10', '2025-10-10', '2025-11-10', '2025-12-10', '2026-02-10']]];
    for (const [target, days] of scans) for (const d of days) {
      grype[`exporte/grype/${target.split('/').pop()}-${d}.json`] = JSON.stringify({ matches: [], source: { type: 'directory', target }, distro: { name: 'debian', version: '12' }, descriptor: { name: 'grype', version: '0.86.1', timestamp: offsetTime(at(d, 5 * 60), TZ) } }, null, 2);
    }
    k.lookAlike('vuln.scan-cadence', CORE, 'one scan in every calendar month, though 56 days apart between November and December');
    k.plant('vuln.scan-cadence', 'scan.missed', FLEET, 'no scan in January 2026');

    // Policies under the organization's own ids, mapped in fieldwork.yaml.
    const ceo = people[0];
    const map: Record<string, string> = { 'KR-IS-01': 'access-control', 'KR-IS-02': 'change-management', 'KR-IS-03': 'vendor-management', 'KR-IS-04': 'incident-response', 'KR-IS-05': 'bcdr', 'KR-IS-06': 'secure-development', 'KR-IS-07': 'data-classification' };
    const policyFiles = Object.fromEntries(Object.keys(map).map((id, i) => [`richtlinien/${id}.md`, policyFile({ id, title: `Richtlinie ${id}`, version: `2.${i}`, owner: 'isb', approvedBy: ceo.email, approvedAt: '2025-08-20' })]));
    for (const req of Object.values(map)) k.lookAlike('policy.lifecycle', req, 'a policy under the organization\'s own id, mapped in policies.map');

    // Agent platform: production is called `live`; a sandbox model; a model retired but still served.
    const SERVICE = 'fleet-copilot';
    const lines: string[] = [];
    const chat = (env: string, model: string, day: string) => {
      const t = Date.parse(at(day, 11 * 60 + rng.int(0, 300)));
      lines.push(otlpLine({ 'service.name': SERVICE, 'deployment.environment.name': env }, [{ traceId: rng.hex(32), spanId: rng.hex(16), name: `chat ${model}`, kind: 3, start: t, end: t + 2100, attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': model.startsWith('gpt') ? 'openai' : 'mistral_ai', 'gen_ai.request.model': model, 'gen_ai.response.model': model } }], rng));
    };
    for (let d = '2025-08-25'; d <= PERIOD.to; d = addDays(d, 7)) {
      if (d <= '2026-02-20') chat('live', 'mistral-large-2411', d);
      if (d >= '2026-01-16') chat('live', 'mistral-large-2501', addDays(d, 1));
      if (d >= '2025-10-08') chat('live', 'gpt-4o-mini', addDays(d, 2));
      chat('sandbox', 'llama-3.3-70b', addDays(d, 3));
    }
    // Tool calls: the copilot cancels customer orders with the customer user's delegated token; a
    // cancellation above 5 000 EUR waits for a dispatcher's approval. Sandbox traffic is no evidence.
    const ORDERS = 'https://auftraege.kessel.example/api';
    const COPILOT = 'svc:fleet-copilot';
    const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
    const toolCall = (env: string, day: string, o: { tenant: string; value: number; approved?: boolean; credentialTenant?: string }) => {
      const traceId = rng.hex(32);
      const rootId = rng.hex(16);
      const user = `u-${o.tenant}-${rng.int(1, 40)}`;
      const t = Date.parse(at(day, 14 * 60 + rng.int(0, 180)));
      const approval: Record<string, DemoAttr> = o.approved ? { 'app.approval.approver': people[12].email, 'app.approval.at': new Date(t - 9 * 60_000).toISOString(), 'app.approval.id': `FREI-${rng.int(100, 999)}` } : {};
      const tool: DemoSpan = { traceId, spanId: rng.hex(16), parentSpanId: rootId, name: 'execute_tool auftrag.stornieren', kind: 1, start: t + 400, end: t + 900, attrs: {
        'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'auftrag.stornieren', 'gen_ai.tool.call.id': `call_${rng.hex(24)}`, 'app.order.value': o.value, ...approval,
        'app.authz.subject': user, 'app.authz.actor': COPILOT, 'app.authz.audience': ORDERS, 'app.authz.scope': 'orders.cancel', 'app.authz.grant_type': EXCHANGE,
        'app.authz.credential_id': `tok-${rng.hex(12)}`, 'app.authz.tenant': o.credentialTenant ?? o.tenant,
      } };
      lines.push(otlpLine({ 'service.name': SERVICE, 'deployment.environment.name': env }, [
        { traceId, spanId: rootId, name: 'invoke_agent fleet-copilot', kind: 1, start: t, end: t + 1500, attrs: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'fleet-copilot', 'tenant.id': o.tenant, 'enduser.id': user } },
        tool,
      ], rng));
      return tool.spanId;
    };
    for (let d = '2025-09-03', i = 0; d <= PERIOD.to; d = addDays(d, 9), i++) {
      const big = i % 4 === 0;
      toolCall('live', d, { tenant: ['spedition-nord', 'hafen-logistik', 'alpen-transport'][i % 3], value: big ? 7200 + i * 10 : 900 + i * 35, approved: big });
    }
    const sandboxUnapproved = toolCall('sandbox', '2025-11-19', { tenant: 'spedition-nord', value: 12_000 });
    k.lookAlike('agent.human-approval', sandboxUnapproved, 'a cancellation above 5 000 EUR without approval, but in the sandbox');
    const sandboxForeign = toolCall('sandbox', '2025-12-10', { tenant: 'hafen-logistik', value: 400, credentialTenant: 'spedition-nord' });
    k.lookAlike('agent.tool-authorization', sandboxForeign, 'another tenant\'s token, but in the sandbox');
    const atThreshold = toolCall('live', '2026-01-21', { tenant: 'alpen-transport', value: 5000 });
    k.lookAlike('agent.human-approval', atThreshold, 'exactly 5 000 EUR: the threshold is "above 5 000", so no approval is needed');
    const unapproved = toolCall('live', '2026-02-04', { tenant: 'spedition-nord', value: 8400 });
    k.plant('agent.human-approval', 'hitl.missing', unapproved, 'a live cancellation of 8 400 EUR without a dispatcher\'s approval');
    k.plant('agent.human-approval', 'hitl.no_incident', unapproved, 'the unapproved cancellation is not in the incident register');
    const foreign = toolCall('live', '2025-10-15', { tenant: 'alpen-transport', value: 650, credentialTenant: 'hafen-logistik' });
    k.plant('agent.tool-authorization', 'toolauth.tenant_mismatch', foreign, 'a live call for alpen-transport made with a token of hafen-logistik');

    const approved = (id: string, to: string, effective: string, extra: object = {}) => ({ id, service: SERVICE, environment: 'live', to, ticket: `KI-${id}`, requested_by: people[9].email, approved_by: people[10].email, approved_at: `${addDays(effective, -2)}T10:00:00Z`, effective_at: `${effective}T09:00:00Z`, evals: [`ev-${to}-gate`], ...extra });
    const changes = [approved('MC-3', 'mistral-large-2411', '2025-01-20'), approved('MC-6', 'gpt-4o-mini', '2025-10-06'), approved('MC-7', 'mistral-large-2501', '2026-01-15', { from: 'mistral-large-2411' })];
    k.lookAlike('agent.model-change', 'gpt-4o-mini', 'a second model in force for the short-answer route, added through its own change');
    k.lookAlike('agent.model-change', 'mistral-large-2501', 'replaced mistral-large-2411 through an approved change with a passing eval');
    k.lookAlike('agent.model-change', 'llama-3.3-70b', 'seen only in the sandbox environment');
    k.lookAlike('agent.eval-coverage', 'llama-3.3-70b', 'seen only in the sandbox environment');
    k.plant('agent.model-change', 'modelchange.silent_swap', 'mistral-large-2411', 'still served until 20 February, five weeks after MC-7 replaced it');
    k.lookAlike('agent.incident-coverage', 'mistral-large-2411', 'the swap back is in the incident register (KR-INC-12)');
    const runs: object[] = [];
    const run = (id: string, model: string, day: string) => runs.push({ id, model, dataset: 'holdout-de-2025', score: 0.88, threshold: 0.8, tests: 500, failures: 60, finished_at: `${day}T14:00:00Z` });
    for (const [model, gate] of [['mistral-large-2411', '2025-01-15'], ['gpt-4o-mini', '2025-10-01'], ['mistral-large-2501', '2026-01-10']] as const) run(`ev-${model}-gate`, model, gate);
    for (let d = '2025-08-18', i = 0; d <= PERIOD.to; d = addDays(d, 25), i++) for (const model of ['mistral-large-2411', 'gpt-4o-mini', 'mistral-large-2501']) run(`ev-${model}-${i}`, model, d);

    // The incident register in the organization's own words.
    const incidents = [
      { key: 'KR-INC-12', title: 'Copilot still answering with the retired Mistral model', category: 'Modell-Drift', severity: 'S2', opened_at: '2026-02-20T08:00:00+01:00', responded_at: '2026-02-20T09:10:00+01:00', closed_at: '2026-02-21T12:00:00+01:00', postmortem: 'https://wiki.kessel.example/pm/12', related: ['mistral-large-2411'] },
      { key: 'KR-INC-9', title: 'Fleet API latency', category: 'Verfügbarkeit', severity: 'S3', opened_at: '2025-11-04T14:00:00+01:00', responded_at: '2025-11-04T14:40:00+01:00', closed_at: '2025-11-04T18:00:00+01:00', related: [] },
      { key: 'KR-INC-10', title: 'Badge reader offline', category: 'Sonstiges', severity: 'S4', opened_at: '2025-12-02T10:00:00+01:00', responded_at: '2025-12-02T11:00:00+01:00', closed_at: '2025-12-02T15:00:00+01:00', related: [] },
    ];
    for (const key of ['KR-INC-12', 'KR-INC-9']) k.lookAlike('incident.register', key, 'category and severity in the organization\'s own words, mapped in incidents:');
    k.plant('incident.register', 'incident.uncategorized', 'KR-INC-10', '"Sonstiges" maps to no category of the taxonomy');
    const taxonomy = [
      { id: 'silent-model-regression', name: 'Silent model change or regression', owaspLlm: ['LLM09'], severity: 'medium', owner: 'ai-lead', responseHours: 8, aliases: ['Modell-Drift'] },
      { id: 'service-outage', name: 'Service outage or degradation', owaspLlm: [], severity: 'high', owner: 'engineering-lead', responseHours: 2, aliases: ['Verfügbarkeit'] },
    ];

    acts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const hrHeader = 'Employee ID,Legal first name,Legal last name,Work email,Department,Employment type,Start date,End date';
    const hrRows = rows.map((p) => [p.id, p.first, p.last, p.email, p.department, p.type === 'contractor' ? 'Contractor' : 'Full-time', p.start, p.end ?? ''].join(','));
    writeWorkspace(dir, {
      organization: 'Kessel Robotik GmbH', timezone: TZ,
      scope: { categories: ['security'], report: { type: 2, ...PERIOD }, systems: ['google-workspace', 'github'] },
      owners: { compliance: { name: `${ceo.first} ${ceo.last}`, email: ceo.email, roles: ['ceo'] } },
      sources: [
        { name: 'hris', kind: 'hr-csv', path: 'exporte/hris/mitarbeitende.csv', options: { columns: { id: 'Employee ID', firstName: 'Legal first name', lastName: 'Legal last name', email: 'Work email', department: 'Department', workerType: 'Employment type', startDate: 'Start date', endDate: 'End date' } } },
        { name: 'google', kind: 'google-workspace-admin', path: 'exporte/google/activities.jsonl' },
        { name: 'linear', kind: 'linear-issues', path: 'exporte/linear/issues.json', options: { subjectRules: [{ label: 'requested-for:' }, { summary: ' for (?<subject>[a-z]+)$' }] } },
        { name: 'grype', kind: 'grype-json', glob: 'exporte/grype/*.json' },
        { name: 'richtlinien', kind: 'policies-md', glob: 'richtlinien/*.md' },
        { name: 'traces', kind: 'otlp-json', path: 'exporte/otel/copilot.jsonl' },
        { name: 'modellwechsel', kind: 'model-changes-yaml', path: 'governance/modellwechsel.yaml' },
        { name: 'evals', kind: 'eval-runs-json', path: 'exporte/evals/runs.json' },
        { name: 'vorfaelle', kind: 'incidents-json', path: 'governance/vorfaelle.json' },
      ],
      vulnerability: { assets: [{ name: CORE, cadence: 'monthly' }, { name: FLEET, cadence: 'monthly' }] },
      tools: [{ name: 'auftrag.stornieren', resource: ORDERS, requiredScopes: ['orders.cancel'], identity: 'delegated-user', risk: 'high', approvalThreshold: { argument: 'app.order.value', above: 5000 }, autonomy: 'bounded' }],
      agent: { productionEnvironments: ['live'], serviceIdentities: [COPILOT], heldOutDatasets: ['holdout-de-2025'], stores: [{ name: 'traces', kind: 'trace', retentionDays: 365 }] },
      policies: { approvers: [ceo.email], map },
      incidents: { taxonomy, severities: { S1: 'critical', S2: 'high', S3: 'medium', S4: 'low' } },
      controls: { exclude: [{ id: 'AGT-05', reason: 'The fleet copilot keeps no cross-customer memory; isolation is tested per deployment in the platform review.' }] },
    }, {
      'exporte/hris/mitarbeitende.csv': [hrHeader, ...hrRows].join('\n') + '\n',
      'exporte/google/activities.jsonl': acts.map((a) => JSON.stringify(a.json)).join('\n') + '\n',
      'exporte/linear/issues.json': JSON.stringify(linear, null, 2),
      'exporte/otel/copilot.jsonl': lines.join('\n') + '\n',
      'governance/modellwechsel.yaml': stringify({ changes }),
      'exporte/evals/runs.json': JSON.stringify({ runs }, null, 2),
      'governance/vorfaelle.json': JSON.stringify({ incidents }, null, 2),
      ...grype, ...policyFiles,
    });
    return { key: k.key, now: new Date('2026-03-03T12:00:00Z') };
  },
};
