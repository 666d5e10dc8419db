import type { Check } from './check.js';
import { deprovisioningCheck } from './hr/deprovisioning-check.js';
import { vendorReviewCheck } from './vendor/vendor-review-check.js';
import { soc2CoverageCheck } from './vendor/soc2-coverage-check.js';
import { cuecMappingCheck } from './vendor/cuec-mapping-check.js';
import { backupCadenceCheck } from './backup/backup-cadence-check.js';
import { restoreTestCheck } from './backup/restore-test-check.js';
import { scanCadenceCheck } from './vulnerability/scan-cadence-check.js';
import { remediationSlaCheck } from './vulnerability/remediation-sla-check.js';
import { dependencyCoverageCheck } from './vulnerability/dependency-coverage-check.js';
import { policyLifecycleCheck } from './policy/policy-lifecycle-check.js';
import { reviewApprovalCheck } from './change/review-approval-check.js';
import { branchProtectionCheck } from './change/branch-protection-check.js';
import { accessReviewsCheck } from './access/access-reviews-check.js';
import { grantApprovalCheck } from './access/grant-approval-check.js';
import { mfaSsoCheck } from './access/mfa-sso-check.js';
import { reconciliationCheck } from './access/reconciliation-check.js';
import { humanApprovalCheck } from './agent/human-approval-check.js';
import { promptPiiCheck } from './agent/prompt-pii-check.js';
import { promptRetentionCheck } from './agent/prompt-retention-check.js';
import { toolAuthorizationCheck } from './agent/tool-authorization-check.js';
import { modelChangeCheck } from './agent/model-change-check.js';
import { tenantIsolationCheck } from './agent/tenant-isolation-check.js';
import { incidentCoverageCheck } from './agent/incident-coverage-check.js';
import { evalCoverageCheck } from './agent/eval-coverage-check.js';
import { policyAckCheck } from './hr/policy-ack-check.js';
import { trainingCheck } from './hr/training-check.js';
import { backgroundCheckCheck } from './hr/background-check-check.js';
import { incidentRegisterCheck } from './incident/incident-register-check.js';
import { riskReviewCheck } from './risk/risk-review-check.js';
import { riskTreatmentCheck } from './risk/risk-treatment-check.js';
import { riskControlLinkCheck } from './risk/risk-control-link-check.js';
import { aiSystemRegisterCheck } from './ai/ai-system-register-check.js';
import { manualEvidenceCheck } from './manual/manual-evidence-check.js';

/**
 * Every built-in check by id. Controls name their check by this id. Add a check by adding
 * one line here.
 */
export const builtInChecks: Record<string, Check> = Object.fromEntries(
  [
    deprovisioningCheck,
    vendorReviewCheck,
    soc2CoverageCheck,
    cuecMappingCheck,
    backupCadenceCheck,
    restoreTestCheck,
    scanCadenceCheck,
    remediationSlaCheck,
    dependencyCoverageCheck,
    policyLifecycleCheck,
    reviewApprovalCheck,
    branchProtectionCheck,
    accessReviewsCheck,
    grantApprovalCheck,
    mfaSsoCheck,
    reconciliationCheck,
    toolAuthorizationCheck,
    humanApprovalCheck,
    promptRetentionCheck,
    promptPiiCheck,
    modelChangeCheck,
    tenantIsolationCheck,
    incidentCoverageCheck,
    evalCoverageCheck,
    incidentRegisterCheck,
    riskReviewCheck,
    riskTreatmentCheck,
    riskControlLinkCheck,
    aiSystemRegisterCheck,
    manualEvidenceCheck,
    policyAckCheck,
    trainingCheck,
    backgroundCheckCheck,
  ].map((c) => [c.id, c]),
);

/** The check with `id`, or undefined. */
export function findCheck(id: string): Check | undefined {
  return builtInChecks[id];
}
