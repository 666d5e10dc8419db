import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSchemas } from '@fieldwork/core/records';
import type { BackupJobRecord } from '@fieldwork/core/records';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { awsBackupJobsCollector } from './aws-backup-jobs-collector.js';

const here = new URL('./fixtures/', import.meta.url).pathname;
const real = (name: string) => join(REAL_FIXTURES, 'backup', name);
const scratch = scratchDir('aws-backup-test-');
afterAll(() => scratch.remove());
const file = scratch.file;
async function jobs(path: string, options: unknown = {}): Promise<BackupJobRecord[]> {
  const out = await parseFile(awsBackupJobsCollector, path, options);
  for (const r of out) expect(recordSchemas.backup_job.safeParse(r).success).toBe(true);
  return out as BackupJobRecord[];
}
const failure = (path: string, options: unknown = {}) => refusal(awsBackupJobsCollector, path, options);

describe('aws-backup-jobs', () => {
  it('reads a list-backup-jobs page (CLI v2, ISO dates) with a locator per job', async () => {
    const r = await jobs(join(here, 'list-backup-jobs.json'));
    expect(r).toHaveLength(4);
    expect(r[0]).toMatchObject({
      tool: 'aws-backup', resource: 'arn:aws:rds:us-west-2:111122223333:db:relay-prod', jobId: '4E3C0F0A-5B1D-4E28-9B8C-2A9A1F0C7D11',
      at: '2026-04-01T10:00:17.532Z', completedAt: '2026-04-01T10:14:02.118Z', status: 'completed', sizeBytes: 48318382080, locator: '/BackupJobs/0',
    });
    expect(r.map((j) => j.status)).toEqual(['completed', 'failed', 'running', 'completed_with_warnings']);
  });

  it('keeps a state AWS adds later, lowercased, so it never counts as completed', async () => {
    const r = await jobs(join(here, 'list-backup-jobs.json'));
    expect(r[3].status).toBe('completed_with_warnings');
  });

  it('reads epoch-second dates (CLI v1) as the same instants and drops a job listed twice', async () => {
    const r = await jobs(join(here, 'list-backup-jobs-cli-v1.json'));
    expect(r).toHaveLength(1);
    expect(r[0].at).toBe('2026-04-01T10:00:17.532Z');
    expect(r[0].completedAt).toBe('2026-04-01T10:14:02.118Z');
  });

  it('reads describe-backup-job (one object)', async () => {
    const r = await jobs(join(here, 'describe-backup-job.json'));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ status: 'completed', locator: '/' });
  });

  it('reads the real ListRecoveryPointsByResource recording (placebo datetimes) with options.resource', async () => {
    const arn = 'arn:aws:rds:us-east-1:123456789012:db:c7n-test';
    const r = await jobs(real('aws-backup.ListRecoveryPointsByResource.placebo.json'), { resource: arn });
    expect(r).toHaveLength(3);
    expect(r[0]).toMatchObject({
      resource: arn, status: 'completed', at: '2022-09-09T14:04:52.776Z', sizeBytes: 11910, locator: '/data/RecoveryPoints/0',
      jobId: 'arn:aws:backup:us-east-1:123456789012:recovery-point:b2f7c59b-2a92-4dbd-814f-ed35e175c259',
    });
  });

  it('asks for options.resource when recovery points do not name their resource', async () => {
    const e = await failure(real('aws-backup.ListRecoveryPointsByResource.placebo.json'));
    expect(e.code).toBe('INPUT_INVALID_RECORD');
    expect(e.where?.pointer).toBe('/data/RecoveryPoints/0');
    expect(e.hint).toMatch(/options\.resource/);
  });

  it.each([
    ['aws-backup.GetBackupPlan.placebo.json', /GetBackupPlan/],
    ['aws-backup.ListBackupPlans.placebo.json', /ListBackupPlans/],
    ['aws-backup.DescribeBackupVault.placebo.json', /DescribeBackupVault/],
  ])('refuses the real %s recording as the wrong operation', async (name, op) => {
    const e = await failure(real(name));
    expect(e.code).toBe('INPUT_WRONG_FORMAT');
    expect(e.message).toMatch(op);
    expect(e.where).toMatchObject({ file: name, pointer: '/data' });
    expect(e.hint).toMatch(/list-backup-jobs/);
  });

  it('renames resources with resourceMap (exact ARN or prefix)', async () => {
    const r = await jobs(join(here, 'list-backup-jobs.json'), { resourceMap: { 'arn:aws:rds:us-west-2:111122223333:db:relay-prod': 'relay-prod', 'arn:aws:s3:::': 's3-bucket' } });
    expect(r.map((j) => j.resource)).toEqual(['relay-prod', 'relay-prod', 's3-bucket', 'arn:aws:dynamodb:us-west-2:111122223333:table/relay-sessions']);
  });

  it('accepts an empty page as an empty population, and --query BackupJobs arrays', async () => {
    expect(await jobs(file('empty.json', '{"BackupJobs": []}'))).toEqual([]);
    const arr = JSON.stringify(JSON.parse(readFileSync(join(here, 'list-backup-jobs.json'), 'utf8')).BackupJobs);
    const r = await jobs(file('query.json', arr));
    expect(r).toHaveLength(4);
    expect(r[1].locator).toBe('/1');
  });

  it('reads JSON Lines of pages, citing line and pointer', async () => {
    const page = (id: string, day: string) => JSON.stringify({ BackupJobs: [{ BackupJobId: id, ResourceArn: 'arn:aws:s3:::b', State: 'COMPLETED', CreationDate: `${day}T10:00:00Z` }] });
    const r = await jobs(file('pages.jsonl', `${page('a', '2026-04-01')}\n${page('b', '2026-04-02')}\n`));
    expect(r.map((j) => j.locator)).toEqual(['line 1#/BackupJobs/0', 'line 2#/BackupJobs/0']);
  });

  it('reads offset-less and offset timestamps as UTC instants regardless of workspace timezone', async () => {
    const doc = { BackupJobs: [
      { BackupJobId: 'a', ResourceArn: 'arn:x', State: 'COMPLETED', CreationDate: '2026-04-01T23:30:00' },
      { BackupJobId: 'b', ResourceArn: 'arn:x', State: 'COMPLETED', CreationDate: '2026-04-01T16:30:00-07:00' },
    ] };
    const r = await parseFile(awsBackupJobsCollector, file('tz.json', JSON.stringify(doc)), {}, 'America/Los_Angeles') as BackupJobRecord[];
    expect(r.map((j) => j.at)).toEqual(['2026-04-01T23:30:00.000Z', '2026-04-01T23:30:00.000Z']);
  });

  it('refuses an empty file and a truncated export', async () => {
    expect((await failure(file('zero.json', ''))).code).toBe('INPUT_MALFORMED');
    const full = readFileSync(join(here, 'list-backup-jobs.json'));
    const e = await failure(file('half.json', full.subarray(0, Math.floor(full.length / 2)).toString()));
    expect(e.code).toBe('INPUT_MALFORMED');
    expect(e.where?.file).toBe('half.json');
  });

  it('refuses restore jobs and unrelated JSON with a hint', async () => {
    const e = await failure(join(here, 'list-restore-jobs.json'));
    expect(e.code).toBe('INPUT_WRONG_FORMAT');
    expect(e.hint).toMatch(/aws-restore-jobs/);
    const o = await failure(file('other.json', '{"Items": [1, 2]}'));
    expect(o.code).toBe('INPUT_WRONG_FORMAT');
    expect(o.hint).toMatch(/list-backup-jobs/);
  });

  it('points at the field of a malformed job or date', async () => {
    const e = await failure(file('bad.json', JSON.stringify({ BackupJobs: [{ BackupJobId: 'a', ResourceArn: 'arn:x', CreationDate: '2026-04-01T10:00:00Z' }] })));
    expect(e.code).toBe('INPUT_INVALID_RECORD');
    expect(e.where?.pointer).toBe('/BackupJobs/0/State');
    const d = await failure(file('baddate.json', JSON.stringify({ BackupJobs: [{ BackupJobId: 'a', ResourceArn: 'arn:x', State: 'COMPLETED', CreationDate: 'yesterday' }] })));
    expect(d.where?.pointer).toBe('/BackupJobs/0/CreationDate');
  });
});
