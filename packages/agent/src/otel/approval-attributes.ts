import { APPROVAL_APPROVER, APPROVAL_AT, APPROVAL_ID } from './attribute-names.js';
import { requireText } from './require-text.js';

/**
 * A human approval of an agent action.
 *
 * @example
 * ```ts
 * import type { Approval } from '@fieldwork/agent/otel';
 * const approval: Approval = { approver: 'alice@example.com', at: new Date(), id: 'REQ-7' };
 * ```
 */
export interface Approval {
  readonly approver: string;
  /** When it was given: a Date or any string `Date` parses; stored as an ISO 8601 UTC instant. */
  readonly at: Date | string;
  readonly id?: string;
}

const HELPER = 'approvalAttributes';

/**
 * Span attributes recording who approved an action and when. The time is normalised to an
 * ISO 8601 UTC instant; an unparseable time throws a `TypeError`.
 *
 * @example
 * ```ts
 * import { approvalAttributes } from '@fieldwork/agent/otel';
 * const attrs = approvalAttributes({ approver: 'alice@example.com', at: '2025-03-01T10:00:00+01:00', id: 'REQ-7' });
 * console.log(attrs['app.approval.at']); // 2025-03-01T09:00:00.000Z
 * ```
 */
export function approvalAttributes(approval: Approval): Record<string, string> {
  const attrs: Record<string, string> = {
    [APPROVAL_APPROVER]: requireText(HELPER, 'approver', approval.approver),
    [APPROVAL_AT]: toInstant(approval.at),
  };
  if (approval.id !== undefined) attrs[APPROVAL_ID] = requireText(HELPER, 'id', approval.id);
  return attrs;
}

function toInstant(at: Date | string): string {
  const date = at instanceof Date ? at : typeof at === 'string' && at.trim() !== '' ? new Date(at) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new TypeError(`${HELPER}: "at" must be a valid Date or date-time string, got ${JSON.stringify(String(at))}`);
  }
  return date.toISOString();
}
