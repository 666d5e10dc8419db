/** One entry of an issue's history as Jira's changelog and Linear's IssueHistory both tell it. */
export interface TrackerEvent {
  at: string;
  /** Who made the change (an email when the tracker shows one). */
  by?: string;
  fromState?: string;
  toState?: string;
  addedLabels?: readonly string[];
  removedLabels?: readonly string[];
  /** Position in the export, to keep entries at the same instant in order. */
  index: number;
}

/** The sign-off on an issue: who gave it, when, and what showed it. */
export interface TrackerApproval {
  at: string;
  by?: string;
  /** `status Approved` or `label approved`. */
  via: string;
}

/** Entries in time order (same instant: export order). */
export function inTimeOrder<T extends TrackerEvent>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index));
}

/**
 * The approval: the first entry that moved the issue into one of `approvedStatuses` or added
 * one of `approvedLabels` (case-insensitive), whichever came first. The tracker's history says
 * who did it; whether that person may approve is the checks' question, not the collector's.
 *
 * @example
 * approvalOf([{ at: '2026-04-02T22:40:00Z', by: 'maya@x.ai', toState: 'Approved', index: 0 }], { approvedStatuses: ['Approved'] })
 * // → { at: '2026-04-02T22:40:00Z', by: 'maya@x.ai', via: 'status Approved' }
 */
export function approvalOf(events: readonly TrackerEvent[], opts: { approvedStatuses: readonly string[]; approvedLabels?: readonly string[] }): TrackerApproval | undefined {
  const statuses = new Set(opts.approvedStatuses.map((s) => s.toLowerCase()));
  const labels = new Set((opts.approvedLabels ?? []).map((s) => s.toLowerCase()));
  for (const e of inTimeOrder(events)) {
    if (e.toState && statuses.has(e.toState.toLowerCase())) return { at: e.at, ...(e.by ? { by: e.by } : {}), via: `status ${e.toState}` };
    const label = e.addedLabels?.find((l) => labels.has(l.toLowerCase()));
    if (label) return { at: e.at, ...(e.by ? { by: e.by } : {}), via: `label ${label}` };
  }
  return undefined;
}

/** The first response to an incident: the first state change out of the state it was opened in. */
export function firstResponseOf(events: readonly TrackerEvent[]): TrackerEvent | undefined {
  const moves = inTimeOrder(events).filter((e) => e.fromState !== undefined && e.toState !== undefined);
  const initial = moves[0]?.fromState;
  return moves.find((e) => e.fromState === initial && e.toState !== initial);
}
