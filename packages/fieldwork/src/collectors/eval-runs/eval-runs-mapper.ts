import type { EvalRunRecord } from '@fieldwork/core';
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));
const count = z.number().int().nonnegative();

/** One run in our documented eval-runs JSON (snake_case). */
export const evalRunEntrySchema = z.object({
  id: text,
  model: text,
  dataset: z.string().nullish(),
  held_out: z.boolean().nullish(),
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

/**
 * Whether a run passed: the file's `passed` when given, else `score >= threshold`, else no
 * failures. Undefined when the file gives none of these (the run cannot be judged).
 */
export function evalPassed(e: Pick<EvalRunEntry, 'passed' | 'score' | 'threshold' | 'failures'>): boolean | undefined {
  if (typeof e.passed === 'boolean') return e.passed;
  if (typeof e.threshold === 'number') return e.score >= e.threshold;
  if (typeof e.failures === 'number') return e.failures === 0;
  return undefined;
}

/** Maps a validated entry to an `eval_run` record. */
export function mapEvalRun(e: EvalRunEntry, passed: boolean, times: { startedAt?: string; finishedAt: string }, tool: string | undefined, cite: { source: string; artifact: string; locator: string }): EvalRunRecord {
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
    passed,
    ...(typeof e.tests === 'number' ? { tests: e.tests } : {}),
    ...(typeof e.failures === 'number' ? { failures: e.failures } : {}),
    ...(times.startedAt ? { startedAt: times.startedAt } : {}),
    finishedAt: times.finishedAt,
  };
}
