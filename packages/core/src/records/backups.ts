import { z } from 'zod';
import { identityKey, instant, recordBase } from './base.js';

/** One backup job or snapshot of a resource. */
export const backupJobSchema = z.object({
  kind: z.literal('backup_job'),
  ...recordBase,
  tool: z.string().min(1),
  resource: z.string().min(1),
  jobId: z.string().min(1),
  at: instant,
  completedAt: instant.optional(),
  /** completed | failed | aborted | expired | running | partial */
  status: z.string().min(1),
  sizeBytes: z.number().nonnegative().optional(),
  recoveryPoint: z.string().optional(),
});
export type BackupJobRecord = z.infer<typeof backupJobSchema>;
/** Identity of a backup job: the tool and its job (or snapshot) id. */
export const backupJobIdentity = (r: BackupJobRecord): string => identityKey(r.tool, r.jobId);

/** A restore test: a backup restored somewhere and, ideally, validated. */
export const restoreTestSchema = z.object({
  kind: z.literal('restore_test'),
  ...recordBase,
  tool: z.string().min(1),
  resource: z.string().min(1),
  id: z.string().min(1),
  at: instant,
  completedAt: instant.optional(),
  status: z.string().min(1),
  /** successful | failed | skipped | unknown, when a validation ran */
  validation: z.string().optional(),
  /** What the test left behind: a restored resource ARN, a log file, a screenshot path. */
  artifactRef: z.string().optional(),
  /** SHA-256 of the artifact the test left, when Fieldwork could read it (manual records). */
  artifactSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** The recovery point restored, so a check can find its resource through backup_job.recoveryPoint. */
  recoveryPoint: z.string().optional(),
  performedBy: z.string().optional(),
  /** Free text from the record, plus what Fieldwork noticed (e.g. an evidence file that is missing). */
  notes: z.string().optional(),
});
export type RestoreTestRecord = z.infer<typeof restoreTestSchema>;
/** Identity of a restore test: the tool and the test's id. */
export const restoreTestIdentity = (r: RestoreTestRecord): string => identityKey(r.tool, r.id);

/**
 * The `backups:` section of fieldwork.yaml: which resources must be backed up, how often, and
 * which are critical (critical ones also need a restore test each quarter). `name` is what the
 * collectors emit as `resource` (an ARN, a pgBackRest stanza, a restic resource name).
 */
export const backupsSectionSchema = z.object({
  resources: z.array(z.object({
    name: z.string().min(1),
    critical: z.boolean().default(false),
    /** Longest allowed gap between completed backups, in days. */
    cadenceDays: z.number().positive().default(1),
  }).strict()).default([]),
}).strict();
export type BackupsSection = z.infer<typeof backupsSectionSchema>;
