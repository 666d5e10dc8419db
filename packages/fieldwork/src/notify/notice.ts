/** What a notice is about; also the names used under `notifications.people[].events`. */
export const noticeKinds = ['exception_new', 'exception_closed', 'evidence_due', 'evidence_overdue', 'collection_failed', 'ledger_broken'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** How each kind reads as a heading in a digest, most urgent first. */
export const noticeKindHeadings: Record<NoticeKind, string> = {
  ledger_broken: 'Evidence ledger broken',
  collection_failed: 'Failed collections',
  exception_new: 'New exceptions',
  evidence_overdue: 'Evidence overdue',
  evidence_due: 'Evidence due soon',
  exception_closed: 'Exceptions closed',
};

/** The order kinds appear in a digest. */
export const noticeKindOrder: readonly NoticeKind[] = ['ledger_broken', 'collection_failed', 'exception_new', 'evidence_overdue', 'evidence_due', 'exception_closed'];

/**
 * One thing a person should be told. Derived by pure functions from stored runs, request
 * statuses, collection outcomes and `verify`; a notice's `id` is stable, so it is sent to a
 * person on a channel at most once.
 *
 * @example
 * const n: Notice = { id: 'exception:ACC-01:access.late:ana@example.com:r12', kind: 'exception_new', owners: ['sec@example.com'],
 *   control: 'ACC-01', title: 'ACC-01: ana@example.com', detail: 'Access revoked 9 days after termination', link: '/controls/ACC-01' };
 */
export interface Notice {
  id: string;
  kind: NoticeKind;
  /** Emails of the people it is routed to (control or request owner); empty: the compliance owner. */
  owners: string[];
  control?: string;
  /** One line naming the thing to look at. */
  title: string;
  detail?: string;
  /** Dashboard path (joined to `notifications.dashboardUrl`). */
  link: string;
  /**
   * For evidence requests: the control's name and the occurrence, so a digest can say "CHG-04 …:
   * 11 occurrences (2026-W24 … 2026-W34)" in one line instead of eleven.
   */
  occurrence?: { of: string; covers: string };
  at?: string;
}
