import { describe, expect, it } from 'vitest';
import type { BackupJobRecord, RecordSet } from '../../records/index.js';
import { addDays } from '../../time/index.js';
import type { CheckContext } from '../check.js';
import { backupCadenceCheck } from './backup-cadence-check.js';

const A = 'a'.repeat(64);
let n = 0;
const ARN = 'arn:aws:rds:us-west-2:111122223333:db:prod-db';
const job = (resource: string, at: string, status = 'COMPLETED'): BackupJobRecord => ({ kind: 'backup_job', source: 'aws', artifact: A, locator: `/BackupJobs/${++n}`, tool: 'aws-backup', resource, jobId: `job-${n}`, at, status });
/** One job a day at 03:00 Los Angeles time (10:00Z), skipping the listed days. */
const daily = (resource: string, from: string, to: string, skip: string[] = []) => {
  const out: BackupJobRecord[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!skip.includes(d)) out.push(job(resource, `${d}T10:00:00Z`));
  return out;
};
const ws = { backups: { resources: [{ name: 'prod-db', critical: true }, { name: 'docs-bucket', cadenceDays: 7 }] } };
const ctx = (records: RecordSet, workspace: Record<string, unknown> = ws): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { cadenceDays: 1 }, records, asOf: '2026-09-30', workspace,
});

describe('backup.success-cadence', () => {
  it('passes a daily backup every day, matching an ARN to its declared short name', () => {
    const out = backupCadenceCheck.run(ctx({ backup_job: [...daily(ARN, '2026-04-01', '2026-09-30'), ...daily('docs-bucket', '2026-04-01', '2026-09-30')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.items.filter((i) => i.subject === 'prod-db')).toHaveLength(183);
    expect(out.items.filter((i) => i.subject === 'docs-bucket')).toHaveLength(26);
  });

  it('merges consecutive missed days into one exception and cites the failed jobs', () => {
    const jobs = [...daily(ARN, '2026-04-01', '2026-09-30', ['2026-07-04', '2026-07-05']), job(ARN, '2026-07-04T10:00:00Z', 'FAILED'), ...daily('docs-bucket', '2026-04-01', '2026-09-30')];
    const out = backupCadenceCheck.run(ctx({ backup_job: jobs }));
    expect(out.exceptions.map((e) => `${e.rule} ${e.subject} ${e.at}`)).toEqual(['backup.missed prod-db 2026-07-04']);
    expect(out.exceptions[0].detail).toContain('from 2026-07-04 to 2026-07-05 (2 days); 1 job(s) failed');
    expect(out.exceptions[0].citations).toHaveLength(1);
  });

  it('tests undeclared resources at one day from their first backup, and declared ones from the period start', () => {
    const jobs = [...daily(ARN, '2026-04-02', '2026-09-30'), ...daily('docs-bucket', '2026-04-01', '2026-09-30'), ...daily('new-vectors', '2026-06-01', '2026-09-30', ['2026-08-10'])];
    expect(backupCadenceCheck.run(ctx({ backup_job: jobs })).exceptions.map((e) => `${e.subject} ${e.at}`)).toEqual(['new-vectors 2026-08-10', 'prod-db 2026-04-01']);
  });

  it('counts backup days in the workspace timezone', () => {
    // 06:00Z is 23:00 the previous day in Los Angeles: July 5's job lands on July 4, leaving July 5 empty.
    const jobs = [...daily(ARN, '2026-04-01', '2026-09-30', ['2026-07-05']), job(ARN, '2026-07-05T06:00:00Z'), ...daily('docs-bucket', '2026-04-01', '2026-09-30')];
    expect(backupCadenceCheck.run(ctx({ backup_job: jobs })).exceptions.map((e) => `${e.subject} ${e.at}`)).toEqual(['prod-db 2026-07-05']);
  });

  it('reports a declared resource never backed up, and is insufficient evidence with nothing to test', () => {
    expect(backupCadenceCheck.run(ctx({ backup_job: daily(ARN, '2026-04-01', '2026-09-30') })).exceptions.map((e) => e.detail)).toEqual(['No completed backup of docs-bucket from 2026-04-01 to 2026-09-29 (182 days) (cadence 7 days).']);
    expect(backupCadenceCheck.run(ctx({}, {})).status).toBe('insufficient_evidence');
  });
});
