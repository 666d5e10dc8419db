/** @module The evidence requests of a workspace, from its catalog, owners and stored submissions. */
import { evidenceRequestStatuses, FieldworkError, localDate, recordsOf, requestOptionsOf } from '@fieldwork/core';
import type { EvidenceRequest, RequestStatus } from '@fieldwork/core';
import { z } from 'zod';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls, resolvePeriod } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

export interface ListRequestsOptions {
  /** The day statuses are computed for (default: today in the workspace time zone). */
  asOf?: string;
  status?: readonly RequestStatus[];
  /** An owner's name or email, any case. */
  owner?: string;
  control?: string;
}

/**
 * Every evidence request of the report window with its owner, due date and status at `asOf`,
 * filtered as asked. The window is the workspace's (`scope.report`), as `check` uses it.
 */
export async function listRequests(ws: LoadedWorkspace, store: FieldworkStore, o: ListRequestsOptions = {}, now = new Date()): Promise<{ window: { from: string; to: string }; asOf: string; requests: EvidenceRequest[] }> {
  if (o.asOf !== undefined && !z.iso.date().safeParse(o.asOf).success) throw new FieldworkError('USAGE', `--as-of ${JSON.stringify(o.asOf)} is not a calendar date.`, { hint: 'Use YYYY-MM-DD with a real month and day, e.g. 2026-03-31.' });
  const { period } = resolvePeriod(ws.config, {}, now);
  const asOf = o.asOf ?? localDate(now, ws.config.timezone);
  const records = await store.loadRecords(['evidence_submission', 'evidence_decision']);
  const all = evidenceRequestStatuses(resolveControls(ws.config), ws.config.owners, recordsOf(records, 'evidence_submission'), recordsOf(records, 'evidence_decision'), asOf,
    { window: period, timezone: ws.config.timezone, ...requestOptionsOf(ws.config.evidence) });
  const owner = o.owner?.trim().toLowerCase();
  const requests = all.filter((r) => (!o.status?.length || o.status.includes(r.status))
    && (!o.control || r.control === o.control)
    && (!owner || r.owner.email?.toLowerCase() === owner || r.owner.name?.toLowerCase() === owner));
  return { window: period, asOf, requests };
}
