import { localDate } from '@fieldwork/core';
import { listRequests } from '../manual-evidence/index.js';
import type { EvidenceRequestProvider } from './run-digest.js';

/**
 * The workspace's evidence requests due soon, overdue or missing at the digest's time, as
 * `fieldwork evidence list` computes them (`evidenceRequestStatuses` over the report window;
 * "due soon" is `evidence.dueSoonDays` of fieldwork.yaml). Owners are the ones the requests
 * resolve (the control's owner role, else the compliance owner).
 *
 * @example
 * await runDigest(ws, store, clock, { requests: workspaceEvidenceRequests })
 */
export const workspaceEvidenceRequests: EvidenceRequestProvider = async (ws, store, asOf) => {
  const { requests } = await listRequests(ws, store, { asOf: localDate(asOf, ws.config.timezone), status: ['due_soon', 'overdue', 'missing'] }, asOf);
  return requests.map((r) => ({
    id: r.id, control: r.control, title: r.title, covers: r.covers, due: r.due, status: r.status,
    ...(r.owner.email ? { ownerEmail: r.owner.email } : {}),
  }));
};
