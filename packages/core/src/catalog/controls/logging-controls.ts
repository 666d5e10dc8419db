/** @module Built-in controls for logging and monitoring. */
import type { ControlInput } from '../control.js';

/** Logging and monitoring: central logs, alerting and triage, protected log stores. */
export const loggingControls: ControlInput[] = [
  {
    id: 'LOG-01',
    title: 'Central security logging',
    statement:
      'We send identity-provider, cloud control-plane, application and agent trace logs to a central store and keep security-relevant logs for at least one year.',
    criteria: ['CC7.2', 'CC4.1', 'CC2.1'],
    category: 'logging',
    frequency: 'continuous',
    ownerRole: 'security-lead',
    evidenceSources: ['okta-system-log', 'google-workspace-admin', 'entra-audit', 'prowler-ocsf', 'otlp-json'],
    check: null,
  },
  {
    id: 'LOG-02',
    title: 'Alerting and on-call triage',
    statement:
      'Alerts for suspicious sign-ins, privilege changes, unusual data egress and agent anomalies page an on-call engineer, who triages each one and opens an incident when it meets our definition.',
    criteria: ['CC7.2', 'CC7.3'],
    category: 'logging',
    frequency: 'continuous',
    ownerRole: 'security-lead',
    evidenceSources: ['incidents-json', 'jira-issues', 'linear-issues', 'otlp-json'],
    check: null,
  },
  {
    id: 'LOG-03',
    title: 'Log stores protected from tampering',
    statement:
      'Only the security team can read raw security logs, nobody can edit or delete them before their retention ends, and access to the log store is itself logged.',
    criteria: ['CC7.2', 'CC6.1'],
    category: 'logging',
    frequency: 'quarterly',
    ownerRole: 'security-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
  },
];
