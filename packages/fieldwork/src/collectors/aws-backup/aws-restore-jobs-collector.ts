import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { awsRestoreJobsOptionsSchema } from './aws-backup-config.js';
import type { AwsRestoreJobsOptions } from './aws-backup-config.js';
import { invalidAwsEntry, otherAwsBackupOperation, wrongAwsOperation } from './aws-envelope.js';
import { awsEntries } from './aws-entries.js';
import type { AwsShape } from './aws-entries.js';
import { awsRestoreJobSchema, mapAwsRestoreJob } from './aws-restore-mapper.js';

const shape: AwsShape<'restore'> = {
  lists: { RestoreJobs: 'restore' },
  single: (body) => (typeof body.RestoreJobId === 'string' ? 'restore' : undefined),
  wrong(body, where) {
    if (Array.isArray(body.BackupJobs) || 'BackupJobId' in body || Array.isArray(body.RecoveryPoints)) {
      return new FieldworkError('INPUT_WRONG_FORMAT', `${where.file} holds backups, not restore jobs.`, { where, hint: 'Read backup jobs and recovery points with kind: aws-backup-jobs.' });
    }
    return wrongAwsOperation(where.file ?? '', where.pointer ?? '/', 'restore job history (RestoreJobs)', otherAwsBackupOperation(body),
      'Export restore jobs with `aws backup list-restore-jobs --by-created-after 2026-04-01T00:00:00Z --output json > restore-jobs.json` (or describe-restore-job).');
  },
};

/** AWS Backup restore jobs (including restore testing): ListRestoreJobs pages or DescribeRestoreJob. */
export const awsRestoreJobsCollector: Collector<AwsRestoreJobsOptions> = {
  kind: 'aws-restore-jobs',
  snapshotKinds: [],
  description: 'AWS Backup restore jobs (aws backup list-restore-jobs / describe-restore-job JSON), incl. restore testing: CreatedResourceArn, ValidationStatus',
  options: awsRestoreJobsOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const seen = new Set<string>();
    for await (const e of awsEntries(input, shape)) {
      const job = awsRestoreJobSchema.safeParse(e.value);
      if (!job.success) throw invalidAwsEntry(job.error.issues[0], e.where, 'restore job');
      if (seen.has(job.data.RestoreJobId)) continue;
      seen.add(job.data.RestoreJobId);
      yield mapAwsRestoreJob(job.data, options, ctx.cite(e.locator), e.where);
    }
  },
};
