/** @module Manual evidence: submissions, decisions and the requests they answer. */
export { DEFAULT_MAX_EVIDENCE_BYTES, EVIDENCE_MEDIA_TYPES, evidenceMediaType } from './evidence-file-types.js';
export { evidenceApprovers, namedPeople, resolveEvidenceApprover, resolveSubmitter } from './evidence-people.js';
export type { NamedPerson } from './evidence-people.js';
export { checkCovers, manualControl, MANUAL_EVIDENCE_SOURCE, submitEvidence } from './submit-evidence.js';
export type { EvidenceFileInput, SubmitEvidenceInput, SubmitEvidenceResult } from './submit-evidence.js';
export { decideSubmission, findSubmission, markNotApplicable } from './decide-evidence.js';
export type { DecisionResult } from './decide-evidence.js';
export { listRequests } from './list-requests.js';
export type { ListRequestsOptions } from './list-requests.js';
