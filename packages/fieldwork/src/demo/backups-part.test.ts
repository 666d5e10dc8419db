import { describe, expect, it } from 'vitest';
import type { BackupJobRecord, RestoreTestRecord } from '@fieldwork/core';
import { backupsPart } from './backups-part.js';
import { DEMO_COMPANY } from './demo-company.js';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { Random } from './random.js';

describe('backups demo part', () => {
  it('story: a quarter without a restore test of the agent memory; the job succeeds and the drill keeps its log', async () => {
    const { outputs, run, records } = await checkDemoParts([backupsPart], ['BCK-01', 'BCK-02'], 'story');
    expect(plantedRules(outputs, /^(backup|restore)\./)).toEqual(['restore.missing arn:aws:s3:::relay-agent-memory']);
    expect(foundRules(run)).toEqual(plantedRules(outputs, /^(backup|restore)\./));
    const manual = records.filter((r): r is RestoreTestRecord => r.kind === 'restore_test' && r.tool === 'manual');
    expect(manual.map((t) => !!t.artifactSha256)).toEqual([true, true]);
    expect(records.filter((r): r is BackupJobRecord => r.kind === 'backup_job' && r.tool === 'aws-backup').every((j) => j.status !== 'failed')).toBe(true);
  });

  it('plants exactly what the backup checks find', async () => {
    const { outputs, run } = await checkDemoParts([backupsPart], ['BCK-01', 'BCK-02']);
    expect(plantedRules(outputs, /^(backup|restore)\./)).toEqual([
      'backup.missed arn:aws:rds:us-west-2:111122223333:db:relay-prod',
      'restore.missing arn:aws:s3:::relay-agent-memory',
      'restore.no_artifact arn:aws:dynamodb:us-west-2:111122223333:table/relay-sessions',
    ]);
    expect(foundRules(run)).toEqual(plantedRules(outputs, /^(backup|restore)\./));
  });

  it('feeds every collector kind, and declares every resource the collectors emit', async () => {
    const { outputs, records } = await checkDemoParts([backupsPart], []);
    const jobs = records.filter((r): r is BackupJobRecord => r.kind === 'backup_job');
    expect(new Set(jobs.map((j) => j.tool))).toEqual(new Set(['aws-backup', 'pgbackrest', 'restic']));
    const declared = (outputs[0].workspace?.backups as { resources: { name: string }[] }).resources.map((r) => r.name).sort();
    expect([...new Set(jobs.map((j) => j.resource))].sort()).toEqual(declared);
    const restores = records.filter((r): r is RestoreTestRecord => r.kind === 'restore_test');
    expect(restores.filter((t) => t.tool === 'manual').map((t) => !!t.artifactSha256)).toEqual([true, false]);
  });

  it('writes the same files for the same seed', () => {
    const gen = () => backupsPart.generate({ rng: new Random(7), seed: 7, organization: 'Relay Labs', domain: 'relaylabs.ai', timezone: DEMO_COMPANY.timezone, period: { ...DEMO_COMPANY.period }, people: [], shared: {}, problems: 'all' });
    expect(JSON.stringify(gen().files)).toBe(JSON.stringify(gen().files));
  });
});
