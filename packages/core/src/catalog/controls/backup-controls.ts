/** @module Built-in controls for backups and restores. */
import type { ControlInput } from '../control.js';

/** Backup: daily success, tested restores and protected copies. */
export const backupControls: ControlInput[] = [
  {
    id: 'BCK-01',
    title: 'Daily backups succeed',
    statement:
      'Production databases, object stores and vector stores are backed up automatically at least once a day, and a failed job alerts the on-call engineer.',
    criteria: ['A1.2', 'CC9.1'],
    category: 'backup',
    frequency: 'daily',
    ownerRole: 'engineering-lead',
    evidenceSources: ['aws-backup-jobs', 'pgbackrest-info', 'restic-snapshots'],
    check: 'backup.success-cadence',
    audit: { unit: 'period', noun: 'day', method: 'inspection', procedure: "inspected the day's backup jobs for a completed backup of each declared resource", windows: true },
    params: { cadenceDays: 1 },
  },
  {
    id: 'BCK-02',
    title: 'Restores tested each quarter',
    statement:
      'At least every quarter we restore a production backup into an isolated environment, check that the data is complete and usable, and record how long it took.',
    // Auditors sample restore evidence whatever the scope, so it maps to the Security criteria on
    // recovery (CC7.5, CC9.1) as well as Availability: a Security-only scope still tests it.
    criteria: ['A1.3', 'A1.2', 'PI1.5', 'CC7.5', 'CC9.1'],
    category: 'backup',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: ['aws-restore-jobs', 'pgbackrest-info', 'restic-snapshots'],
    check: 'backup.restore-test',
    audit: { unit: 'period', noun: 'quarter', method: 'inspection', procedure: "inspected the quarter's restore test of each critical resource for a completed restore and a kept artifact or automated validation" },
    params: { maxIntervalDays: 92 },
  },
  {
    id: 'BCK-03',
    title: 'Backups encrypted and kept apart',
    statement:
      'Backups are encrypted, copied to a separate account and region, locked against deletion for their retention period, and expire when that period ends.',
    criteria: ['A1.2', 'C1.1', 'C1.2'],
    category: 'backup',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: ['aws-backup-jobs', 'prowler-ocsf'],
    check: null,
  },
];
