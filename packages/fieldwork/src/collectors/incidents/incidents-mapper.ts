import type { IncidentRecord } from '@fieldwork/core/records';
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));
const optional = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim()));

/** One incident of the documented incidents JSON (snake_case). */
export const incidentEntrySchema = z.object({
  key: text,
  title: optional,
  category: optional,
  severity: optional,
  opened_at: z.string().min(1),
  responded_at: z.string().nullish(),
  closed_at: z.string().nullish(),
  postmortem: optional,
  /** Span ids, tool call ids, probe run ids or model names the incident is about. */
  related: z.preprocess((v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v), z.array(text)).default([]),
}).loose();
export type IncidentEntry = z.infer<typeof incidentEntrySchema>;

/** Maps a validated entry to an `incident` record; times are already UTC instants. */
export function mapIncident(e: IncidentEntry, times: { opened: string; respondedAt?: string; closedAt?: string }, cite: { source: string; artifact: string; locator: string }): IncidentRecord {
  return {
    kind: 'incident',
    ...cite,
    key: e.key,
    ...(e.title ? { title: e.title } : {}),
    ...(e.category ? { category: e.category } : {}),
    ...(e.severity ? { severity: e.severity } : {}),
    opened: times.opened,
    ...(times.respondedAt ? { respondedAt: times.respondedAt } : {}),
    ...(times.closedAt ? { closedAt: times.closedAt } : {}),
    ...(e.postmortem ? { postmortem: e.postmortem } : {}),
    relatedRefs: e.related,
  };
}
