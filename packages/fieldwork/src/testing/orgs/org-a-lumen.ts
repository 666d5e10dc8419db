/**
 * @module Org A, "Lumen Ledger": about 120 people in America/New_York, a Type II window from
 * October 2025 to March 2026 (crossing the end of daylight saving time and a year end), with
 * BambooHR, the Okta System Log, Jira Cloud search pages, Trivy image scans, AWS Backup jobs and
 * restore jobs (in a Security-only scope), policies under the organization's own ids, model
 * changes, eval runs and OTLP traces. Planted problems and the
 * compliant look-alikes that resemble them are written to the answer key.
 */
import { addDays } from '@fieldwork/core';
import { stringify } from 'yaml';
import { otlpLine } from '../../demo/agent-traces-otlp.js';
import type { DemoSpan } from '../../demo/agent-traces-otlp.js';
import type { OrgGenerator } from './run-org.js';
import { KeyBuilder, localTime, makePeople, offsetTime, policyFile, Random, writeWorkspace } from './org-kit.js';
import type { OrgPerson } from './org-kit.js';
import { OKTA_ADMIN, oktaEvent } from './okta-events.js';
import type { OktaUser } from './okta-events.js';

const TZ = 'America/New_York';
const DOMAIN = 'lumenledger.example';
const PERIOD = { from: '2025-10-01', to: '2026-03-31' };
const LOG_START = addDays(PERIOD.from, -90);
const SUBJECT_FIELD = 'customfield_10231';
const SUMMARY_RULE = 'access for (?<subject>[A-Z][a-z]+ [A-Z][a-z]+)';

type JiraUser = { accountId: string; emailAddress: string; displayName: string; active: boolean };
interface Issue { key: string; type: string; summary: string; created: string; reporter: JiraUser; labels: string[]; subject?: JiraUser; approvedAt?: string; approver?: JiraUser; doneAt?: string }

/** Org A (see the module comment). */
export const lumenLedger: OrgGenerator = {
  name: 'lumen-ledger',
  generate(dir) {
    const rng = new Random(4242);
    const k = new KeyBuilder();
    const people = makePeople(rng, 118, DOMAIN, PERIOD.from, (f, l) => `${f}.${l}`.toLowerCase(), '');
    const at = (d: string, min: number) => localTime(d, min, TZ);
    const okta: { at: string; line: string }[] = [];
    const self = (p: OrgPerson, email = p.email): OktaUser => ({ id: p.idpId, alternateId: email, displayName: `${p.first} ${p.last}` });
    const jira = (p: OrgPerson): JiraUser => ({ accountId: `557058:${p.idpId}`, emailAddress: p.email, displayName: `${p.first} ${p.last}`, active: true });
    const IT: JiraUser = { accountId: '557058:it-desk', emailAddress: `it@${DOMAIN}`, displayName: 'IT Desk', active: true };
    const issues: Issue[] = [];
    let nextKey = 300;
    const ticket = (i: Omit<Issue, 'key'>) => issues.push({ ...i, key: `ITSD-${nextKey++}` });
    const extraRows: OrgPerson[] = [];

    // Shape the roster: leavers, new hires and the special cases below.
    const leaverEnds = ['2025-10-10', '2025-10-24', '2025-11-07', '2025-11-26', '2025-12-12', '2026-01-09', '2026-01-30', '2026-02-20', '2026-03-06', '2026-03-20'];
    leaverEnds.forEach((end, i) => { people[80 + i].end = end; });
    ['2025-10-14', '2025-11-03', '2025-12-01', '2026-01-12', '2026-02-09', '2026-03-09'].forEach((d, i) => { people[100 + i].start = d; });
    const dst = people[90]; dst.end = '2025-11-01';
    const yearEnd = people[91]; yearEnd.end = '2025-12-31';
    const rehire = people[92]; rehire.prior = { start: '2023-03-01', end: '2025-11-14' }; rehire.start = '2026-02-02';
    const converted = people[93]; converted.type = 'contractor'; converted.start = '2025-03-03'; converted.end = '2025-12-31';
    const convertedEmployee: OrgPerson = { ...converted, id: `${converted.id}E`, type: 'employee', start: '2026-01-05', end: undefined };
    extraRows.push(convertedEmployee);
    const renamed = people[94]; const oldEmail = renamed.email; renamed.email = `${renamed.first}.${renamed.last}-brandt@${DOMAIN}`.toLowerCase();
    const late = people[95]; late.end = '2026-01-16';
    const missing = people[96]; missing.end = '2026-02-13';
    const badRehire = people[97]; badRehire.prior = { start: '2022-05-02', end: '2025-10-17' }; badRehire.start = '2026-03-02';

    // Everyone: MFA enrolled, sign-ins every week or two while employed.
    const spells = (p: OrgPerson) => [...(p.prior ? [p.prior] : []), { start: p.start, end: p.end ?? PERIOD.to }];
    for (const p of [...people, convertedEmployee]) {
      if (p === converted) continue; // the contractor spell signs in under the same account below
      const first = p === convertedEmployee ? converted.start : spells(p)[0].start;
      // Enrolled before the first sign-in, under the login of the time (a later rename keeps the factor).
      const enrolled = first > LOG_START ? first : LOG_START;
      okta.push(oktaEvent(rng, at(enrolled, 7 * 60 + 30), 'user.mfa.factor.activate', self(p, p === renamed ? oldEmail : p.email), self(p, p === renamed ? oldEmail : p.email)));
      for (const s of p === convertedEmployee ? [{ start: converted.start, end: PERIOD.to }] : spells(p)) {
        for (let d = s.start > LOG_START ? s.start : addDays(LOG_START, rng.int(1, 6)); d <= s.end && d <= PERIOD.to; d = addDays(d, rng.int(6, 13))) {
          const email = p === renamed && d < '2025-12-01' ? oldEmail : p.email;
          okta.push(oktaEvent(rng, at(d, 8 * 60 + rng.int(0, 150)), 'user.session.start', undefined, self(p, email)));
        }
      }
    }
    for (const p of people.filter((q) => q.end && q.end >= PERIOD.from && ![late, missing].includes(q) && q !== converted)) {
      if (p === dst || p === yearEnd) continue;
      const sameDay = rng.chance(0.5);
      okta.push(oktaEvent(rng, at(sameDay ? p.end as string : addDays(p.end as string, 1), sameDay ? 17 * 60 + rng.int(0, 120) : 9 * 60 + rng.int(0, 90)), 'user.lifecycle.deactivate', self(p), OKTA_ADMIN));
    }
    // 23:30 on Sunday 2 November (standard time from that morning): one calendar day after the end date in New York, two in UTC.
    okta.push(oktaEvent(rng, at('2025-11-02', 23 * 60 + 30), 'user.lifecycle.deactivate', self(dst), OKTA_ADMIN));
    k.lookAlike('hr.deprovisioning', dst.email, 'deactivated late on the evening after the end date, the night daylight saving time ended: one day in New York, two in UTC');
    okta.push(oktaEvent(rng, at('2026-01-01', 21 * 60), 'user.lifecycle.deactivate', self(yearEnd), OKTA_ADMIN));
    k.lookAlike('hr.deprovisioning', yearEnd.email, 'left on New Year\'s Eve, deactivated on the evening of 1 January (2 January in UTC)');
    // The rehire: deactivated on leaving, re-activated by IT four days before the new start.
    okta.push(oktaEvent(rng, at('2025-11-14', 17 * 60 + 40), 'user.lifecycle.deactivate', self(rehire), OKTA_ADMIN));
    okta.push(oktaEvent(rng, at('2026-01-29', 10 * 60), 'user.lifecycle.reactivate', self(rehire), OKTA_ADMIN));
    for (const check of ['hr.deprovisioning', 'access.reconciliation', 'access.grant-approval']) k.lookAlike(check, rehire.email, 'left in November, rehired on 2 February: the re-activation and sign-ins belong to the new employment spell');
    k.lookAlike('hr.deprovisioning', converted.email, 'contractor converted to an employee after a five-day gap: one person, no departure');
    k.lookAlike('access.reconciliation', converted.email, 'contractor row ended, employee row started: still employed');
    k.lookAlike('access.reconciliation', oldEmail, 'signed in under the email before a name change; the Okta account id is the same');
    k.lookAlike('access.reconciliation', renamed.email, 'current employee after a name change');
    k.lookAlike('access.mfa-sso', renamed.email, 'enrolled MFA under the old login; the renamed Okta account keeps its factor');
    // Planted: a late deactivation; a leaver never deactivated who keeps signing in; a rehire never deactivated in between.
    okta.push(oktaEvent(rng, at('2026-01-22', 10 * 60), 'user.lifecycle.deactivate', self(late), OKTA_ADMIN));
    k.plant('hr.deprovisioning', 'deprovision.late', late.email, 'deactivated six days after the end date');
    for (const d of ['2026-02-17', '2026-02-24', '2026-03-03']) okta.push(oktaEvent(rng, at(d, 9 * 60), 'user.session.start', undefined, self(missing)));
    k.plant('hr.deprovisioning', 'deprovision.missing', missing.email, 'never deactivated');
    k.plant('hr.deprovisioning', 'deprovision.active_after_end', missing.email, 'kept signing in after leaving');
    k.plant('access.reconciliation', 'reconcile.leaver_active', missing.email, 'HR says gone, Okta says active');
    okta.push(oktaEvent(rng, at('2025-11-20', 9 * 60 + 15), 'user.session.start', undefined, self(badRehire)));
    k.plant('hr.deprovisioning', 'deprovision.missing', badRehire.email, 'first spell ended in October and the account was never deactivated (rehired in March)');
    k.plant('hr.deprovisioning', 'deprovision.active_after_end', badRehire.email, 'signed in in November, between the two employment spells');
    k.plant('access.reconciliation', 'reconcile.leaver_active', badRehire.email, 'active between two employment spells');
    // Planted: an Okta account nobody in HR owns.
    const ghost: OktaUser = { id: `00u${rng.hex(17)}`, alternateId: `vendor.contractor@${DOMAIN}`, displayName: 'Vendor Contractor' };
    okta.push(oktaEvent(rng, at(addDays(LOG_START, 2), 9 * 60), 'user.mfa.factor.activate', ghost, ghost));
    for (const d of ['2025-10-06', '2025-12-08', '2026-02-16']) okta.push(oktaEvent(rng, at(d, 11 * 60), 'user.session.start', undefined, ghost));
    k.plant('access.reconciliation', 'reconcile.no_person', ghost.alternateId, 'an Okta account active in the period with no person in BambooHR');

    // Onboarding: new hires and rehires get apps on their first day, covered by an onboarding ticket.
    for (const p of [...people.slice(100, 106), rehire, badRehire]) {
      const mgr = jira(people[p === rehire ? 3 : 4]);
      ticket({ type: 'Onboarding', summary: `Onboarding ${p.first} ${p.last}`, created: at(addDays(p.start, -12), 10 * 60), reporter: mgr, labels: ['onboarding'], subject: jira(p), approvedAt: at(addDays(p.start, -8), 15 * 60), approver: mgr, doneAt: at(p.start, 12 * 60) });
      for (const app of ['Slack', 'Google Workspace']) okta.push(oktaEvent(rng, at(p.start, 10 * 60 + rng.int(0, 60)), 'application.user_membership.add', self(p), OKTA_ADMIN, app));
      if (p !== rehire && p !== badRehire) okta.push(oktaEvent(rng, at(p.start, 8 * 60), 'user.lifecycle.activate', self(p), OKTA_ADMIN));
    }
    // Access requests for privileged apps, some filed by a manager on the person's behalf.
    const request = (p: OrgPerson, app: string, day: string, o: { by?: JiraUser; label?: boolean; inSummary?: boolean; subjectField?: boolean; approvedAfter?: boolean; none?: boolean }) => {
      const grantAt = at(day, 14 * 60);
      okta.push(oktaEvent(rng, grantAt, 'application.user_membership.add', self(p), OKTA_ADMIN, app));
      if (o.none) return;
      const mgr = o.by ?? jira(p);
      ticket({
        type: 'Access Request', summary: o.inSummary ? `${app} access for ${p.first} ${p.last} (joined the data team)` : `${app} access`, created: at(addDays(day, -3), 9 * 60), reporter: mgr,
        labels: ['access-request', `app:${app.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, ...(o.label ? [`for:${p.email}`] : [])], ...(o.subjectField ? { subject: jira(p) } : {}),
        approvedAt: o.approvedAfter ? at(addDays(day, 2), 11 * 60) : at(addDays(day, -1), 16 * 60), approver: jira(people[2]), doneAt: at(addDays(day, 2), 12 * 60),
      });
    };
    request(people[20], 'AWS IAM Identity Center', '2025-10-20', { subjectField: true });
    request(people[21], 'GitHub', '2025-12-03', { by: jira(people[4]), label: true });
    k.lookAlike('access.grant-approval', people[21].email, 'request filed by the manager; the person is named in a for: label');
    request(people[22], 'Snowflake', '2026-01-21', { by: jira(people[4]), inSummary: true });
    k.lookAlike('access.grant-approval', people[22].email, 'request filed by the manager; the person is named in the summary');
    request(people[23], 'AWS IAM Identity Center', '2026-02-11', { none: true });
    k.plant('access.grant-approval', 'grant.no_ticket', people[23].email, 'AWS granted with no request');
    request(people[24], 'GitHub', '2026-03-10', { subjectField: true, approvedAfter: true });
    k.plant('access.grant-approval', 'grant.approved_after', people[24].email, 'request approved two days after the grant');

    // Quarterly access reviews of the in-scope systems, signed off in Jira.
    for (const [q, month] of [['2025-Q4', '11'], ['2026-Q1', '02']] as const) {
      for (const [i, sys] of ['okta', 'github', 'aws'].entries()) {
        ticket({ type: 'Access Review', summary: `${q} access review: ${sys}`, created: at(`2025-${month}-03`.replace('2025-02', '2026-02'), 9 * 60 + i), reporter: jira(people[0]), labels: ['access-review', `system:${sys}`],
          approvedAt: at(`2025-${month}-1${i + 2}`.replace('2025-02', '2026-02'), 16 * 60), approver: jira(people[7]), doneAt: at(`2025-${month}-1${i + 2}`.replace('2025-02', '2026-02'), 16 * 60 + 5) });
      }
    }

    // Trivy: two images, declared weekly; scans move around the week, a holiday week is covered by the grace.
    const trivy: Record<string, string> = {};
    const API = 'registry.lumenledger.example/ledger-api';
    const WORKER = 'registry.lumenledger.example/ledger-worker';
    const scanDays = (first: string, move: Record<string, string | null>) => {
      const out: string[] = [];
      for (let d = first; d <= PERIOD.to; d = addDays(d, 7)) if (move[d] !== null) out.push(move[d] ?? d);
      return out;
    };
    for (const [image, days] of [
      [API, scanDays('2025-09-29', { '2025-11-10': '2025-11-14', '2025-12-22': '2025-12-30' })],
      [WORKER, scanDays('2025-10-01', { '2026-02-11': null })],
    ] as const) {
      for (const d of days) {
        const ref = `${image}:sha-${rng.hex(7)}`;
        trivy[`exports/trivy/${image.split('/').pop()}-${d}.json`] = JSON.stringify({
          SchemaVersion: 2, Trivy: { Version: '0.58.1' }, ReportID: rng.uuid(), CreatedAt: offsetTime(at(d, 6 * 60 + 30), TZ), ArtifactName: ref, ArtifactType: 'container_image',
          Metadata: { OS: { Family: 'debian', Name: '12.8' }, RepoTags: [ref] },
          Results: [{ Target: `${ref} (debian 12.8)`, Class: 'os-pkgs', Type: 'debian' }],
        }, null, 2);
      }
    }
    k.lookAlike('vuln.scan-cadence', API, 'one scan in every ISO week, though 11 days apart in November; the Christmas week is covered by a scan two days after it (graceDays: 2)');
    k.plant('vuln.scan-cadence', 'scan.missed', WORKER, 'no scan in the week of 9 February 2026');

    // AWS Backup: daily jobs of two critical resources; restore tests each quarter, one missed.
    // The scope is Security only: restore tests are still tested (CC7.5/CC9.1).
    const ACCOUNT = '210987654321';
    const DB = `arn:aws:rds:us-east-1:${ACCOUNT}:db:ledger-prod`;
    const DOCS = `arn:aws:s3:::lumen-ledger-documents`;
    const cli = (iso: string) => iso.replace(/\.(\d{3})Z$/, '.$1000+00:00');
    const jobsByMonth = new Map<string, object[]>();
    const lastPoint = new Map<string, string>();
    for (let d = addDays(PERIOD.from, -3); d <= PERIOD.to; d = addDays(d, 1)) {
      for (const [arn, type] of [[DB, 'RDS'], [DOCS, 'S3']] as const) {
        const id = rng.uuid().toUpperCase();
        const start = at(d, 2 * 60 + 30);
        const point = type === 'RDS' ? `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:awsbackup:job-${id.toLowerCase()}` : `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:${rng.uuid()}`;
        lastPoint.set(`${arn}|${d}`, point);
        const month = d.slice(0, 7);
        jobsByMonth.set(month, [...(jobsByMonth.get(month) ?? []), {
          AccountId: ACCOUNT, BackupJobId: id, BackupVaultName: 'ledger-vault', RecoveryPointArn: point, ResourceArn: arn,
          CreationDate: cli(start), CompletionDate: cli(new Date(Date.parse(start) + 14 * 60_000).toISOString()), State: 'COMPLETED', PercentDone: '100.0',
          BackupSizeInBytes: 52_000_000_000, ResourceType: type, ResourceName: arn.split(/[:/]/).pop(), InitiationDate: cli(start),
        }]);
      }
    }
    const restores = ([[DB, 'RDS', '2025-11-18'], [DB, 'RDS', '2026-02-17'], [DOCS, 'S3', '2025-12-09']] as const).map(([arn, type, d]) => {
      const t = at(d, 11 * 60);
      return {
        AccountId: ACCOUNT, RestoreJobId: rng.uuid().toUpperCase(), RecoveryPointArn: lastPoint.get(`${arn}|${addDays(d, -1)}`), SourceResourceArn: arn,
        CreationDate: cli(t), CompletionDate: cli(new Date(Date.parse(t) + 40 * 60_000).toISOString()), Status: 'COMPLETED', PercentDone: '100.00%',
        CreatedResourceArn: `${arn}-restore-test`, ResourceType: type, ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'Row counts and checksums matched.',
      };
    });
    const backupFiles = Object.fromEntries([...jobsByMonth].map(([m, jobs]) => [`exports/aws-backup/backup-jobs-${m}.json`, JSON.stringify({ BackupJobs: jobs }, null, 4)]));
    backupFiles['exports/aws-backup/restore-jobs.json'] = JSON.stringify({ RestoreJobs: restores }, null, 4);
    k.lookAlike('backup.restore-test', DB, 'restore-tested in each calendar quarter of the window, in a Security-only scope');
    k.plant('backup.restore-test', 'restore.missing', DOCS, 'the document bucket was restore-tested in 2025-Q4 only, not in 2026-Q1');

    // Policies under our own ids, mapped by front matter `type:`.
    const cto = people[1];
    const policies: [string, string, string, string][] = [
      ['LL-ISP-01', 'Identity and Access Standard', 'access-control', '2025-09-15'], ['LL-ISP-02', 'Change Control Procedure', 'change-management', '2025-09-15'],
      ['LL-ISP-03', 'Third-Party Risk Standard', 'vendor-management', '2024-11-03'], ['LL-ISP-04', 'Security Incident Handling', 'incident-response', '2025-09-15'],
      ['LL-ISP-05', 'Resilience and Recovery Plan', 'bcdr', '2025-10-20'], ['LL-ISP-06', 'Engineering Security Standard', 'secure-development', '2025-09-15'],
      ['LL-ISP-07', 'Information Handling Standard', 'data-classification', '2025-09-15'],
    ];
    const policyFiles = Object.fromEntries(policies.map(([id, title, type, day]) => [`policies/${id}.md`, policyFile({ id, title, type, version: '3.1', owner: 'security-lead', approvedBy: `${cto.first} ${cto.last}`, approvedAt: day })]));
    for (const [, , type] of policies.filter((p) => p[2] !== 'vendor-management')) k.lookAlike('policy.lifecycle', type, 'a policy under the organization\'s own id, mapped by front matter type:');
    k.plant('policy.lifecycle', 'policy.review_overdue', 'vendor-management', 'LL-ISP-03 last approved in November 2024');

    // Agent platform: two models in force at once, a staging model, a silent swap.
    const SERVICE = 'ledger-assistant';
    const lines: string[] = [];
    const chat = (env: string, model: string, day: string) => {
      const traceId = rng.hex(32);
      const t = Date.parse(at(day, 13 * 60 + rng.int(0, 200)));
      const spans: DemoSpan[] = [{ traceId, spanId: rng.hex(16), name: `chat ${model}`, kind: 3, start: t, end: t + 1800, attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': model.startsWith('claude') ? 'anthropic' : 'openai', 'gen_ai.request.model': model, 'gen_ai.response.model': model, 'gen_ai.usage.input_tokens': 812, 'gen_ai.usage.output_tokens': 164 } }];
      lines.push(otlpLine({ 'service.name': SERVICE, 'deployment.environment.name': env }, spans, rng));
    };
    for (let d = '2025-09-22'; d <= PERIOD.to; d = addDays(d, 7)) {
      chat('production', 'gpt-4.1', d);
      if (d >= '2025-11-12') chat('production', 'claude-sonnet-4-5', addDays(d, 2));
      if (d >= '2026-02-20') chat('production', 'gpt-4.1-mini', addDays(d, 1));
      chat('staging', 'gpt-5-preview', addDays(d, 3));
    }
    const changes = [
      { id: 'MC-101', service: SERVICE, environment: 'production', to: 'gpt-4.1', provider: 'openai', ticket: 'AI-88', requested_by: `ml.lead@${DOMAIN}`, approved_by: cto.email, approved_at: '2025-05-30T15:00:00Z', effective_at: '2025-06-02T14:00:00Z', evals: ['ev-41-0528'] },
      { id: 'MC-114', service: SERVICE, environment: 'production', to: 'claude-sonnet-4-5', provider: 'anthropic', ticket: 'AI-131', requested_by: `ml.lead@${DOMAIN}`, approved_by: cto.email, approved_at: '2025-11-07T20:00:00Z', effective_at: '2025-11-10T15:00:00Z', evals: ['ev-claude-1107'] },
    ];
    k.lookAlike('agent.model-change', 'gpt-4.1', 'declared in June 2025, before the window, and still in force');
    k.lookAlike('agent.model-change', 'claude-sonnet-4-5', 'added as a second model in force in November (a fallback route), not a swap');
    k.lookAlike('agent.model-change', 'gpt-5-preview', 'seen only in staging');
    k.lookAlike('agent.eval-coverage', 'gpt-5-preview', 'seen only in staging');
    k.plant('agent.model-change', 'modelchange.silent_swap', 'gpt-4.1-mini', 'production answered with gpt-4.1-mini from 21 February with no change introducing it');
    k.plant('agent.incident-coverage', 'incidentcoverage.missing', 'gpt-4.1-mini', 'the silent swap is not in the incident register');
    k.plant('agent.eval-coverage', 'eval.missing', 'gpt-4.1-mini', 'never evaluated');
    k.plant('ai.system-register', 'ai.model_undeclared', 'gpt-4.1-mini', 'the AI system register sees the swapped-in model in production, and no model change declares it');
    const runs: object[] = [];
    const evalRun = (id: string, model: string, day: string) => runs.push({ id, model, dataset: 'ledger-golden-v3', score: 0.9, threshold: 0.85, tests: 300, failures: 30, started_at: `${day}T15:00:00Z`, finished_at: `${day}T15:40:00Z` });
    evalRun('ev-41-0528', 'gpt-4.1', '2025-05-28');
    evalRun('ev-claude-1107', 'claude-sonnet-4-5', '2025-11-07');
    for (let d = '2025-09-08', i = 0; d <= PERIOD.to; d = addDays(d, 27), i++) {
      evalRun(`ev-41-m${i}`, 'gpt-4.1', d);
      if (d > '2025-11-07') evalRun(`ev-claude-m${i}`, 'claude-sonnet-4-5', d);
    }
    k.lookAlike('agent.eval-coverage', 'gpt-4.1', 'evaluated every 27 days on ledger-golden-v3, which the workspace names as held out');

    // Jira search pages.
    const jiraIssues = issues.map((i, n) => ({
      id: String(20000 + n), key: i.key,
      fields: {
        issuetype: { name: i.type }, summary: i.summary, status: { name: i.doneAt ? 'Done' : 'Open' }, created: offsetTime(i.created, TZ).replace(/:(\d\d)$/, '$1'),
        resolutiondate: i.doneAt ? offsetTime(i.doneAt, TZ).replace(/:(\d\d)$/, '$1') : null, reporter: i.reporter, assignee: IT, labels: i.labels, priority: { name: 'Medium' },
        [SUBJECT_FIELD]: i.subject ?? null,
      },
      changelog: { histories: [
        ...(i.approvedAt ? [{ id: `${n}1`, author: i.approver, created: offsetTime(i.approvedAt, TZ).replace(/:(\d\d)$/, '$1'), items: [{ field: 'status', fromString: 'Waiting for approval', toString: 'Approved' }] }] : []),
        ...(i.doneAt ? [{ id: `${n}2`, author: IT, created: offsetTime(i.doneAt, TZ).replace(/:(\d\d)$/, '$1'), items: [{ field: 'status', fromString: 'Approved', toString: 'Done' }] }] : []),
      ] },
    }));

    const hrHeader = 'employeeNumber,firstName,lastName,workEmail,department,employmentHistoryStatus,hireDate,originalHireDate,terminationDate,status';
    const hrRows = [...people, ...extraRows].map((p) => [p.id, p.first, p.last, p.email, p.department, p.type === 'contractor' ? 'Contractor' : 'Full-Time', p.start, p.prior?.start ?? p.start, p.end ?? p.prior?.end ?? '0000-00-00', p.end ? 'Inactive' : 'Active'].join(','));
    okta.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const files: Record<string, string> = {
      'exports/bamboohr/employees.csv': [hrHeader, ...hrRows].join('\r\n') + '\r\n',
      'exports/okta/system-log.jsonl': okta.map((e) => e.line).join('\n') + '\n',
      'exports/jira/search-1.json': JSON.stringify({ startAt: 0, maxResults: 100, total: jiraIssues.length, issues: jiraIssues }, null, 2),
      'exports/traces/assistant.jsonl': lines.join('\n') + '\n',
      'governance/model-changes.yaml': stringify({ changes }),
      'exports/evals/runs.json': JSON.stringify({ runs }, null, 2),
      ...trivy, ...policyFiles, ...backupFiles,
    };
    writeWorkspace(dir, {
      organization: 'Lumen Ledger, Inc.', timezone: TZ,
      scope: { categories: ['security'], report: { type: 2, ...PERIOD }, systems: [] },
      owners: { compliance: { name: `${people[0].first} ${people[0].last}`, email: people[0].email, roles: ['ceo'] }, people: [{ name: `${cto.first} ${cto.last}`, email: cto.email, roles: ['cto'] }] },
      sources: [
        { name: 'bamboohr', kind: 'bamboohr-csv', path: 'exports/bamboohr/employees.csv' },
        { name: 'okta', kind: 'okta-system-log', path: 'exports/okta/system-log.jsonl' },
        { name: 'jira', kind: 'jira-issues', glob: 'exports/jira/search-*.json', options: { subjectField: SUBJECT_FIELD, subjectRules: [{ label: 'for:' }, { summary: SUMMARY_RULE }] } },
        { name: 'trivy', kind: 'trivy-json', glob: 'exports/trivy/*.json' },
        { name: 'policies', kind: 'policies-md', glob: 'policies/*.md' },
        { name: 'traces', kind: 'otlp-json', path: 'exports/traces/assistant.jsonl' },
        { name: 'model-changes', kind: 'model-changes-yaml', path: 'governance/model-changes.yaml' },
        { name: 'evals', kind: 'eval-runs-json', path: 'exports/evals/runs.json' },
        { name: 'aws-backup', kind: 'aws-backup-jobs', glob: 'exports/aws-backup/backup-jobs-*.json' },
        { name: 'aws-restores', kind: 'aws-restore-jobs', path: 'exports/aws-backup/restore-jobs.json' },
      ],
      backups: { resources: [{ name: DB, critical: true, cadenceDays: 1 }, { name: DOCS, critical: true, cadenceDays: 1 }] },
      vulnerability: { assets: [{ name: API, cadence: 'weekly' }, { name: WORKER, cadence: 'weekly' }] },
      agent: { productionEnvironments: ['production'], heldOutDatasets: ['ledger-golden-v3'], stores: [{ name: 'traces', kind: 'trace', retentionDays: 400 }] },
      controls: {
        overrides: [{ id: 'VUL-01', params: { graceDays: 2 } }],
        exclude: [{ id: 'AGT-05', reason: 'The ledger assistant is single-tenant per deployment: it keeps no memory shared between customers.' }],
      },
    }, files);
    return { key: k.key, now: new Date('2026-04-02T12:00:00Z') };
  },
};
