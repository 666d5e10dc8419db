import { z } from 'zod';
import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { BackupJobRecord } from '@fieldwork/core/records';
import { lookupResource } from './aws-backup-config.js';
import type { AwsBackupJobsOptions } from './aws-backup-config.js';
import { awsInstant } from './aws-time.js';

/** One BackupJobs element of ListBackupJobs, or the DescribeBackupJob response. */
export const awsBackupJobSchema = z.object({
  BackupJobId: z.string().min(1),
  ResourceArn: z.string().min(1).optional(),
  ResourceType: z.string().optional(),
  State: z.string().min(1),
  CreationDate: z.unknown(),
  CompletionDate: z.unknown().optional(),
  BackupSizeInBytes: z.number().nonnegative().optional(),
  RecoveryPointArn: z.string().optional(),
  StatusMessage: z.string().optional(),
}).loose();
export type AwsBackupJob = z.infer<typeof awsBackupJobSchema>;

/** One RecoveryPoints element of ListRecoveryPointsByResource / ByBackupVault. */
export const awsRecoveryPointSchema = z.object({
  RecoveryPointArn: z.string().min(1),
  ResourceArn: z.string().min(1).optional(),
  Status: z.string().min(1),
  CreationDate: z.unknown(),
  CompletionDate: z.unknown().optional(),
  BackupSizeBytes: z.number().nonnegative().optional(),
  BackupSizeInBytes: z.number().nonnegative().optional(),
}).loose();
export type AwsRecoveryPoint = z.infer<typeof awsRecoveryPointSchema>;

type Cite = { source: string; artifact: string; locator: string };

/**
 * The backup_job status for an AWS state: the state lowercased. States AWS adds later pass
 * through lowercased too, so they are kept as evidence but never count as a completed backup.
 * A recovery point that is AVAILABLE is a completed backup.
 */
export function awsBackupStatus(state: string): string {
  const s = state.trim().toLowerCase();
  return s === 'available' ? 'completed' : s;
}

function resourceOf(arn: string | undefined, options: AwsBackupJobsOptions, where: Where, what: string): string {
  const a = arn ?? options.resource;
  if (!a) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: this ${what} does not name the resource it backs up (no ResourceArn).`, {
      where,
      hint: 'ListRecoveryPointsByResource does not repeat the ARN you asked about: set options.resource to that ARN (one file per resource).',
    });
  }
  return lookupResource(options.resourceMap, a) ?? a;
}

/** Maps a ListBackupJobs / DescribeBackupJob entry to a backup_job record. */
export function mapAwsBackupJob(job: AwsBackupJob, options: AwsBackupJobsOptions, cite: Cite, where: Where): BackupJobRecord {
  const at = awsInstant(job.CreationDate, where, 'CreationDate');
  if (!at) throw missingDate(where);
  const completedAt = awsInstant(job.CompletionDate, where, 'CompletionDate');
  return {
    kind: 'backup_job',
    ...cite,
    tool: 'aws-backup',
    resource: resourceOf(job.ResourceArn, options, where, 'backup job'),
    jobId: job.BackupJobId,
    at,
    ...(completedAt ? { completedAt } : {}),
    status: awsBackupStatus(job.State),
    ...(job.BackupSizeInBytes !== undefined ? { sizeBytes: job.BackupSizeInBytes } : {}),
    ...(job.RecoveryPointArn ? { recoveryPoint: job.RecoveryPointArn } : {}),
  };
}

/** Maps a recovery point (evidence that a backup of the resource exists) to a backup_job record. */
export function mapAwsRecoveryPoint(rp: AwsRecoveryPoint, options: AwsBackupJobsOptions, cite: Cite, where: Where): BackupJobRecord {
  const at = awsInstant(rp.CreationDate, where, 'CreationDate');
  if (!at) throw missingDate(where);
  const completedAt = awsInstant(rp.CompletionDate, where, 'CompletionDate');
  const size = rp.BackupSizeInBytes ?? rp.BackupSizeBytes;
  return {
    kind: 'backup_job',
    ...cite,
    tool: 'aws-backup',
    resource: resourceOf(rp.ResourceArn, options, where, 'recovery point'),
    // A recovery point has no job id; its ARN is unique and is what restore jobs refer to.
    jobId: rp.RecoveryPointArn,
    at,
    ...(completedAt ? { completedAt } : {}),
    status: awsBackupStatus(rp.Status),
    ...(size !== undefined ? { sizeBytes: size } : {}),
    recoveryPoint: rp.RecoveryPointArn,
  };
}

function missingDate(where: Where): FieldworkError {
  return new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: an entry has no CreationDate.`, {
    where: { ...where, pointer: `${where.pointer ?? ''}/CreationDate` },
    hint: 'Export with the AWS CLI as it is (--output json); every job and recovery point has a CreationDate.',
  });
}
