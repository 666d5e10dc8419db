import type { AccessEventRecord } from '../../records/index.js';

/** Lower-cased, trimmed key for matching emails, logins and system names. */
export const norm = (s: string | undefined | null): string => (s ?? '').trim().toLowerCase();

/**
 * A slug for matching an application to ticket labels: `AWS IAM Identity Center` →
 * `aws-iam-identity-center`.
 */
export const slug = (s: string): string => norm(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** The email (or account, when it carries no email) an identity event is about. */
export const subjectOf = (e: Pick<AccessEventRecord, 'email' | 'account'>): string => norm(e.email) || norm(e.account);

/** True when the IdP says the attempt did not happen (a denied or failed event changes nothing). */
export const failedOutcome = (e: Pick<AccessEventRecord, 'outcome'>): boolean => /^(failure|deny|denied|error|rejected)$/i.test((e.outcome ?? '').trim());

/** Stable ordering of records by time. */
export const byAt = <T extends { at: string }>(a: T, b: T): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
