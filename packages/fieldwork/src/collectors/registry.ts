import { FieldworkError } from '@fieldwork/core/errors';
import type { Collector } from './collector.js';
import { bambooCollector } from './bamboohr/bamboohr-collector.js';
import { oktaCollector } from './okta/okta-collector.js';
import { otlpCollector } from './otlp/otlp-collector.js';
import { langfuseCollector } from './langfuse/langfuse-collector.js';
import { promptLogCollector } from './prompt-log/prompt-log-collector.js';
import { githubRestCollector } from './github-rest/github-rest-collector.js';
import { githubApiCollector } from './github-api/github-api-collector.js';
import { gitRepoCollector } from './git-repo/git-repo-collector.js';
import { policiesCollector } from './policies/policies-collector.js';
import { awsBackupJobsCollector } from './aws-backup/aws-backup-jobs-collector.js';
import { awsRestoreJobsCollector } from './aws-backup/aws-restore-jobs-collector.js';
import { pgbackrestCollector } from './pgbackrest/pgbackrest-collector.js';
import { resticCollector } from './restic/restic-collector.js';
import { restoreTestCollector } from './restore-test/restore-test-collector.js';
import { vendorsYamlCollector } from './vendors/vendors-yaml-collector.js';
import { vendorsCsvCollector } from './vendors/vendors-csv-collector.js';
import { trivyCollector } from './trivy/trivy-collector.js';
import { grypeCollector } from './grype/grype-collector.js';
import { osvScannerCollector } from './osv-scanner/osv-scanner-collector.js';
import { npmAuditCollector } from './npm-audit/npm-audit-collector.js';
import { sarifCollector } from './sarif/sarif-collector.js';
import { dependabotCollector } from './dependabot/dependabot-collector.js';
import { cyclonedxCollector } from './cyclonedx/cyclonedx-collector.js';
import { prowlerCollector } from './prowler/prowler-collector.js';
import { hrCsvCollector } from './hr-csv/hr-csv-collector.js';
import { googleWorkspaceCollector } from './google-workspace/google-workspace-collector.js';
import { entraCollector } from './entra/entra-collector.js';
import { oktaUsersCollector } from './okta-users/okta-users-collector.js';
import { entraUsersCollector } from './entra-users/entra-users-collector.js';
import { entraSignInsCollector } from './entra-sign-ins/entra-sign-ins-collector.js';
import { googleDirectoryCollector } from './google-directory/google-directory-collector.js';
import { jiraCollector } from './jira/jira-collector.js';
import { linearCollector } from './linear/linear-collector.js';
import { modelChangesCollector } from './model-changes/model-changes-collector.js';
import { evalRunsCollector } from './eval-runs/eval-runs-collector.js';
import { promptfooCollector } from './promptfoo/promptfoo-collector.js';
import { isolationProbeCollector } from './isolation-probe/isolation-probe-collector.js';
import { incidentsCollector } from './incidents/incidents-collector.js';
import { riskRegisterCollector } from './risk-register/risk-register-collector.js';
import { policyAcksCsvCollector } from './policy-acks/policy-acks-collector.js';
import { trainingCsvCollector } from './training/training-csv-collector.js';
import { knowbe4Collector } from './training/knowbe4-collector.js';
import { backgroundChecksCsvCollector } from './background-checks/background-checks-collector.js';

/** Every collector by kind. Add a source kind by adding one line here. */
export const collectors: Record<string, Collector<any>> = Object.fromEntries(
  [
    bambooCollector,
    otlpCollector,
    langfuseCollector,
    promptLogCollector,
    awsBackupJobsCollector,
    awsRestoreJobsCollector,
    pgbackrestCollector,
    resticCollector,
    restoreTestCollector,
    vendorsYamlCollector,
    vendorsCsvCollector,
    modelChangesCollector,
    evalRunsCollector,
    promptfooCollector,
    isolationProbeCollector,
    incidentsCollector,
    riskRegisterCollector,
    oktaCollector,
    githubRestCollector,
    githubApiCollector,
    gitRepoCollector,
    policiesCollector,
    trivyCollector,
    grypeCollector,
    osvScannerCollector,
    npmAuditCollector,
    sarifCollector,
    dependabotCollector,
    cyclonedxCollector,
    prowlerCollector,
    hrCsvCollector,
    googleWorkspaceCollector,
    entraCollector,
    oktaUsersCollector,
    entraUsersCollector,
    entraSignInsCollector,
    googleDirectoryCollector,
    jiraCollector,
    linearCollector,
    policyAcksCsvCollector,
    trainingCsvCollector,
    knowbe4Collector,
    backgroundChecksCsvCollector,
  ].map((c) => [c.kind, c]),
);

/** The collector for `kind`, or a FieldworkError naming the source entry. */
export function collectorFor(kind: string, sourceName: string): Collector<any> {
  const c = collectors[kind];
  if (!c) {
    const close = Object.keys(collectors).filter((k) => k.split('-')[0] === kind.split('-')[0]);
    throw new FieldworkError('SOURCE_UNKNOWN_KIND', `Source "${sourceName}" has an unknown kind "${kind}".`, {
      hint: close.length ? `Did you mean ${close.join(' or ')}?` : `Known kinds: ${Object.keys(collectors).sort().join(', ')}.`,
    });
  }
  return c;
}

/** The record kinds a collector kind exports as whole snapshots, for `verify`'s replay of re-collection. */
export function snapshotKindsFor(kind: string): readonly string[] | undefined {
  return collectors[kind]?.snapshotKinds;
}
