/** @module Built-in controls for oversight, structure, ethics, risk assessment and the policy set. */
import type { ControlInput } from '../control.js';

/** Governance: the board, the org chart, conduct, risk assessment and how policies live. */
export const governanceControls: ControlInput[] = [
  {
    id: 'GOV-01',
    title: 'Board oversight of the security program',
    statement:
      'Our board (or an advisory group independent of day-to-day management) receives a security and compliance briefing at least quarterly covering risks, control exceptions and incidents, and the minutes record its questions and decisions.',
    criteria: ['CC1.2', 'CC4.2'],
    category: 'governance',
    frequency: 'quarterly',
    ownerRole: 'compliance-owner',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'GOV-02',
    title: 'Organization chart and security roles',
    statement:
      'We keep a current org chart and a written list of who owns security, privacy, AI safety and each control, and we update both within a month of any reorganization.',
    criteria: ['CC1.3', 'CC1.5'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'people-ops',
    evidenceSources: ['bamboohr-csv', 'hr-csv', 'policies-md'],
    check: null,
    // A year with no reorganization is attested in a sentence; the chart itself is a file.
    statementAllowed: true,
  },
  {
    id: 'GOV-03',
    title: 'Code of conduct acknowledged',
    statement:
      'Every employee and contractor acknowledges our code of conduct and security policies when they join, within a month of each new version and again each year, and breaches go through a documented disciplinary process.',
    criteria: ['CC1.1', 'CC1.5'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'people-ops',
    evidenceSources: ['bamboohr-csv', 'hr-csv', 'policies-md', 'policy-acks-csv', 'knowbe4-enrollments'],
    check: 'hr.policy-ack',
    audit: { unit: 'event', noun: 'acknowledgement deadline', method: 'inspection', procedure: 'traced the HR start date or the policy version approval to an acknowledgement of that version (by number or text hash) by the deadline' },
    params: { withinDays: 30, renewMonths: 12, workerTypes: ['employee', 'contractor'] },
  },
  {
    id: 'GOV-04',
    title: 'Annual risk assessment',
    statement:
      'Once a year, and after any major change to the business, our models or our providers, we rate risks to our service commitments (fraud and AI-specific risks included), record how each is treated and have leadership sign off the register.',
    criteria: ['CC3.1', 'CC3.2', 'CC3.3', 'CC3.4', 'CC5.1'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['risk-register-yaml', 'policies-md'],
    check: 'risk.review_overdue',
    owaspLlm: ['LLM01', 'LLM02', 'LLM06'],
    audit: { unit: 'item', noun: 'risk', method: 'inspection', procedure: 'inspected the register entry for a review (or its creation) within the review cadence of that risk' },
    params: { reviewMonths: 12 },
  },
  {
    id: 'GOV-05',
    title: 'Policy approval and periodic review',
    statement:
      'Each security policy has an owner and an approver, is approved before it takes effect and is reviewed at least every twelve months; staff can find the current version in one place.',
    criteria: ['CC5.3', 'CC2.2', 'CC1.3'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['policies-md'],
    check: 'policy.lifecycle',
    audit: { unit: 'item', noun: 'required policy', method: 'inspection', procedure: 'inspected the latest version for an approval by someone with authority, no change after that approval, and a review within the last year' },
    params: { reviewMonths: 12 },
  },
  {
    id: 'GOV-06',
    title: 'Continuous control monitoring',
    statement:
      'We run automated control checks against collected evidence at least monthly, track every exception to closure with an owner and due date, and report open exceptions to leadership.',
    criteria: ['CC4.1', 'CC4.2', 'CC2.1'],
    category: 'governance',
    frequency: 'monthly',
    ownerRole: 'compliance-owner',
    evidenceSources: ['jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'GOV-07',
    title: 'Commitments communicated to customers',
    statement:
      'We publish our security commitments, system description, subprocessor list and a way to report security or privacy concerns, and we tell customers about changes that affect them.',
    criteria: ['CC2.3'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'GOV-08',
    title: 'Control catalog mapped to risks and technology',
    statement:
      'We keep a control catalog that maps each significant risk to the controls that treat it, including general controls over our infrastructure, code and model stack, and revisit it after each risk assessment.',
    criteria: ['CC5.1', 'CC5.2', 'CC2.1'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['risk-register-yaml', 'policies-md'],
    check: 'risk.agent_unlinked',
    audit: { unit: 'item', noun: 'agent risk', method: 'inspection', procedure: 'inspected the register entry for a link to at least one control that an automated check tests' },
  },
  {
    id: 'GOV-09',
    title: 'Internal security communication',
    statement:
      'We tell staff what is expected of them through the handbook, an internal security channel and announcements of policy changes, and we give them a known route to raise security concerns, anonymously if they wish.',
    criteria: ['CC2.2', 'CC1.1'],
    category: 'governance',
    frequency: 'quarterly',
    ownerRole: 'security-lead',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'GOV-10',
    title: 'High risks have an owned, dated treatment',
    statement:
      'Every risk still rated high after its controls has a treatment: a plan with an owner and a date to carry it out, or a written acceptance by a leader with authority to accept it, and we revisit both at each risk review.',
    criteria: ['CC3.2', 'CC5.1', 'CC9.1'],
    category: 'governance',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['risk-register-yaml'],
    check: 'risk.high_untreated',
    audit: { unit: 'item', noun: 'high residual risk', method: 'inspection', procedure: 'inspected the treatment of the risk for an owner and a due date, or for the name of whoever accepted it' },
  },
];
