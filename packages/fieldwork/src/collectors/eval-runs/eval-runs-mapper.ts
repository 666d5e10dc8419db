import type { EvalRunRecord } from '@fieldwork/core/records';
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));
const count = z.number().int().nonnegative();
/** A flag as JSON writes it, or as a sheet-born export does (`yes`, `true`, `1`). */
const flag = z.preprocess((v) => {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(s)) return true;
  if (['false', 'no', 'n', '0'].includes(s)) return false;
  return v;
}, z.boolean().nullish());

/** One run in our documented eval-runs JSON (snake_case). */
export const evalRunEntrySchema = z.object({
  id: text,
  model: text,
  dataset: z.string().nullish(),
  held_out: flag,
  score: z.number(),
  threshold: z.number().nullish(),
  passed: z.boolean().nullish(),
  tests: count.nullish(),
  failures: count.nullish(),
  started_at: z.string().nullish(),
  finished_at: z.string().min(1),
  tool: z.string().nullish(),
}).loose();
export type EvalRunEntry = z.infer<typeof evalRunEntrySchema>;

/** Maps a validated entry to an `eval_run` record; `passed` only when the file states it (the checks judge). */
export function mapEvalRun(e: EvalRunEntry, times: { startedAt?: string; finishedAt: string }, tool: string | undefined, cite: { source: string; artifact: string; locator: string }): EvalRunRecord {
  return {
    kind: 'eval_run',
    ...cite,
    id: e.id,
    ...(e.tool ?? tool ? { tool: (e.tool ?? tool) as string } : {}),
    model: e.model,
    ...(e.dataset ? { dataset: e.dataset } : {}),
    ...(typeof e.held_out === 'boolean' ? { heldOut: e.held_out } : {}),
    score: e.score,
    ...(typeof e.threshold === 'number' ? { threshold: e.threshold } : {}),
    ...(typeof e.passed === 'boolean' ? { passed: e.passed } : {}),
    ...(typeof e.tests === 'number' ? { tests: e.tests } : {}),
    ...(typeof e.failures === 'number' ? { failures: e.failures } : {}),
    ...(times.startedAt ? { startedAt: times.startedAt } : {}),
    finishedAt: times.finishedAt,
  };
}
