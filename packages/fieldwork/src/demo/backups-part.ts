import { addDays, startOfDay } from '@fieldwork/core';
import type { DemoContext, DemoPart, DemoPartOutput } from './demo-context.js';
import { planting } from './demo-plants.js';

const ACCOUNT = '111122223333';
const REGION = 'us-west-2';
const RDS = `arn:aws:rds:${REGION}:${ACCOUNT}:db:relay-prod`;
const S3 = 'arn:aws:s3:::relay-agent-memory';
const DDB = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/relay-sessions`;
const VAULT = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:relay-prod-vault`;
const PLAN = `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:6d1f0c2a-93b4-4e57-a8c1-2f7e9b3d5a60`;
const TESTING_PLAN = `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:quarterly_restore_tests-3c9e1a`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;
const STANZA = 'relay-analytics';
const RESTIC = 'ops-bastion-config';

/** The day relay-prod's backup failed and was not retried (planted backup.missed). */
const FAILED_DAY = '2026-08-12';
/** The day the S3 bucket's backup finished PARTIAL and a retry succeeded (must not be flagged). */
const PARTIAL_DAY = '2026-05-07';

interface Resource {
  arn: string;
  type: string;
  name: string;
  /** Seconds after 10:00:00 UTC when the daily job starts: the same every day, as a schedule does. */
  second: string;
  minutes: [number, number];
  size: number;
}

const RESOURCES: Resource[] = [
  { arn: RDS, type: 'RDS', name: 'relay-prod', second: '17.532', minutes: [11, 16], size: 48_318_382_080 },
  { arn: S3, type: 'S3', name: 'relay-agent-memory', second: '04.118', minutes: [3, 7], size: 9_663_676_416 },
  { arn: DDB, type: 'DynamoDB', name: 'relay-sessions', second: '09.870', minutes: [1, 2], size: 734_003_200 },
];

/** An AWS CLI v2 timestamp (`2026-04-01T10:00:17.532000+00:00`). */
function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

function recoveryPointArn(ctx: DemoContext, r: Resource, jobId: string): string {
  return r.type === 'RDS' ? `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${jobId.toLowerCase()}` : `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:${ctx.rng.uuid()}`;
}

function backupJob(ctx: DemoContext, r: Resource, start: number, state: 'COMPLETED' | 'FAILED' | 'PARTIAL', message?: string): Record<string, unknown> {
  const id = ctx.rng.uuid().toUpperCase();
  const end = start + ctx.rng.int(r.minutes[0] * 60, r.minutes[1] * 60) * 1000;
  const ok = state !== 'FAILED';
  return {
    AccountId: ACCOUNT, BackupJobId: id, BackupVaultName: 'relay-prod-vault', BackupVaultArn: VAULT,
    ...(ok ? { RecoveryPointArn: recoveryPointArn(ctx, r, id) } : {}),
    ResourceArn: r.arn, CreationDate: cliTime(start), CompletionDate: cliTime(end), State: state,
    ...(message ? { StatusMessage: message } : {}),
    PercentDone: ok ? '100.0' : '0.0', BackupSizeInBytes: ok ? Math.round(r.size * (0.97 + ctx.rng.next() * 0.06)) : 0, IamRoleArn: ROLE,
    CreatedBy: { BackupPlanId: PLAN.split(':').pop(), BackupPlanArn: PLAN, BackupPlanVersion: 'NDE2ZTRmZjUtYjQ0MC00Y2I0LWJhMzktMDg1NGI1ZTc3NWRm', BackupRuleId: '0f9e8d7c-6b5a-4c3d-2e1f-a0b9c8d7e6f5' },
    ResourceType: r.type, BackupType: '', ResourceName: r.name, InitiationDate: cliTime(start),
  };
}

function restoreJob(ctx: DemoContext, at: number, recoveryPoint: string, type: string, created: string, source?: string): Record<string, unknown> {
  return {
    AccountId: ACCOUNT, RestoreJobId: ctx.rng.uuid().toUpperCase(), RecoveryPointArn: recoveryPoint, ...(source ? { SourceResourceArn: source, BackupVaultArn: VAULT } : {}),
    CreationDate: cliTime(at), CompletionDate: cliTime(at + ctx.rng.int(12, 50) * 60_000), Status: 'COMPLETED', PercentDone: '100.00%',
    IamRoleArn: ROLE, CreatedResourceArn: created, ResourceType: type, CreatedBy: { RestoreTestingPlanArn: TESTING_PLAN },
    ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'Validation script checked row counts and a sample of recent rows.', DeletionStatus: 'SUCCESSFUL',
  };
}

/** pgBackRest info: a weekly full and daily incrementals of the analytics database. */
function pgbackrestInfo(ctx: DemoContext): string {
  const backups: Record<string, unknown>[] = [];
  let full = '';
  let prior: string | null = null;
  for (let d = addDays(ctx.period.from, -3), i = 0; d <= ctx.period.to; d = addDays(d, 1), i++) {
    const start = Math.floor(Date.parse(startOfDay(d, ctx.timezone)) / 1000) + 2 * 3600 + ctx.rng.int(1, 4);
    const isFull = new Date(`${d}T12:00:00Z`).getUTCDay() === 0 || full === '';
    const stamp = `${d.replace(/-/g, '')}-02000${String(start % 10)}`;
    const label = isFull ? `${stamp}F` : `${full}_${stamp}I`;
    const size = 19_800_000_000 + i * 4_000_000;
    backups.push({
      archive: { start: `00000001000000${(0x98 + i).toString(16).toUpperCase().padStart(2, '0')}000000C3`, stop: `00000001000000${(0x98 + i).toString(16).toUpperCase().padStart(2, '0')}000000C4` },
      backrest: { format: 5, version: '2.54.2' }, database: { id: 1, 'repo-key': 1 }, error: false,
      info: { delta: isFull ? size : ctx.rng.int(500, 900) * 1_000_000, repository: { delta: isFull ? 4_100_000_000 : ctx.rng.int(90, 160) * 1_000_000, size: 4_100_000_000 + i * 900_000 }, size },
      label, link: null, lsn: { start: `${(0x98 + i).toString(16).toUpperCase()}/C3000028`, stop: `${(0x98 + i).toString(16).toUpperCase()}/C3000138` },
      prior, reference: isFull ? null : [full], tablespace: null,
      timestamp: { start, stop: start + (isFull ? ctx.rng.int(1100, 1500) : ctx.rng.int(120, 300)) }, type: isFull ? 'full' : 'incr',
    });
    if (isFull) full = label;
    prior = label;
  }
  return JSON.stringify([{
    archive: [{ database: { id: 1, 'repo-key': 1 }, id: '16-1', max: '0000000100000150000000C4', min: '0000000100000095000000C3' }],
    backup: backups, cipher: 'aes-256-cbc', db: [{ id: 1, 'repo-key': 1, 'system-id': 7312345678901234, version: '16' }], name: STANZA,
    repo: [{ cipher: 'aes-256-cbc', key: 1, status: { code: 0, message: 'ok' } }],
    status: { code: 0, lock: { backup: { held: false }, restore: { held: false } }, message: 'ok' },
  }]);
}

/** restic: a weekly snapshot (Sundays, 01:30 local) of the bastion's configuration. */
function resticSnapshots(ctx: DemoContext): string {
  const snaps: Record<string, unknown>[] = [];
  let parent: string | undefined;
  for (let d = addDays(ctx.period.from, -3); d <= ctx.period.to; d = addDays(d, 1)) {
    if (new Date(`${d}T12:00:00Z`).getUTCDay() !== 0) continue;
    const at = Date.parse(startOfDay(d, ctx.timezone)) + 90 * 60_000 + ctx.rng.int(1, 9) * 1000;
    const offsetHours = Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(startOfDay(d, ctx.timezone))) / 3_600_000);
    const local = new Date(at + offsetHours * 3_600_000).toISOString().replace('Z', '');
    const off = `${offsetHours < 0 ? '-' : '+'}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
    const id = ctx.rng.hex(64);
    snaps.push({
      time: `${local}${ctx.rng.int(100000, 999999)}${off}`, ...(parent ? { parent } : {}), tree: ctx.rng.hex(64),
      paths: ['/etc/relay', '/srv/relay/config'], hostname: 'ops-bastion', username: 'root', uid: 0, gid: 0, tags: ['weekly', 'config'],
      program_version: 'restic 0.17.3', id, short_id: id.slice(0, 8),
    });
    parent = id;
  }
  return JSON.stringify(snaps, null, 2);
}

/**
 * Backups and restore tests: AWS Backup job history (one list-backup-jobs export per month) for
 * the production database, the agent-memory bucket and the sessions table, AWS restore-testing
 * jobs, pgBackRest and restic exports, and manual restore-test records with their evidence.
 * Planted: one day without a completed backup of relay-prod, no restore test of the memory
 * bucket in Q3, and a manual restore test whose evidence file is missing.
 */
export const backupsPart: DemoPart = {
  name: 'backups',
  generate(ctx): DemoPartOutput {
    const files: Record<string, string> = {};
    const planted: DemoPartOutput['planted'] = [];
    // Switched off, each plant is its compliant version: the job succeeds, Q3 has its restore test, the drill's log is saved.
    const failedDay = planting(ctx, 'backups.missed') ? FAILED_DAY : undefined;
    const months = new Map<string, Record<string, unknown>[]>();
    const rdsRecoveryPoints = new Map<string, string>();
    for (let d = ctx.period.from; d <= ctx.period.to; d = addDays(d, 1)) {
      for (const r of RESOURCES) {
        const start = Date.parse(`${d}T10:00:${r.second}Z`);
        const jobs: Record<string, unknown>[] = [];
        if (r.arn === RDS && d === failedDay) {
          jobs.push(backupJob(ctx, r, start, 'FAILED', 'Backup job failed because the DB instance relay-prod was in the modifying state; the next attempt is the next scheduled window.'));
        } else if (r.arn === S3 && d === PARTIAL_DAY) {
          jobs.push(backupJob(ctx, r, start, 'PARTIAL', 'Some objects changed during the backup and were not included (3 of 41,022 objects).'));
          jobs.push(backupJob(ctx, r, start + (4 * 60 + 30) * 60_000, 'COMPLETED'));
        } else jobs.push(backupJob(ctx, r, start, 'COMPLETED'));
        if (r.arn === RDS && jobs[0].RecoveryPointArn) rdsRecoveryPoints.set(d, jobs[0].RecoveryPointArn as string);
        const month = d.slice(0, 7);
        months.set(month, [...(months.get(month) ?? []), ...jobs]);
      }
    }
    // The CLI lists newest first; each monthly export is one complete, auto-paginated listing.
    for (const [month, jobs] of months) files[`exports/aws-backup/backup-jobs-${month}.json`] = JSON.stringify({ BackupJobs: jobs.reverse() }, null, 4) + '\n';
    if (failedDay) planted.push({ rule: 'backup.missed', subject: RDS, why: `the ${FAILED_DAY} backup of relay-prod failed and was not retried` });

    const restores: Record<string, unknown>[] = [];
    const rdsTest = (day: string) => restoreJob(ctx, Date.parse(`${day}T16:00:03Z`), rdsRecoveryPoints.get(addDays(day, -1)) ?? `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:job-${ctx.rng.uuid()}`, 'RDS', `arn:aws:rds:${REGION}:${ACCOUNT}:db:awsbackup-restore-test-${ctx.rng.hex(8)}`);
    const ddbTest = (day: string) => restoreJob(ctx, Date.parse(`${day}T16:30:00Z`), `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:${ctx.rng.uuid()}`, 'DynamoDB', `${DDB}-restore-test-${day.replace(/-/g, '')}`, DDB);
    restores.push(rdsTest('2026-01-14'), rdsTest('2026-04-15'), ddbTest('2026-05-12'), rdsTest('2026-07-14'), ddbTest('2026-08-18'));
    files['exports/aws-backup/restore-jobs.json'] = JSON.stringify({ RestoreJobs: restores.reverse() }, null, 4) + '\n';

    files['exports/pgbackrest/info.json'] = pgbackrestInfo(ctx) + '\n';
    files['exports/restic/snapshots.json'] = resticSnapshots(ctx) + '\n';

    files['restore-tests/2026-05-20-agent-memory.yaml'] = [
      '# Quarterly restore test of the agent memory bucket (done by hand: S3 restores are not in our AWS restore testing plan yet).',
      `resource: ${S3}`,
      'performed_at: 2026-05-20T10:30:00-07:00',
      'performed_by: priya.nair@relaylabs.ai',
      `backup_id: arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:${ctx.rng.uuid()}`,
      'result: success',
      'evidence: evidence/2026-05-20-agent-memory-restore.log',
      'notes: Restored the 2026-05-19 recovery point into relay-agent-memory-restore-test and compared object counts and checksums of 200 sampled objects.',
      '',
    ].join('\n');
    files['restore-tests/evidence/2026-05-20-agent-memory-restore.log'] = [
      '2026-05-20T17:31:02Z start restore job into s3://relay-agent-memory-restore-test',
      '2026-05-20T17:52:47Z restore job COMPLETED: 41,019 objects, 9.0 GiB',
      '2026-05-20T17:58:10Z object count source=41,019 restored=41,019 OK',
      '2026-05-20T18:04:33Z sampled 200 objects: 200 checksums match',
      '2026-05-20T18:05:00Z restored bucket scheduled for deletion after 7 days',
      '',
    ].join('\n');
    files['restore-tests/2026-08-25-relay-sessions.yaml'] = [
      '# Restore drill of the sessions table after the schema change in ENG-412.',
      `resource: ${DDB}`,
      'performed_at: 2026-08-25 14:00',
      'performed_by: omar.haddad@relaylabs.ai',
      'result: success',
      'evidence: evidence/2026-08-25-relay-sessions-restore.png',
      'notes: Restored to relay-sessions-drill and spot-checked ten sessions in the console.',
      '',
    ].join('\n');
    if (planting(ctx, 'backups.restore_missing')) {
      planted.push({ rule: 'restore.missing', subject: S3, why: 'the agent memory bucket was restore-tested in Q2 only, not in 2026-Q3' });
    } else {
      files['restore-tests/2026-08-19-agent-memory.yaml'] = files['restore-tests/2026-05-20-agent-memory.yaml']
        .replace('2026-05-20T10:30:00-07:00', '2026-08-19T10:30:00-07:00').replace('evidence/2026-05-20-agent-memory-restore.log', 'evidence/2026-08-19-agent-memory-restore.log').replace('the 2026-05-19 recovery point', 'the 2026-08-18 recovery point');
      files['restore-tests/evidence/2026-08-19-agent-memory-restore.log'] = files['restore-tests/evidence/2026-05-20-agent-memory-restore.log'].replace(/2026-05-20/g, '2026-08-19');
    }
    if (planting(ctx, 'backups.restore_no_artifact')) {
      planted.push({ rule: 'restore.no_artifact', subject: DDB, why: 'the 2026-08-25 manual restore drill names a screenshot that was never saved' });
    } else {
      files['restore-tests/evidence/2026-08-25-relay-sessions-restore.png'] = '(screenshot of the relay-sessions-drill table in the DynamoDB console, ten sessions spot-checked)\n';
    }

    return {
      files,
      sources: [
        { name: 'aws-backup-jobs', kind: 'aws-backup-jobs', glob: 'exports/aws-backup/backup-jobs-*.json' },
        { name: 'aws-restore-jobs', kind: 'aws-restore-jobs', path: 'exports/aws-backup/restore-jobs.json', options: { resourceMap: { [`arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:awsbackup:`]: RDS } } },
        { name: 'pgbackrest', kind: 'pgbackrest-info', path: 'exports/pgbackrest/info.json' },
        { name: 'restic', kind: 'restic-snapshots', path: 'exports/restic/snapshots.json', options: { resource: RESTIC } },
        { name: 'restore-tests', kind: 'restore-test-yaml', path: 'restore-tests' },
      ],
      workspace: {
        backups: {
          resources: [
            { name: RDS, critical: true, cadenceDays: 1 },
            { name: S3, critical: true, cadenceDays: 1 },
            { name: DDB, critical: true, cadenceDays: 1 },
            { name: STANZA, critical: false, cadenceDays: 1 },
            { name: RESTIC, critical: false, cadenceDays: 7 },
          ],
        },
      },
      planted,
    };
  },
};
