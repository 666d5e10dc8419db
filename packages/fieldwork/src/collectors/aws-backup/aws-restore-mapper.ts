import { z } from 'zod';
import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { RestoreTestRecord } from '@fieldwork/core/records';
import { lookupResource } from './aws-backup-config.js';
import type { AwsRestoreJobsOptions } from './aws-backup-config.js';
import { awsInstant } from './aws-time.js';

/** One RestoreJobs element of ListRestoreJobs, or the DescribeRestoreJob response. */
export const awsRestoreJobSchema = z.object({
  RestoreJobId: z.string().min(1),
  RecoveryPointArn: z.string().min(1).optional(),
  SourceResourceArn: z.string().min(1).optional(),
  BackupVaultArn: z.string().min(1).optional(),
  CreationDate: z.unknown(),
  CompletionDate: z.unknown().optional(),
  Status: z.string().min(1),
  StatusMessage: z.string().optional(),
  CreatedResourceArn: z.string().optional(),
  ResourceType: z.string().optional(),
  IamRoleArn: z.string().optional(),
  RestoreTestingPlanArn: z.string().optional(),
  CreatedBy: z.object({ RestoreTestingPlanArn: z.string().optional() }).loose().optional(),
  ValidationStatus: z.string().optional(),
  ValidationStatusMessage: z.string().optional(),
  DeletionStatus: z.string().optional(),
}).loose();
export type AwsRestoreJob = z.infer<typeof awsRestoreJobSchema>;

type Cite = { source: string; artifact: string; locator: string };

/** The vault name inside a backup vault ARN (`arn:aws:backup:…:backup-vault:NAME`). */
function vaultName(arn: string | undefined): string | undefined {
  const m = arn ? /:backup-vault:(.+)$/.exec(arn) : null;
  return m?.[1];
}

/**
 * The resource a restore job tested. SourceResourceArn (newer CLIs) is the answer; without it,
 * options.resourceMap is asked by recovery point ARN prefix, vault ARN or vault name, then
 * options.resource. Failing all, the recovery point ARN stands in, with a note, so the record is
 * kept and a check can still join it to the backup job that made that recovery point.
 */
function resourceOf(job: AwsRestoreJob, options: AwsRestoreJobsOptions): { resource: string; note?: string } {
  const map = options.resourceMap;
  if (job.SourceResourceArn) return { resource: lookupResource(map, job.SourceResourceArn) ?? job.SourceResourceArn };
  const mapped = lookupResource(map, job.RecoveryPointArn, job.BackupVaultArn, vaultName(job.BackupVaultArn));
  if (mapped) return { resource: mapped };
  if (options.resource) return { resource: options.resource };
  if (job.RecoveryPointArn) {
    return { resource: job.RecoveryPointArn, note: 'Source resource unknown: the export has no SourceResourceArn and options.resourceMap has no entry for this recovery point.' };
  }
  return { resource: `restore-job:${job.RestoreJobId}`, note: 'Source resource unknown: no SourceResourceArn or RecoveryPointArn.' };
}

/** Maps a ListRestoreJobs / DescribeRestoreJob entry to a restore_test record. */
export function mapAwsRestoreJob(job: AwsRestoreJob, options: AwsRestoreJobsOptions, cite: Cite, where: Where): RestoreTestRecord {
  const at = awsInstant(job.CreationDate, where, 'CreationDate');
  if (!at) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: a restore job has no CreationDate.`, {
      where: { ...where, pointer: `${where.pointer ?? ''}/CreationDate` }, hint: 'Export with the AWS CLI as it is (--output json).',
    });
  }
  const completedAt = awsInstant(job.CompletionDate, where, 'CompletionDate');
  const { resource, note } = resourceOf(job, options);
  const plan = job.CreatedBy?.RestoreTestingPlanArn ?? job.RestoreTestingPlanArn;
  const notes = [
    job.StatusMessage, job.ValidationStatusMessage ? `Validation: ${job.ValidationStatusMessage}` : undefined,
    job.DeletionStatus ? `Restored copy deletion: ${job.DeletionStatus.toLowerCase()}` : undefined, note,
  ].filter((n): n is string => !!n && n.trim() !== '');
  return {
    kind: 'restore_test',
    ...cite,
    tool: 'aws-backup',
    resource,
    id: job.RestoreJobId,
    at,
    ...(completedAt ? { completedAt } : {}),
    status: job.Status.trim().toLowerCase(),
    ...(job.ValidationStatus ? { validation: job.ValidationStatus.trim().toLowerCase() } : {}),
    ...(job.CreatedResourceArn ? { artifactRef: job.CreatedResourceArn } : {}),
    ...(job.RecoveryPointArn ? { recoveryPoint: job.RecoveryPointArn } : {}),
    ...(plan ?? job.IamRoleArn ? { performedBy: plan ?? job.IamRoleArn } : {}),
    ...(notes.length ? { notes: notes.join(' ') } : {}),
  };
}
