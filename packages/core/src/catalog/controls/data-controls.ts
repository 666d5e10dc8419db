/** @module Built-in controls for data classification, retention and disposal. */
import type { ControlInput } from '../control.js';

/** Data: classification, retention and disposal, asset disposal, restricted transfer. */
export const dataControls: ControlInput[] = [
  {
    id: 'DAT-01',
    title: 'Data classification and inventory',
    statement:
      'We classify data as public, internal, confidential or restricted, and keep an inventory of where confidential data lives, including prompt logs, traces, agent memory and vector indexes.',
    criteria: ['C1.1', 'CC2.1', 'CC6.1'],
    category: 'data',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'DAT-02',
    title: 'Retention schedule enforced',
    statement:
      'Each data store has a retention period in our schedule, and expired customer data is deleted automatically or by a tracked job, including after a customer ends their contract.',
    criteria: ['C1.2', 'P4.2', 'P4.3'],
    category: 'data',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: ['policies-md', 'jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'DAT-03',
    title: 'Secure disposal of devices and media',
    statement:
      'Laptops and storage media are wiped to a recognised standard or destroyed before reuse or disposal, and each disposal is recorded with a certificate or ticket.',
    criteria: ['CC6.5', 'C1.2'],
    category: 'data',
    frequency: 'per_event',
    ownerRole: 'it-admin',
    evidenceSources: ['jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'DAT-04',
    title: 'Restricted data export',
    statement:
      'Bulk exports of customer data need an approved ticket and go only to approved destinations; removable media may not hold confidential data.',
    criteria: ['CC6.7', 'C1.1'],
    category: 'data',
    frequency: 'per_event',
    ownerRole: 'security-lead',
    evidenceSources: ['jira-issues', 'linear-issues', 'okta-system-log', 'google-workspace-admin'],
    check: null,
    statementAllowed: true,
  },
];
