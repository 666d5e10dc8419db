import { z } from 'zod';

/** The format marker of a probe run file, so a wrong file is told apart from a broken one. */
export const PROBE_RUN_FORMAT = 'fieldwork-isolation-probe/1';

/** One attempt of a probe run, as written to the run file. */
export const probeRunAttemptSchema = z.object({
  op: z.enum(['query', 'get', 'update', 'delete', 'no_tenant']),
  fromTenant: z.string().optional(),
  targetTenant: z.string().optional(),
  outcome: z.enum(['denied', 'empty', 'leaked', 'error']),
  detail: z.string().optional(),
});
export type ProbeRunAttempt = z.infer<typeof probeRunAttemptSchema>;

/**
 * The JSON a probe run writes (`fieldwork probe memory --json`, or a file imported with the
 * `isolation-probe-json` source): what was planted, every attempt and its outcome.
 */
export const probeRunSchema = z.object({
  format: z.literal(PROBE_RUN_FORMAT),
  runId: z.string().min(1),
  store: z.string().min(1),
  adapter: z.string().min(1),
  startedAt: z.string().min(1),
  finishedAt: z.string().min(1),
  tenants: z.array(z.string().min(1)).min(1),
  canaries: z.number().int().nonnegative(),
  attempts: z.array(probeRunAttemptSchema),
  leaks: z.number().int().nonnegative(),
  passed: z.boolean(),
  /** What the probe noticed about its set-up (role, row-level security, vector type). */
  notes: z.array(z.string()).default([]),
  /**
   * True when the probe ran against a store inside the probing process (`--adapter memory`):
   * it tests the SDK, not the platform, so it is kept as a record of the run but no check counts it.
   */
  selfTest: z.boolean().optional(),
});
export type ProbeRun = z.infer<typeof probeRunSchema>;

/**
 * The verdict of a run from its attempts: leaks are attempts that reached another tenant's
 * data; a run passes only with two or more tenants, canaries planted, no leak and no attempt
 * that could not be made (an error leaves isolation unproven).
 */
export function probeVerdict(run: Pick<ProbeRun, 'tenants' | 'canaries' | 'attempts'>): { leaks: number; passed: boolean } {
  const leaks = run.attempts.filter((a) => a.outcome === 'leaked').length;
  const errors = run.attempts.filter((a) => a.outcome === 'error').length;
  const ops = new Set(run.attempts.map((a) => a.op));
  const complete = ['query', 'get', 'update', 'delete', 'no_tenant'].every((op) => ops.has(op as ProbeRunAttempt['op']));
  return { leaks, passed: leaks === 0 && errors === 0 && complete && run.tenants.length >= 2 && run.canaries > 0 };
}
