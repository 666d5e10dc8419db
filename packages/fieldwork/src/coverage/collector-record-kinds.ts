import type { RecordKind } from '@fieldwork/core/records';

const agentSpans: RecordKind[] = ['tool_call', 'agent_run', 'model_observation', 'retrieval', 'prompt_record', 'trace_summary'];
const github: RecordKind[] = ['change', 'pr_review', 'pr_push', 'deployment', 'deployment_status', 'branch_protection'];
const tracker: RecordKind[] = ['ticket', 'access_review', 'incident'];
const roster: RecordKind[] = ['account', 'account_mfa'];

/**
 * The record kinds each source kind can emit (what its collector yields, at most). The demo
 * test collects every demo source and fails when a source yields a kind missing here; the
 * registry test fails when a source kind has no entry.
 */
export const COLLECTOR_RECORD_KINDS: Readonly<Record<string, readonly RecordKind[]>> = {
  'bamboohr-csv': ['person'],
  'hr-csv': ['person'],
  'background-checks-csv': ['background_check'],
  'training-csv': ['training'],
  'knowbe4-enrollments': ['training'],
  'policy-acks-csv': ['policy_ack'],
  'okta-system-log': ['access_event', 'sign_in'],
  'entra-audit': ['access_event'],
  'entra-sign-ins': ['sign_in'],
  'google-workspace-admin': ['access_event', 'sign_in'],
  'okta-users': roster,
  'entra-users': roster,
  'google-directory-users': roster,
  'jira-issues': tracker,
  'linear-issues': tracker,
  'incidents-json': ['incident'],
  'github-rest': github,
  'github-api': github,
  'git-repo': ['change'],
  'trivy-json': ['scan_run', 'finding'],
  'grype-json': ['scan_run', 'finding'],
  'osv-scanner-json': ['scan_run', 'finding'],
  'npm-audit-json': ['scan_run', 'finding'],
  sarif: ['scan_run', 'finding'],
  'dependabot-alerts': ['scan_run', 'finding'],
  cyclonedx: ['component', 'finding'],
  'prowler-ocsf': ['scan_run', 'config_finding'],
  'aws-backup-jobs': ['backup_job'],
  'aws-restore-jobs': ['restore_test'],
  'pgbackrest-info': ['backup_job'],
  'restic-snapshots': ['backup_job'],
  'restore-test-yaml': ['restore_test'],
  'vendors-csv': ['vendor', 'vendor_review', 'cuec'],
  'vendors-yaml': ['vendor', 'vendor_review', 'cuec'],
  'policies-md': ['policy', 'policy_approval'],
  'otlp-json': agentSpans,
  'langfuse-export': agentSpans,
  'prompt-log-jsonl': ['prompt_record'],
  'model-changes-yaml': ['model_change'],
  'eval-runs-json': ['eval_run'],
  'promptfoo-results': ['eval_run'],
  'isolation-probe-json': ['isolation_probe'],
  'risk-register-yaml': ['risk'],
};
