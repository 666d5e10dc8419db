/** @module Built-in controls for processing integrity outside the agent runtime. */
import type { ControlInput } from '../control.js';

/** Processing integrity: specifications, input checks, error handling, delivery and storage. */
export const processingIntegrityControls: ControlInput[] = [
  {
    id: 'PI-01',
    title: 'Processing specifications documented',
    statement:
      'Our public API schemas, data definitions and what each agent workflow is meant to produce are written down and versioned alongside the code.',
    criteria: ['PI1.1'],
    category: 'processing_integrity',
    frequency: 'annual',
    ownerRole: 'engineering-lead',
    evidenceSources: ['git-repo', 'github-rest'],
    check: null,
  },
  {
    id: 'PI-02',
    title: 'Input validation at the boundary',
    statement:
      'Every API request and uploaded file is validated against its schema before processing, and rejected inputs return an error the caller can act on.',
    criteria: ['PI1.2'],
    category: 'processing_integrity',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: ['git-repo', 'otlp-json'],
    check: null,
  },
  {
    id: 'PI-03',
    title: 'Processing errors caught and reworked',
    statement:
      'Failed jobs are retried a bounded number of times and then parked in a dead-letter queue that an engineer reviews each business day, so no request silently disappears.',
    criteria: ['PI1.3', 'PI1.4'],
    category: 'processing_integrity',
    frequency: 'daily',
    ownerRole: 'engineering-lead',
    evidenceSources: ['otlp-json', 'jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'PI-04',
    title: 'Reliable output delivery',
    statement:
      'Results and webhooks are delivered to the requesting tenant only, signed so the receiver can verify them, and retried until acknowledged or reported as failed.',
    criteria: ['PI1.4'],
    category: 'processing_integrity',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: ['otlp-json'],
    check: null,
  },
  {
    id: 'PI-05',
    title: 'Stored data kept complete and accurate',
    statement:
      'Database constraints, transactions and checksums keep inputs, work in progress and results consistent when stored, and integrity errors raise an alert.',
    criteria: ['PI1.5'],
    category: 'processing_integrity',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: ['git-repo'],
    check: null,
  },
];
