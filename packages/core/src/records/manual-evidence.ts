import { z } from 'zod';
import { calendarDate, identityKey, instant, recordBase, sha256Hex } from './base.js';

/** An evidence request's occurrence id: a year `2026`, a quarter `2026-Q2`, a month `2026-05` or an ISO week `2026-W19`. */
export const occurrenceId = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3]))?$/, 'expected 2026, 2026-Q2, 2026-05 or 2026-W19');

/** A file handed in as evidence: stored as an artifact like any collected file. */
export const submittedFileSchema = z.object({
  sha256: sha256Hex,
  /** The file's name as uploaded (no folders). */
  name: z.string().min(1),
  mediaType: z.string().min(1),
  size: z.number().int().nonnegative(),
});
export type SubmittedFile = z.infer<typeof submittedFileSchema>;

/**
 * Evidence submitted by a person for one occurrence of a manual control (`fieldwork evidence
 * add`, or the dashboard): the files (each an artifact of its own) or a typed statement, who
 * handed it in and when, and how long it stays valid. The record's own artifact is the
 * attestation document that names all of this, so the ledger commits to every field.
 */
export const evidenceSubmissionSchema = z.object({
  kind: z.literal('evidence_submission'),
  ...recordBase,
  /** `sub-` and the first 12 hex digits of the attestation's SHA-256. */
  id: z.string().regex(/^sub-[0-9a-f]{12}$/),
  control: z.string().min(1),
  covers: occurrenceId,
  /** Who submits: the name as the workspace spells it. */
  by: z.string().min(1),
  /** When it was submitted. */
  at: instant,
  /** The day the control operated as the evidence shows it (the meeting, the test); defaults to the submission day. */
  performedOn: calendarDate.optional(),
  note: z.string().optional(),
  files: z.array(submittedFileSchema).default([]),
  /** A typed attestation instead of (or besides) files, where the control allows it. */
  statement: z.string().optional(),
  /** Last day the evidence is valid (a pen-test report, a vendor's SOC 2 report, a training). */
  validUntil: calendarDate.optional(),
});
export type EvidenceSubmissionRecord = z.infer<typeof evidenceSubmissionSchema>;
/** Identity of a submission: its id (the attestation's hash), so each submission is a fact of its own. */
export const evidenceSubmissionIdentity = (r: EvidenceSubmissionRecord): string => identityKey(r.id);

/** What an approver decided. */
export const evidenceDecisions = ['accepted', 'rejected', 'not_applicable'] as const;
export type EvidenceDecisionKind = (typeof evidenceDecisions)[number];

/**
 * An approver's decision: a submission accepted or rejected (with a reason), or an occurrence
 * declared not applicable (with a reason), each stored as an artifact and a ledger entry.
 */
export const evidenceDecisionSchema = z.object({
  kind: z.literal('evidence_decision'),
  ...recordBase,
  decision: z.enum(evidenceDecisions),
  /** The submission decided on (accepted, rejected); absent for not_applicable. */
  submission: z.string().regex(/^sub-[0-9a-f]{12}$/).optional(),
  control: z.string().min(1),
  covers: occurrenceId,
  by: z.string().min(1),
  at: instant,
  reason: z.string().optional(),
});
export type EvidenceDecisionRecord = z.infer<typeof evidenceDecisionSchema>;
/**
 * Identity of a decision: the submission it decides (a later decision on it supersedes the
 * earlier one), or the occurrence a not-applicable decision covers.
 */
export const evidenceDecisionIdentity = (r: EvidenceDecisionRecord): string =>
  r.submission ? identityKey('submission', r.submission) : identityKey('occurrence', r.control, r.covers);
