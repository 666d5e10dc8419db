import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of an incident and the other names accepted for each (compared without case,
 * spaces, underscores or hyphens: `postmortem_url`, `Postmortem URL` and `postmortemUrl` are one).
 */
export const INCIDENT_FIELDS: FieldAliases = {
  key: ['id', 'incident id', 'incident key', 'number', 'reference'],
  title: ['name', 'summary', 'subject'],
  category: ['type', 'incident type', 'classification'],
  severity: ['sev', 'severity level'],
  opened_at: ['opened', 'created', 'created at', 'reported at', 'detected at', 'declared at', 'started at'],
  responded_at: ['responded', 'first response at', 'acknowledged at', 'acked at', 'triaged at'],
  closed_at: ['closed', 'resolved at', 'resolved', 'ended at'],
  postmortem: ['postmortem link', 'postmortem url', 'post incident review', 'pir', 'retrospective', 'rca', 'rca link'],
  related: ['related trace ids', 'trace ids', 'related traces', 'traces', 'related spans', 'span ids', 'related ids', 'related refs', 'refs'],
};

/** Options of the `incidents-json` source. */
export const incidentsOptionsSchema = z.object({
  /** Our field (e.g. `postmortem`) → the key your register uses for it; wins over the accepted names. */
  fields: fieldMappingSchema(INCIDENT_FIELDS).default({}),
}).strict();
export type IncidentsOptions = z.infer<typeof incidentsOptionsSchema>;
