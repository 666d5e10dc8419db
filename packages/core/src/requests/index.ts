/** @module Evidence requests of manual controls: occurrences, owners, due dates and statuses. */
export { occurrenceSpan, occurrencesIn, requestCadenceOf, requestCadences } from './request-cadence.js';
export type { Occurrence, RequestCadence } from './request-cadence.js';
export { resolveOwner } from './resolve-owner.js';
export type { OwnerPerson, RequestOwner, WorkspaceOwners } from './resolve-owner.js';
export { DEFAULT_DUE_SOON_DAYS, DEFAULT_GRACE_DAYS, evidenceRequestStatuses, requestOptionsOf, requestStatuses } from './evidence-request-statuses.js';
export type { EvidenceRequest, EvidenceRequestOptions, RequestStatus, RequestSubmission } from './evidence-request-statuses.js';
