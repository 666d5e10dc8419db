import { describe, expect, it } from 'vitest';
import type { BackupJobRecord, RecordSet, RestoreTestRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { restoreTestCheck } from './restore-test-check.js';

const A = 'a'.repeat(64);
let n = 0;
const ARN = 'arn:aws:rds:us-west-2:111122223333:db:prod-db';
const restore = (resource: string, at: string, over: Partial<RestoreTestRecord> = {}): RestoreTestRecord => ({
  kind: 'restore_test', source: 'aws', artifact: A, locator: `/RestoreJobs/${++n}`, tool: 'aws-backup', resource, id: `r-${n}`, at, status: 'completed', artifactRef: 'arn:aws:rds:...:db:restored', ...over,
});
const job = (resource: string, recoveryPoint: string): BackupJobRecord => ({ kind: 'backup_job', source: 'aws', artifact: A, locator: `/${++n}`, tool: 'aws-backup', resource, jobId: `j${n}`, at: '2026-05-01T10:00:00Z', status: 'COMPLETED', recoveryPoint });
const ws = { backups: { resources: [{ name: 'prod-db', critical: true }, { name: 'logs', critical: false }] } };
const ctx = (records: RecordSet, workspace: Record<string, unknown> = ws, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { maxIntervalDays: 92 }, records, asOf: '2026-09-30', workspace, ...over,
});
const rules = (records: RecordSet, workspace?: Record<string, unknown>, over?: Partial<CheckContext>) => restoreTestCheck.run(ctx(records, workspace, over)).exceptions.map((e) => `${e.rule} ${e.subject} ${e.at?.slice(0, 10)}`);

describe('backup.restore-test', () => {
  it('passes a critical resource restored with an artifact in each quarter', () => {
    const out = restoreTestCheck.run(ctx({ restore_test: [restore(ARN, '2026-05-10T18:00:00Z'), restore(ARN, '2026-08-10T18:00:00Z')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.id)).toEqual(['prod-db|2026-Q2', 'prod-db|2026-Q3']);
  });

  it('reports a quarter without a successful restore test (a failed one does not count)', () => {
    expect(rules({ restore_test: [restore(ARN, '2026-05-10T18:00:00Z'), restore(ARN, '2026-08-10T18:00:00Z', { status: 'failed' })] })).toEqual(['restore.missing prod-db 2026-09-30']);
  });

  it('fails "we back up daily" without any restore test: undeclared backed-up resources count as critical', () => {
    expect(rules({ backup_job: [job(ARN, 'rp-1')] }, {})).toEqual([`restore.missing ${ARN} 2026-06-30`, `restore.missing ${ARN} 2026-09-30`]);
  });

  it('reports a restore test that left no artifact: a manual record without a kept file, an AWS job without a restored resource or validation', () => {
    const manual = restore('prod-db', '2026-05-10T18:00:00Z', { tool: 'manual', artifactRef: undefined, validation: 'successful', notes: 'Evidence file restores/q2.log does not exist.' });
    const aws = restore(ARN, '2026-08-10T18:00:00Z', { artifactRef: undefined });
    const validated = restore(ARN, '2026-08-20T18:00:00Z', { artifactRef: undefined, validation: 'successful' });
    const out = restoreTestCheck.run(ctx({ restore_test: [manual, aws, validated] }));
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject} ${e.at?.slice(0, 10)}`)).toEqual(['restore.no_artifact prod-db 2026-05-10', 'restore.no_artifact prod-db 2026-08-10']);
    expect(out.exceptions[0].detail).toContain('does not exist');
  });

  it('finds the resource of a restore through its recovery point', () => {
    const t = restore('arn:aws:backup:us-west-2:1:recovery-point:rp-9', '2026-05-10T18:00:00Z', { recoveryPoint: 'rp-9' });
    expect(rules({ backup_job: [job(ARN, 'rp-9')], restore_test: [t, restore(ARN, '2026-08-10T18:00:00Z')] })).toEqual([]);
  });

  it('does not expect a test for a quarter that ends after the evidence date, and judges quarters in the workspace timezone', () => {
    // 2026-07-01T03:00Z is June 30 in Los Angeles: a Q2 test.
    expect(rules({ restore_test: [restore(ARN, '2026-07-01T03:00:00Z')] }, ws, { asOf: '2026-08-15' })).toEqual([]);
    expect(rules({ restore_test: [restore(ARN, '2026-07-01T03:00:00Z')] }, ws, { asOf: '2026-08-15', timezone: 'UTC' })).toEqual(['restore.missing prod-db 2026-06-30']);
  });

  it('uses windows of maxIntervalDays when it is not a quarter', () => {
    expect(rules({ restore_test: [restore(ARN, '2026-04-10T18:00:00Z')] }, ws, { params: { maxIntervalDays: 30 }, asOf: '2026-05-31', period: { from: '2026-04-01', to: '2026-05-31' } }))
      .toEqual(['restore.missing prod-db 2026-05-30']);
  });
});
