import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { recordSchemas } from '@fieldwork/core/records';
import type { RestoreTestRecord } from '@fieldwork/core/records';
import { parseFile, REAL_FIXTURES } from '../../testing/index.js';
import { awsRestoreJobsCollector } from './aws-restore-jobs-collector.js';

const here = new URL('./fixtures/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'aws-restore-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}
async function restores(path: string, options: unknown = {}): Promise<RestoreTestRecord[]> {
  const out = await parseFile(awsRestoreJobsCollector, path, options);
  for (const r of out) expect(recordSchemas.restore_test.safeParse(r).success).toBe(true);
  return out as RestoreTestRecord[];
}
async function failure(path: string, options: unknown = {}) {
  const e = await parseFile(awsRestoreJobsCollector, path, options).then(() => undefined, (err: unknown) => err);
  if (!isFieldworkError(e)) throw new Error(`expected a FieldworkError, got ${String(e)}`);
  return e;
}

const RDS_SNAPSHOTS = 'arn:aws:rds:us-west-2:111122223333:snapshot:awsbackup:';
const RDS = 'arn:aws:rds:us-west-2:111122223333:db:relay-prod';

describe('aws-restore-jobs', () => {
  it('maps a restore-testing job: created resource as the artifact, validation status, plan as performer', async () => {
    const [rds] = await restores(join(here, 'list-restore-jobs.json'), { resourceMap: { [RDS_SNAPSHOTS]: RDS } });
    expect(rds).toMatchObject({
      tool: 'aws-backup', resource: RDS, id: '7F1E2D3C-4B5A-4968-8776-655443322110', at: '2026-04-15T16:00:03.100Z', status: 'completed',
      validation: 'successful', artifactRef: 'arn:aws:rds:us-west-2:111122223333:db:awsbackup-restore-test-7f1e2d3c',
      performedBy: 'arn:aws:backup:us-west-2:111122223333:restore-testing-plan:quarterly_rds-8c1d9a', locator: '/RestoreJobs/0',
    });
    expect(rds.notes).toMatch(/Row counts match/);
  });

  it('prefers SourceResourceArn, and reads epoch dates', async () => {
    const r = await restores(join(here, 'list-restore-jobs.json'));
    expect(r[1]).toMatchObject({ resource: 'arn:aws:dynamodb:us-west-2:111122223333:table/relay-sessions', at: '2026-05-12T16:00:00.000Z', completedAt: '2026-05-12T16:15:12.500Z', validation: 'validating' });
  });

  it('maps by vault name, and keeps a failed restore without an artifact', async () => {
    const r = await restores(join(here, 'list-restore-jobs.json'), { resourceMap: { 'relay-memory-vault': 'arn:aws:s3:::relay-agent-memory' } });
    expect(r[2]).toMatchObject({ resource: 'arn:aws:s3:::relay-agent-memory', status: 'failed', notes: 'Access denied to the destination bucket.' });
    expect(r[2].artifactRef).toBeUndefined();
    expect(r[2].validation).toBeUndefined();
  });

  it('keeps the recovery point as a stand-in resource, with a note, when nothing names the source', async () => {
    const r = await restores(join(here, 'list-restore-jobs.json'));
    expect(r[0].resource).toBe(r[0].recoveryPoint);
    expect(r[0].notes).toMatch(/Source resource unknown/);
  });

  it('uses options.resource for by-protected-resource exports', async () => {
    const r = await restores(join(here, 'list-restore-jobs.json'), { resource: RDS });
    expect(r[0].resource).toBe(RDS);
    expect(r[1].resource).toBe('arn:aws:dynamodb:us-west-2:111122223333:table/relay-sessions');
  });

  it('reads describe-restore-job and an empty listing', async () => {
    const one = JSON.parse(readFileSync(join(here, 'list-restore-jobs.json'), 'utf8')).RestoreJobs[0];
    expect(await restores(file('describe.json', JSON.stringify(one)))).toHaveLength(1);
    expect(await restores(file('empty.json', '{"RestoreJobs": []}'))).toEqual([]);
  });

  it('refuses backup jobs, real non-restore recordings, truncated files and bad entries', async () => {
    expect((await failure(join(here, 'list-backup-jobs.json'))).hint).toMatch(/aws-backup-jobs/);
    const plan = await failure(join(REAL_FIXTURES, 'backup', 'aws-backup.GetBackupPlan.placebo.json'));
    expect(plan.code).toBe('INPUT_WRONG_FORMAT');
    expect(plan.hint).toMatch(/list-restore-jobs/);
    const full = readFileSync(join(here, 'list-restore-jobs.json'));
    expect((await failure(file('half.json', full.subarray(0, full.length >> 1).toString()))).code).toBe('INPUT_MALFORMED');
    const bad = await failure(file('bad.json', JSON.stringify({ RestoreJobs: [{ RestoreJobId: 'x', CreationDate: '2026-05-01T00:00:00Z' }] })));
    expect(bad).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/RestoreJobs/0/Status' } });
  });
});
