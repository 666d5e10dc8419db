import type { z } from 'zod';
import { accessEventSchema, accountSchema, personSchema } from './people.js';
import { accountMfaSchema, signInSchema } from './sign-ins.js';
import { ticketSchema } from './tickets.js';
import { branchProtectionSchema, changeSchema, deploymentSchema } from './changes.js';
import { deploymentStatusSchema, prPushSchema, prReviewSchema } from './changes.js';
import { componentSchema, configFindingSchema, findingSchema, scanRunSchema } from './vulnerabilities.js';
import { backupJobSchema, restoreTestSchema } from './backups.js';
import { cuecSchema, vendorReviewSchema, vendorSchema } from './vendors.js';
import { accessReviewSchema, incidentSchema, policyApprovalSchema, policySchema } from './governance.js';
import { agentRunSchema, modelObservationSchema, promptRecordSchema, retrievalSchema, toolCallSchema, traceSummarySchema } from './agent-runtime.js';
import { backgroundCheckSchema, policyAckSchema, trainingSchema } from './people-programs.js';
import { deletionRequestSchema, evalRunSchema, isolationProbeSchema, modelChangeSchema, retentionDeclarationSchema } from './agent-governance.js';
import { riskSchema } from './risks.js';
import { evidenceDecisionSchema, evidenceSubmissionSchema } from './manual-evidence.js';

/**
 * Every normalized record kind and its schema. Collectors produce these, the store keeps
 * them, checks read them. Add a kind by adding its schema here (one line).
 */
export const recordSchemas = {
  person: personSchema,
  account: accountSchema,
  access_event: accessEventSchema,
  account_mfa: accountMfaSchema,
  sign_in: signInSchema,
  access_review: accessReviewSchema,
  ticket: ticketSchema,
  change: changeSchema,
  deployment: deploymentSchema,
  branch_protection: branchProtectionSchema,
  pr_review: prReviewSchema,
  deployment_status: deploymentStatusSchema,
  pr_push: prPushSchema,
  scan_run: scanRunSchema,
  finding: findingSchema,
  component: componentSchema,
  config_finding: configFindingSchema,
  backup_job: backupJobSchema,
  restore_test: restoreTestSchema,
  vendor: vendorSchema,
  vendor_review: vendorReviewSchema,
  cuec: cuecSchema,
  policy: policySchema,
  policy_approval: policyApprovalSchema,
  incident: incidentSchema,
  tool_call: toolCallSchema,
  agent_run: agentRunSchema,
  model_observation: modelObservationSchema,
  retrieval: retrievalSchema,
  trace_summary: traceSummarySchema,
  prompt_record: promptRecordSchema,
  model_change: modelChangeSchema,
  eval_run: evalRunSchema,
  isolation_probe: isolationProbeSchema,
  deletion_request: deletionRequestSchema,
  retention_declaration: retentionDeclarationSchema,
  risk: riskSchema,
  evidence_submission: evidenceSubmissionSchema,
  evidence_decision: evidenceDecisionSchema,
  policy_ack: policyAckSchema,
  training: trainingSchema,
  background_check: backgroundCheckSchema,
} as const satisfies Record<string, z.ZodType>;

export type RecordKind = keyof typeof recordSchemas;

/** Any normalized record. */
export type FieldworkRecord = { [K in RecordKind]: z.infer<(typeof recordSchemas)[K]> }[RecordKind];

/** The record of one kind. */
export type RecordOf<K extends RecordKind> = Extract<FieldworkRecord, { kind: K }>;

/** Records grouped by kind, as the store hands them to checks. Missing kinds are empty arrays. */
export type RecordSet = { [K in RecordKind]?: RecordOf<K>[] };

/** Records of `kind` from a set (empty when absent). */
export function recordsOf<K extends RecordKind>(set: RecordSet, kind: K): RecordOf<K>[] {
  return (set[kind] ?? []) as RecordOf<K>[];
}

/** True when `kind` is a known record kind. */
export function isRecordKind(kind: string): kind is RecordKind {
  return Object.prototype.hasOwnProperty.call(recordSchemas, kind);
}
