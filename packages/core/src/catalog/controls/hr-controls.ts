/** @module Built-in controls for hiring, training, agreements and leaving. */
import type { ControlInput } from '../control.js';

/** People: screening, training, agreements, competence and timely offboarding. */
export const hrControls: ControlInput[] = [
  {
    id: 'HR-01',
    title: 'Background checks before start',
    statement:
      'We run a background check, as local law allows, on every new employee and on contractors with production or customer-data access, and it is completed before their first day of access.',
    criteria: ['CC1.4'],
    category: 'hr',
    frequency: 'per_event',
    ownerRole: 'people-ops',
    evidenceSources: ['bamboohr-csv', 'hr-csv', 'background-checks-csv'],
    check: 'hr.background-check',
    audit: { unit: 'event', noun: 'new starter', method: 'inspection', procedure: "traced the HR start date to the screening provider's report and inspected that it was completed on or before the start" },
    params: { workerTypes: ['employee'], validMonths: 12 },
  },
  {
    id: 'HR-02',
    title: 'Security awareness training',
    statement:
      'Everyone completes security and privacy awareness training within 30 days of joining and every year after; engineers working on agents also cover prompt injection and safe tool design.',
    criteria: ['CC1.4', 'CC2.2'],
    category: 'hr',
    frequency: 'annual',
    ownerRole: 'security-lead',
    evidenceSources: ['bamboohr-csv', 'hr-csv', 'training-csv', 'knowbe4-enrollments'],
    check: 'hr.training',
    audit: { unit: 'event', noun: 'training deadline', method: 'inspection', procedure: "traced the HR start date or the previous completion to the training platform's record of a completed course by the deadline" },
    params: { withinDays: 30, renewMonths: 12, workerTypes: ['employee', 'contractor', 'intern'] },
    owaspLlm: ['LLM01', 'LLM06'],
  },
  {
    id: 'HR-03',
    title: 'Confidentiality agreements',
    statement:
      'Every employee and contractor signs a confidentiality agreement covering customer data, prompts and model outputs before they receive any access.',
    criteria: ['CC1.1', 'C1.1'],
    category: 'hr',
    frequency: 'per_event',
    ownerRole: 'people-ops',
    evidenceSources: ['bamboohr-csv', 'hr-csv'],
    check: null,
  },
  {
    id: 'HR-04',
    title: 'Role descriptions and competence',
    statement:
      'Roles with security duties have written descriptions of those duties, and managers check in performance reviews that the person has the skills and training the role needs.',
    criteria: ['CC1.3', 'CC1.4', 'CC1.5'],
    category: 'hr',
    frequency: 'annual',
    ownerRole: 'people-ops',
    evidenceSources: ['bamboohr-csv', 'hr-csv'],
    check: null,
  },
  {
    id: 'HR-05',
    title: 'Leavers deactivated promptly',
    statement:
      'When someone leaves, we deactivate their identity-provider account no later than the day after their last working day, which cuts off every SSO-connected system at once.',
    criteria: ['CC6.2', 'CC6.3'],
    category: 'hr',
    frequency: 'per_event',
    ownerRole: 'it-admin',
    evidenceSources: ['bamboohr-csv', 'hr-csv', 'okta-system-log', 'google-workspace-admin', 'entra-audit'],
    check: 'hr.deprovisioning',
    audit: { unit: 'event', noun: 'leaver', method: 'inspection', procedure: "traced the HR end date to the identity provider's deactivation, suspension or deletion, and inspected the log for use of the account after the deadline" },
    params: { maxDelayDays: 1 },
  },
  {
    id: 'HR-06',
    title: 'Access adjusted on role change',
    statement:
      'When someone moves team or role, their manager confirms within a week which access they still need, and access tied to the old role is removed.',
    criteria: ['CC6.3'],
    category: 'hr',
    frequency: 'per_event',
    ownerRole: 'it-admin',
    evidenceSources: ['bamboohr-csv', 'hr-csv', 'okta-system-log', 'jira-issues', 'linear-issues'],
    check: null,
  },
];
