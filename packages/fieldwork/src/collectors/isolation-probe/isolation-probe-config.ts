import { z } from 'zod';
import { probeRunSchema } from '../../probe/probe-run.js';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a probe run and the other names accepted for each (compared without case,
 * spaces, underscores or hyphens, so `run_id` is `runId`).
 */
export const PROBE_RUN_FIELDS: FieldAliases = {
  format: [],
  runId: ['run', 'probe id', 'probe run id'],
  store: ['memory store', 'vector store', 'index'],
  adapter: ['driver', 'backend'],
  startedAt: ['started', 'start', 'start time'],
  finishedAt: ['finished', 'completed at', 'end', 'end time'],
  tenants: ['tenant ids'],
  canaries: ['canary count', 'canaries planted'],
  attempts: ['probes', 'results'],
  leaks: ['leak count', 'leaked'],
  passed: ['pass'],
  notes: ['remarks'],
};

/** The fields of one attempt of a probe run. */
export const PROBE_ATTEMPT_FIELDS: FieldAliases = {
  op: ['operation', 'action'],
  fromTenant: ['as tenant', 'caller tenant', 'source tenant'],
  targetTenant: ['target', 'victim tenant', 'other tenant'],
  outcome: ['result'],
  detail: ['details', 'message'],
};

/** Options of the `isolation-probe-json` source. */
export const isolationProbeOptionsSchema = z.object({
  /** Our run field (e.g. `finishedAt`) → the key your run files use for it. */
  fields: fieldMappingSchema(PROBE_RUN_FIELDS).default({}),
  /** Our attempt field (e.g. `targetTenant`) → the key your attempts use for it. */
  attemptFields: fieldMappingSchema(PROBE_ATTEMPT_FIELDS).default({}),
}).strict();
export type IsolationProbeOptions = z.infer<typeof isolationProbeOptionsSchema>;

/**
 * A run file as imported: what `probe memory --json` writes, except that the stated leak count
 * and verdict may be left out — the check recomputes both from the attempts, so a run written by
 * another tool need not state them.
 */
export const importedProbeRunSchema = probeRunSchema.extend({
  leaks: probeRunSchema.shape.leaks.optional(),
  passed: probeRunSchema.shape.passed.optional(),
});
export type ImportedProbeRun = z.infer<typeof importedProbeRunSchema>;
