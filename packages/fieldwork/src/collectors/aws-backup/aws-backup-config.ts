import { z } from 'zod';

/**
 * Maps AWS identifiers to the resource names used in `backups.resources` of fieldwork.yaml.
 * Keys are a full ARN, an ARN prefix (longest match wins), or a backup vault name; values are
 * the resource name records carry.
 */
export const resourceMapSchema = z.record(z.string().min(1), z.string().min(1));

/** Options of the `aws-backup-jobs` source. */
export const awsBackupJobsOptionsSchema = z.object({
  /**
   * The resource every entry in the file belongs to. Needed for ListRecoveryPointsByResource
   * output, which does not repeat the ARN it was asked about.
   */
  resource: z.string().min(1).optional(),
  /** Renames resources (ARN or ARN prefix → name). */
  resourceMap: resourceMapSchema.default({}),
}).strict();
export type AwsBackupJobsOptions = z.infer<typeof awsBackupJobsOptionsSchema>;

/** Options of the `aws-restore-jobs` source. */
export const awsRestoreJobsOptionsSchema = z.object({
  /** The resource every restore job in the file tested (e.g. list-restore-jobs-by-protected-resource output). */
  resource: z.string().min(1).optional(),
  /**
   * Finds the source resource of a restore job that has no SourceResourceArn: keys are a
   * recovery point ARN prefix, a backup vault ARN or a vault name; values the resource name.
   */
  resourceMap: resourceMapSchema.default({}),
}).strict();
export type AwsRestoreJobsOptions = z.infer<typeof awsRestoreJobsOptionsSchema>;

/** AWS Backup job states (lowercased into backup_job.status). */
export const AWS_BACKUP_JOB_STATES = ['CREATED', 'PENDING', 'RUNNING', 'ABORTING', 'ABORTED', 'COMPLETED', 'FAILED', 'EXPIRED', 'PARTIAL'];

/**
 * The resource name for `arn` under `map`: an exact key, else the longest key that is a prefix
 * of it, else undefined.
 */
export function lookupResource(map: Record<string, string>, ...candidates: (string | undefined)[]): string | undefined {
  let best: { len: number; name: string } | undefined;
  for (const c of candidates) {
    if (!c) continue;
    for (const [key, name] of Object.entries(map)) {
      if (c === key) return name;
      if (c.startsWith(key) && (!best || key.length > best.len)) best = { len: key.length, name };
    }
  }
  return best?.name;
}
