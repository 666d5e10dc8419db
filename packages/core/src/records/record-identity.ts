import { createHash } from 'node:crypto';
import { identityKey } from './base.js';
import { accessEventIdentity, accountIdentity, personIdentity } from './people.js';
import { accountMfaIdentity, signInIdentity } from './sign-ins.js';
import { ticketIdentity } from './tickets.js';
import { branchProtectionIdentity, changeIdentity, deploymentIdentity, deploymentStatusIdentity, prPushIdentity, prReviewIdentity } from './changes.js';
import { componentIdentity, configFindingIdentity, findingIdentity, scanRunIdentity } from './vulnerabilities.js';
import { backupJobIdentity, restoreTestIdentity } from './backups.js';
import { cuecIdentity, vendorIdentity, vendorReviewIdentity } from './vendors.js';
import { accessReviewIdentity, incidentIdentity, policyApprovalIdentity, policyIdentity } from './governance.js';
import { agentRunIdentity, modelObservationIdentity, promptRecordIdentity, retrievalIdentity, toolCallIdentity } from './agent-runtime.js';
import { backgroundCheckIdentity, policyAckIdentity, trainingIdentity } from './people-programs.js';
import { deletionRequestIdentity, evalRunIdentity, isolationProbeIdentity, modelChangeIdentity, retentionDeclarationIdentity } from './agent-governance.js';
import { riskIdentity } from './risks.js';
import { evidenceDecisionIdentity, evidenceSubmissionIdentity } from './manual-evidence.js';
import type { FieldworkRecord, RecordKind, RecordOf } from './record-schemas.js';

/**
 * The natural identity of each record kind, documented beside its schema. `null` marks a kind
 * without a stable natural id: its identity is the hash of the fact itself (see `contentIdentity`).
 */
export const recordIdentities: { [K in RecordKind]: ((r: RecordOf<K>) => string) | null } = {
  person: personIdentity,
  account: accountIdentity,
  access_event: accessEventIdentity,
  account_mfa: accountMfaIdentity,
  sign_in: signInIdentity,
  access_review: accessReviewIdentity,
  ticket: ticketIdentity,
  change: changeIdentity,
  deployment: deploymentIdentity,
  branch_protection: branchProtectionIdentity,
  pr_review: prReviewIdentity,
  pr_push: prPushIdentity,
  deployment_status: deploymentStatusIdentity,
  scan_run: scanRunIdentity,
  finding: findingIdentity,
  component: componentIdentity,
  config_finding: configFindingIdentity,
  backup_job: backupJobIdentity,
  restore_test: restoreTestIdentity,
  vendor: vendorIdentity,
  vendor_review: vendorReviewIdentity,
  cuec: cuecIdentity,
  policy: policyIdentity,
  policy_approval: policyApprovalIdentity,
  incident: incidentIdentity,
  tool_call: toolCallIdentity,
  agent_run: agentRunIdentity,
  model_observation: modelObservationIdentity,
  retrieval: retrievalIdentity,
  // Counts of one trace artifact: no id of its own, so the same counts over the same spans are the same fact.
  trace_summary: null,
  prompt_record: promptRecordIdentity,
  model_change: modelChangeIdentity,
  eval_run: evalRunIdentity,
  isolation_probe: isolationProbeIdentity,
  deletion_request: deletionRequestIdentity,
  retention_declaration: retentionDeclarationIdentity,
  risk: riskIdentity,
  evidence_submission: evidenceSubmissionIdentity,
  evidence_decision: evidenceDecisionIdentity,
  policy_ack: policyAckIdentity,
  training: trainingIdentity,
  background_check: backgroundCheckIdentity,
};

/** Where a fact was stated, as opposed to what it states: left out of identities. */
const PROVENANCE = new Set(['source', 'artifact', 'locator']);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The identity of a fact that has no natural id: a SHA-256 of the normalized record without its
 * provenance (`source`, `artifact`, `locator`), so the same fact restated by another artifact
 * (or at another place in it) is recognised, and any change in what it says makes it a new fact.
 */
export function contentIdentity(r: FieldworkRecord): string {
  const fact = Object.fromEntries(Object.entries(r).filter(([k]) => !PROVENANCE.has(k)));
  return identityKey('sha256', createHash('sha256').update(canonical(fact)).digest('hex'));
}

/**
 * The natural identity of a record, prefixed by nothing: records of one kind from one source
 * that share it state the same fact, and the newer statement supersedes the older.
 *
 * @example
 * recordIdentity({ kind: 'change', repo: 'acme/api', number: 412, ... }) // '["acme/api","pr",412]'
 */
export function recordIdentity(r: FieldworkRecord): string {
  const f = recordIdentities[r.kind] as ((x: FieldworkRecord) => string) | null;
  return f ? f(r) : contentIdentity(r);
}
