import { collectors } from '../collectors/registry.js';
import type { ReexportMode, ReexportSpec } from './reexport.js';

/**
 * For each file-based source kind: where the facts sit in its export and how a week-older export
 * of the same source said one of them (`edit`), or listed one the newer no longer does (`other`).
 * Edits change what a fact says, never who it is (its natural identity).
 */
export const reexportSpecs: Record<string, ReexportSpec & { mode?: ReexportMode }> = {
  'bamboohr-csv': { format: 'csv', edit: (r) => { r[4] = 'Older Department'; }, other: (r) => { r[0] = `9${r[0]}`; r[3] = `former.${r[3]}`; } },
  'hr-csv': { format: 'csv', edit: (r) => { r[1] = 'Older Name'; }, other: (r) => { r[0] = `9${r[0]}`; r[2] = `former.${r[2]}`; } },
  'okta-system-log': { format: 'jsonl', edit: (e) => { e.actor.alternateId = 'older.actor@relaylabs.ai'; } },
  'google-workspace-admin': { format: 'jsonl', edit: (a) => { a.actor.email = 'older.admin@example.com'; } },
  'okta-users': { format: 'json', path: [], edit: (u) => { u.lastLogin = '2026-01-05T09:00:00.000Z'; }, other: (u) => { u.id = `${u.id}old`; u.profile.login = `former.${u.profile.login}`; u.profile.email = u.profile.login; } },
  'entra-users': { format: 'json', path: ['value'], edit: (u) => { u.signInActivity = null; }, other: (u) => { u.id = `${u.id}-old`; u.userPrincipalName = `former.${u.userPrincipalName}`; u.mail = u.userPrincipalName; } },
  'google-directory-users': { format: 'json', path: ['users'], edit: (u) => { u.lastLoginTime = '2026-01-05T09:00:00.000Z'; }, other: (u) => { u.id = `${u.id}9`; u.primaryEmail = `former.${u.primaryEmail}`; } },
  'entra-sign-ins': { format: 'json', path: ['value'], edit: (s) => { s.appDisplayName = 'An older app name'; } },
  'entra-audit': { format: 'jsonl', edit: (a) => { a.properties.initiatedBy = { user: { userPrincipalName: 'older.admin@relaylabs.ai' } }; } },
  // A benign edit: resource attributes the records do not keep; overlap and order are what matter here.
  'otlp-json': { format: 'jsonl', mode: 'log', edit: (x) => { x.resourceSpans[0].resource.attributes.push({ key: 'fieldwork.test.generation', value: { stringValue: 'older' } }); } },
  'langfuse-export': { format: 'jsonl', mode: 'log', edit: (o) => { o.usage_details = { input: 1, output: 1 }; } },
  'prompt-log-jsonl': { format: 'jsonl', edit: (m) => { m.content = 'An older wording of this message, without personal data.'; } },
  'aws-backup-jobs': { format: 'json', path: ['BackupJobs'], edit: (j) => { j.BackupSizeInBytes = (j.BackupSizeInBytes ?? 0) + 1; j.State = 'RUNNING'; } },
  'aws-restore-jobs': { format: 'json', path: ['RestoreJobs'], edit: (j) => { j.Status = 'RUNNING'; } },
  'pgbackrest-info': { format: 'json', path: [0, 'backup'], edit: (b) => { b.error = true; } },
  'restic-snapshots': { format: 'json', path: [], edit: (s) => { s.tags = ['older']; } },
  'restore-test-yaml': { format: 'text', editText: (s) => s.replace(/^performed_by: .*$/m, 'performed_by: someone.earlier@relaylabs.ai') },
  'vendors-yaml': { format: 'yaml', path: ['vendors'], edit: (v) => { v.owner = 'former.owner@relaylabs.ai'; }, other: (v) => { v.name = `${v.name} (retired)`; } },
  'vendors-csv': { format: 'csv', edit: (r) => { r[12] = 'former-owner'; }, other: (r) => { r[0] = `${r[0]} Retired`; } },
  'policies-md': { format: 'text', editText: (s) => s.replace(/^owner: .*$/m, 'owner: Someone Earlier') },
  'jira-issues': { format: 'json', path: ['issues'], edit: (i) => { i.fields.summary = 'An older summary'; } },
  'linear-issues': { format: 'json', path: ['data', 'issues', 'nodes'], edit: (i) => { i.title = 'An older title'; } },
  'trivy-json': { format: 'json', path: ['Results', 0, 'Vulnerabilities'], edit: (v) => { v.Title = 'An older title'; } },
  'grype-json': { format: 'json', path: ['matches'], edit: (m) => { m.vulnerability.fix = { versions: ['9.9.9'], state: 'fixed' }; } },
  'osv-scanner-json': { format: 'json', path: ['results', 0, 'packages'], edit: (p) => { p.vulnerabilities[0].summary = 'An older summary'; } },
  'npm-audit-json': { format: 'text', editText: (s) => s.replace(/"title": "[^"]*"/, '"title": "An older title"') },
  sarif: { format: 'json', path: ['runs', 0, 'results'], edit: (r) => { r.message.text = 'An older message'; } },
  'dependabot-alerts': {
    format: 'json', path: [], edit: (a) => { a.security_advisory.summary = 'An older summary'; },
    other: (a) => { a.number += 100; a.security_advisory.ghsa_id = `${a.security_advisory.ghsa_id}x`; a.security_advisory.cve_id = 'CVE-2026-99999'; a.url = a.url.replace(/\d+$/, String(a.number)); },
  },
  'prowler-ocsf': { format: 'json', path: [], edit: (f) => { f.message = 'An older message'; if (f.finding_info) f.finding_info.title = 'An older title'; } },
  cyclonedx: {
    format: 'json', path: ['components'], edit: (c) => { c.licenses = []; },
    other: (c) => { c.name = `${c.name}-retired`; if (c.purl) c.purl = `${c.purl}-retired`; if (c['bom-ref']) c['bom-ref'] = `${c['bom-ref']}-retired`; },
  },
  'github-rest': { format: 'json', path: [], mode: 'log', edit: (p) => { p.title = 'An older title'; } },
  'model-changes-yaml': { format: 'yaml', path: ['changes'], edit: (c) => { c.requested_by = 'someone.earlier@relaylabs.ai'; }, other: (c) => { c.id = `${c.id}-OLD`; } },
  'eval-runs-json': { format: 'json', path: ['runs'], edit: (r) => { r.failures = (r.failures ?? 0) + 1; } },
  'promptfoo-results': { format: 'json', path: ['results', 'results'], edit: (r) => { r.cost = 1; } },
  'isolation-probe-json': { format: 'json', path: ['attempts'], edit: (a) => { a.detail = 'An older detail'; } },
  'incidents-json': { format: 'json', path: ['incidents'], edit: (i) => { i.title = 'An older title'; }, other: (i) => { i.key = `${i.key}-OLD`; } },
  'risk-register-yaml': { format: 'yaml', path: ['risks'], edit: (r) => { r.owner = 'former.owner@relaylabs.ai'; }, other: (r) => { r.id = `${r.id}-OLD`; } },
  // An acknowledgement is its identity (who, which text, when): the older export differs only in a column not read.
  'policy-acks-csv': { format: 'csv', edit: (r) => { r[1] = 'Older Name'; } },
  'knowbe4-enrollments': { format: 'json', path: [], edit: (e) => { e.status = 'In Progress'; e.completion_date = null; } },
  'training-csv': { format: 'csv', edit: (r) => { r[3] = 'In progress'; r[5] = ''; }, other: (r) => { r[0] = `former.${r[0]}`; } },
  'background-checks-csv': { format: 'csv', edit: (r) => { r[3] = 'pending'; r[4] = ''; r[5] = ''; }, other: (r) => { r[0] = `${r[0]}0`; r[1] = `former.${r[1]}`; } },
};

/** How a source kind re-states the facts in its files: its spec's mode, else snapshot when the collector declares snapshot kinds. */
export function reexportMode(kind: string): ReexportMode {
  return reexportSpecs[kind]?.mode ?? ((collectors[kind]?.snapshotKinds.length ?? 0) > 0 ? 'snapshot' : 'log');
}
