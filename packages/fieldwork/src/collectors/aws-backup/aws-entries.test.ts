import { afterAll, describe, expect, it } from 'vitest';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { awsBackupJobsCollector } from './aws-backup-jobs-collector.js';
import { MAX_AWS_NESTING } from './aws-entries.js';

const scratch = scratchDir('aws-entries-test-');
afterAll(() => scratch.remove());
const page = { BackupJobs: [{ BackupJobId: 'job-1', ResourceArn: 'arn:aws:rds:us-west-2:111122223333:db:relay-prod', State: 'COMPLETED', CreationDate: '2026-04-01T10:00:17.532Z', CompletionDate: '2026-04-01T10:14:02.118Z' }] };
const nested = (levels: number, inner: unknown) => `${'['.repeat(levels)}${JSON.stringify(inner)}${']'.repeat(levels)}`;

describe('awsEntries', () => {
  it('refuses arrays nested deeper than pages ever are as malformed input, naming the place', async () => {
    const err = await refusal(awsBackupJobsCollector, scratch.file('deep.json', nested(MAX_AWS_NESTING + 10, page)), {});
    expect(err).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: expect.stringContaining('deep.json'), pointer: '/0'.repeat(MAX_AWS_NESTING) } });
    expect(err.hint).toMatch(/AWS CLI/);
    // 20,000 levels are refused before parsing, by the text guard every artifact goes through.
    const deep = await refusal(awsBackupJobsCollector, scratch.file('deeper.json', nested(20_000, page)), {});
    expect(deep).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: expect.stringContaining('deeper.json'), line: 1 } });
  });

  it('still reads pages nested a few levels (arrays of arrays of responses)', async () => {
    const jobs = await parseFile(awsBackupJobsCollector, scratch.file('pages.json', nested(3, page)), {});
    expect(jobs.map((j) => j.locator)).toEqual(['/0/0/0/BackupJobs/0']);
  });
});
