import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { awsBackupJobsOptionsSchema } from './aws-backup-config.js';
import type { AwsBackupJobsOptions } from './aws-backup-config.js';
import { awsBackupJobSchema, awsRecoveryPointSchema, mapAwsBackupJob, mapAwsRecoveryPoint } from './aws-backup-mapper.js';
import { invalidAwsEntry, otherAwsBackupOperation, wrongAwsOperation } from './aws-envelope.js';
import { awsEntries } from './aws-entries.js';
import type { AwsShape } from './aws-entries.js';

const EXPORT_HINT = 'Export job history with `aws backup list-backup-jobs --by-created-after 2026-04-01T00:00:00Z --output json > backup-jobs.json` (or `describe-backup-job`, or `list-recovery-points-by-resource` with options.resource).';

const shape: AwsShape<'job' | 'recovery_point'> = {
  lists: { BackupJobs: 'job', RecoveryPoints: 'recovery_point' },
  single(body) {
    if (typeof body.BackupJobId === 'string') return 'job';
    if (typeof body.RecoveryPointArn === 'string' && 'Status' in body && !('RestoreJobId' in body)) return 'recovery_point';
    return undefined;
  },
  wrong(body, where) {
    if (Array.isArray(body.RestoreJobs) || 'RestoreJobId' in body) {
      return new FieldworkError('INPUT_WRONG_FORMAT', `${where.file} holds restore jobs, not backup jobs.`, { where, hint: 'Read restore jobs with kind: aws-restore-jobs.' });
    }
    return wrongAwsOperation(where.file ?? '', where.pointer ?? '/', 'backup job history (BackupJobs or RecoveryPoints)', otherAwsBackupOperation(body), EXPORT_HINT);
  },
};

/** AWS Backup job history: ListBackupJobs pages, DescribeBackupJob, or recovery point listings. */
export const awsBackupJobsCollector: Collector<AwsBackupJobsOptions> = {
  kind: 'aws-backup-jobs',
  snapshotKinds: [],
  description: 'AWS Backup jobs (aws backup list-backup-jobs / describe-backup-job JSON; list-recovery-points-by-resource accepted as backup evidence)',
  options: awsBackupJobsOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    // Overlapping exports (pages fetched twice) list a job twice; one record per job per artifact.
    const seen = new Set<string>();
    for await (const e of awsEntries(input, shape)) {
      if (e.type === 'job') {
        const job = awsBackupJobSchema.safeParse(e.value);
        if (!job.success) throw invalidAwsEntry(job.error.issues[0], e.where, 'backup job');
        if (seen.has(job.data.BackupJobId)) continue;
        seen.add(job.data.BackupJobId);
        yield mapAwsBackupJob(job.data, options, ctx.cite(e.locator), e.where);
      } else {
        const rp = awsRecoveryPointSchema.safeParse(e.value);
        if (!rp.success) throw invalidAwsEntry(rp.error.issues[0], e.where, 'recovery point');
        if (seen.has(rp.data.RecoveryPointArn)) continue;
        seen.add(rp.data.RecoveryPointArn);
        yield mapAwsRecoveryPoint(rp.data, options, ctx.cite(e.locator), e.where);
      }
    }
  },
};
