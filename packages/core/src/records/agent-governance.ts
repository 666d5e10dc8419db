import { z } from 'zod';
import { calendarDate, identityKey, instant, recordBase } from './base.js';

/** A declared model change (model swap) with its ticket, approval and evals. */
export const modelChangeSchema = z.object({
  kind: z.literal('model_change'),
  ...recordBase,
  id: z.string().min(1),
  service: z.string().min(1),
  environment: z.string().min(1),
  fromModel: z.string().optional(),
  toModel: z.string().min(1),
  /** Other names the provider reports for `toModel` (dated snapshots such as `gpt-4.1-2025-04-14`). */
  toAliases: z.array(z.string()).optional(),
  provider: z.string().optional(),
  ticket: z.string().optional(),
  requestedBy: z.string().optional(),
  approvedBy: z.string().optional(),
  approvedAt: instant.optional(),
  /** When the change was made effective. */
  at: instant,
  evalIds: z.array(z.string()).default([]),
});
export type ModelChangeRecord = z.infer<typeof modelChangeSchema>;
/** Identity of a model change: its id in the change register. */
export const modelChangeIdentity = (r: ModelChangeRecord): string => identityKey(r.id);

/** An evaluation run of a model on a dataset (promptfoo, a custom harness). */
export const evalRunSchema = z.object({
  kind: z.literal('eval_run'),
  ...recordBase,
  id: z.string().min(1),
  tool: z.string().optional(),
  model: z.string().min(1),
  dataset: z.string().optional(),
  heldOut: z.boolean().optional(),
  score: z.number(),
  threshold: z.number().optional(),
  /** The verdict the source itself stated, if any; the checks judge the run (score against threshold). */
  passed: z.boolean().optional(),
  tests: z.number().int().nonnegative().optional(),
  failures: z.number().int().nonnegative().optional(),
  startedAt: instant.optional(),
  finishedAt: instant,
});
export type EvalRunRecord = z.infer<typeof evalRunSchema>;
/** Identity of an eval run: the tool and the run's id. */
export const evalRunIdentity = (r: EvalRunRecord): string => identityKey(r.tool, r.id);

/** One attempt of a cross-tenant isolation probe. */
export const probeAttemptSchema = z.object({
  op: z.enum(['query', 'get', 'update', 'delete', 'no_tenant']),
  fromTenant: z.string().optional(),
  targetTenant: z.string().optional(),
  /** denied: refused; empty: allowed but nothing of the other tenant returned; leaked: another tenant's data came back or changed */
  outcome: z.enum(['denied', 'empty', 'leaked', 'error']),
  detail: z.string().optional(),
});

/** A run of `fieldwork probe memory` against a tenant store. */
export const isolationProbeSchema = z.object({
  kind: z.literal('isolation_probe'),
  ...recordBase,
  runId: z.string().min(1),
  store: z.string().min(1),
  adapter: z.string().min(1),
  at: instant,
  tenants: z.array(z.string()).min(1),
  canaries: z.number().int().nonnegative(),
  attempts: z.array(probeAttemptSchema),
  /** The leak count the run file stated, if any; the check counts leaks from `attempts`. */
  leaks: z.number().int().nonnegative().optional(),
  /** The verdict the run file stated, if any; the check judges the run from `attempts`. */
  passed: z.boolean().optional(),
  /** A run against an in-process store (a self-test of the SDK, not the platform): checks ignore it. */
  selfTest: z.boolean().optional(),
});
export type IsolationProbeRecord = z.infer<typeof isolationProbeSchema>;
/** Identity of an isolation probe run: its run id. */
export const isolationProbeIdentity = (r: IsolationProbeRecord): string => identityKey(r.runId);

/** A data subject's deletion request and what it covered. */
export const deletionRequestSchema = z.object({
  kind: z.literal('deletion_request'),
  ...recordBase,
  id: z.string().min(1),
  subject: z.string().min(1),
  tenant: z.string().optional(),
  requestedAt: instant,
  completedAt: instant.optional(),
  stores: z.array(z.string()).default([]),
});
export type DeletionRequestRecord = z.infer<typeof deletionRequestSchema>;
/** Identity of a deletion request: its id. */
export const deletionRequestIdentity = (r: DeletionRequestRecord): string => identityKey(r.id);

/** A declared retention of a prompt/trace store (from the workspace or the store's config export). */
export const retentionDeclarationSchema = z.object({
  kind: z.literal('retention_declaration'),
  ...recordBase,
  store: z.string().min(1),
  retentionDays: z.number().int().positive(),
  declaredAt: calendarDate.optional(),
});
export type RetentionDeclarationRecord = z.infer<typeof retentionDeclarationSchema>;
/** Identity of a retention declaration: the store it declares (one retention per store). */
export const retentionDeclarationIdentity = (r: RetentionDeclarationRecord): string => identityKey(r.store);
