/** @module Built-in controls for the privacy criteria, including personal data inside agent traffic. */
import type { ControlInput } from '../control.js';

/** Privacy: notice, consent, minimization, subject rights, disclosures, breaches, quality, complaints. */
export const privacyControls: ControlInput[] = [
  {
    id: 'PRV-01',
    title: 'Privacy notice published',
    statement:
      'Our privacy notice says what personal information we collect, why, how long we keep it, which subprocessors and model providers receive it, and how people exercise their rights; we update it before practices change.',
    criteria: ['P1.1', 'CC2.3'],
    category: 'privacy',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'PRV-02',
    title: 'Choice and consent recorded',
    statement:
      'Where consent is the basis for processing, including explicit consent for sensitive information, we capture it with a timestamp and the notice version, and make withdrawing it as easy as giving it.',
    criteria: ['P2.1', 'P3.2'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'PRV-03',
    title: 'Collection limited to stated purposes',
    statement:
      'Each new feature that collects personal information passes a short privacy review confirming the data is needed for a stated purpose and is used for nothing else.',
    criteria: ['P3.1', 'P4.1'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'PRV-04',
    title: 'Data subject access paths include agent data',
    statement:
      'People can ask to see, correct, export or delete their personal information, and our documented procedure searches prompt logs, traces, agent memory and vector indexes as well as the main databases; we answer within the legal deadline.',
    criteria: ['P5.1', 'P5.2', 'P6.7'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['jira-issues', 'linear-issues', 'prompt-log-jsonl'],
    check: null,
    agent: true,
  },
  {
    id: 'PRV-05',
    title: 'Disclosures to third parties logged',
    statement:
      'We share personal information only with listed subprocessors or on another valid basis, and record each disclosure outside that list, such as a legal request, in a disclosure log.',
    criteria: ['P6.1', 'P6.2', 'P6.7'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['vendors-csv', 'vendors-yaml', 'jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'PRV-06',
    title: 'Breach recording and notification',
    statement:
      'Every unauthorized disclosure of personal information is recorded in the incident register, assessed for notification duties, and affected customers, individuals and regulators are told within the required time.',
    criteria: ['P6.3', 'P6.5', 'P6.6', 'CC7.4'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['incidents-json', 'jira-issues', 'linear-issues'],
    check: null,
    statementAllowed: true,
  },
  {
    id: 'PRV-07',
    title: 'Personal information kept accurate',
    statement:
      'People can update their profile details themselves, corrections they request reach every copy we hold within thirty days, and we do not feed stale personal data back to agents as memory.',
    criteria: ['P7.1', 'P5.2'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'PRV-08',
    title: 'Privacy complaints handled and compliance monitored',
    statement:
      'Privacy questions and complaints go to a monitored address, each is tracked to resolution, and once a year we review privacy compliance and report the results to leadership.',
    criteria: ['P8.1'],
    category: 'privacy',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['jira-issues', 'linear-issues'],
    check: null,
  },
];
