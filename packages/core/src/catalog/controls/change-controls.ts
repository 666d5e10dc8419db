/** @module Built-in controls for change management. */
import type { ControlInput } from '../control.js';

const git = ['github-rest', 'github-api', 'git-repo'];

/** Change: review and approval, branch protection, testing, infrastructure as code and environments. */
export const changeControls: ControlInput[] = [
  {
    id: 'CHG-01',
    title: 'Production changes reviewed and approved',
    statement:
      'Every change deployed to production goes through a pull request approved by someone other than its author and linked to a ticket; emergency fixes may ship first but are approved within two days.',
    criteria: ['CC8.1', 'CC5.2'],
    category: 'change',
    frequency: 'per_event',
    ownerRole: 'engineering-lead',
    evidenceSources: [...git, 'jira-issues', 'linear-issues'],
    check: 'change.review-approval',
    zeroToleranceRules: ['change.direct_push', 'change.admin_bypass', 'deploy.unmerged_commit'],
    audit: { unit: 'event', noun: 'merged change', method: 'inspection', procedure: 'inspected the change for an approving review by someone other than the author before merge, a linked ticket and a successful production deployment' },
    params: { emergencyApprovalDays: 2, productionEnvironments: ['production'] },
  },
  {
    id: 'CHG-02',
    title: 'Branch protection on deployable branches',
    statement:
      'The default and release branches of every production repository require a pull request, at least one approving review and passing status checks, and administrators cannot bypass these rules.',
    criteria: ['CC8.1', 'CC6.1'],
    category: 'change',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: ['github-rest', 'github-api'],
    check: 'change.branch-protection',
    automated: true,
    audit: { unit: 'item', noun: 'deployable branch', method: 'inspection', procedure: "inspected the branch's protection settings and their history over the window for gaps and for rules weaker than required" },
    params: { minApprovals: 1 },
  },
  {
    id: 'CHG-03',
    title: 'Automated tests before merge',
    statement:
      'Our CI runs unit, integration and type checks on every pull request, and a failing run blocks the merge.',
    criteria: ['CC8.1', 'PI1.3'],
    category: 'change',
    frequency: 'per_event',
    ownerRole: 'engineering-lead',
    evidenceSources: git,
    check: null,
  },
  {
    id: 'CHG-04',
    title: 'Infrastructure as code with drift detection',
    statement:
      'We define cloud infrastructure in code that goes through the same review as application code, and a scheduled posture scan reports resources changed outside that process.',
    criteria: ['CC8.1', 'CC7.1', 'CC5.2'],
    category: 'change',
    frequency: 'weekly',
    ownerRole: 'engineering-lead',
    evidenceSources: [...git, 'prowler-ocsf'],
    check: null,
  },
  {
    id: 'CHG-05',
    title: 'Separate environments without production data',
    statement:
      'Development, staging and production run in separate accounts with separate credentials, and customer data, prompts and traces are not copied out of production into lower environments.',
    criteria: ['CC8.1', 'C1.1'],
    category: 'change',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
    owaspLlm: ['LLM02'],
  },
];
