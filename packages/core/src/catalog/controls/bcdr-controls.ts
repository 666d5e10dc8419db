/** @module Built-in controls for business continuity and disaster recovery. */
import type { ControlInput } from '../control.js';

/** Business continuity and disaster recovery: the plan and its yearly exercise. */
export const bcdrControls: ControlInput[] = [
  {
    id: 'BCP-01',
    title: 'Continuity and recovery plan',
    statement:
      'We keep a business continuity and disaster recovery plan with recovery time and recovery point targets per service, including the loss of a model provider or cloud region, and review it every year.',
    criteria: ['CC9.1', 'A1.2', 'A1.3'],
    category: 'bcdr',
    frequency: 'annual',
    ownerRole: 'engineering-lead',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'BCP-02',
    title: 'Disaster recovery exercise',
    statement:
      'Once a year we rehearse recovery of the production service in another region or account, compare the result to our targets and fix the gaps we find.',
    criteria: ['A1.3', 'CC7.5', 'CC9.1'],
    category: 'bcdr',
    frequency: 'annual',
    ownerRole: 'engineering-lead',
    evidenceSources: ['aws-restore-jobs', 'jira-issues', 'linear-issues'],
    check: null,
  },
];
