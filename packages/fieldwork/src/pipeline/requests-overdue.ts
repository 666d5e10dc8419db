import { evidenceRequestStatuses, recordsOf, requestOptionsOf } from '@fieldwork/core';
import type { Control, Period, RecordSet } from '@fieldwork/core';
import type { LoadedWorkspace } from '../workspace/index.js';

/**
 * Evidence requests past due at `asOf` without accepted evidence (`overdue` or `missing`), per
 * control id, from the records a check run reads and over its period, as the `manual.evidence`
 * check sees them. Every control in `controls` gets a count (0 for those with no request past
 * due), so a run summary knows the number rather than leaving it unknown.
 *
 * @example
 * const overdue = requestsOverdue(ws, controls, records, { from: '2026-04-01', to: '2026-09-30' }, '2026-09-30')
 * overdue.get('GOV-01') // 1: its Q2 minutes were never submitted
 */
export function requestsOverdue(ws: LoadedWorkspace, controls: readonly Control[], records: RecordSet, period: Period, asOf: string): ReadonlyMap<string, number> {
  const requests = evidenceRequestStatuses(controls, ws.config.owners, recordsOf(records, 'evidence_submission'), recordsOf(records, 'evidence_decision'), asOf,
    { window: period, timezone: ws.config.timezone, ...requestOptionsOf(ws.config.evidence) });
  const out = new Map(controls.map((c) => [c.id, 0]));
  for (const r of requests) if (r.status === 'overdue' || r.status === 'missing') out.set(r.control, (out.get(r.control) ?? 0) + 1);
  return out;
}
