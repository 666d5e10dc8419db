import type { ModelChangeRecord } from '@fieldwork/core/records';
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));
const optionalText = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim()));
/** YAML turns unquoted timestamps into Dates; accept both. */
const time = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString() : v));

/** One entry of `changes:` in a model-changes file (snake_case, as documented). */
export const modelChangeEntrySchema = z.object({
  id: text,
  service: text,
  environment: text,
  from: optionalText,
  to: text,
  /** Names the provider reports for `to` (dated snapshots). */
  aliases: z.array(text).optional(),
  provider: optionalText,
  ticket: optionalText,
  requested_by: optionalText,
  approved_by: optionalText,
  approved_at: time.nullish(),
  effective_at: time,
  evals: z.array(text).default([]),
}).loose();
export type ModelChangeEntry = z.infer<typeof modelChangeEntrySchema>;

/** Maps a validated entry to a `model_change` record; times are already UTC instants. */
export function mapModelChange(e: ModelChangeEntry, times: { effectiveAt: string; approvedAt?: string }, cite: { source: string; artifact: string; locator: string }): ModelChangeRecord {
  return {
    kind: 'model_change',
    ...cite,
    id: e.id,
    service: e.service,
    environment: e.environment,
    ...(e.from ? { fromModel: e.from } : {}),
    toModel: e.to,
    ...(e.aliases?.length ? { toAliases: e.aliases } : {}),
    ...(e.provider ? { provider: e.provider } : {}),
    ...(e.ticket ? { ticket: e.ticket } : {}),
    ...(e.requested_by ? { requestedBy: e.requested_by } : {}),
    ...(e.approved_by ? { approvedBy: e.approved_by } : {}),
    ...(times.approvedAt ? { approvedAt: times.approvedAt } : {}),
    at: times.effectiveAt,
    evalIds: e.evals,
  };
}
