/** @module Built-in controls for logical and physical access. */
import type { ControlInput } from '../control.js';

// Identity sources every access check can read; the checks are source-agnostic.
const idp = ['okta-system-log', 'google-workspace-admin', 'entra-audit'];
/** Account rosters with MFA registration, one per identity provider (docs/identity-sources.md). */
const rosters = ['okta-users', 'entra-users', 'google-directory-users'];

/** Access: provisioning, reviews, MFA/SSO, reconciliation, privilege, boundary and endpoints. */
export const accessControls: ControlInput[] = [
  {
    id: 'ACC-01',
    title: 'Access granted only with approval',
    statement:
      'Every new account or added role in an in-scope system is requested in a ticket and approved by the system owner or the person\'s manager before it is granted.',
    criteria: ['CC6.2', 'CC6.3'],
    category: 'access',
    frequency: 'per_event',
    ownerRole: 'it-admin',
    evidenceSources: [...idp, 'jira-issues', 'linear-issues'],
    check: 'access.grant-approval',
    audit: { unit: 'event', noun: 'access grant', method: 'inspection', procedure: 'traced the grant in the identity provider log to an access-request ticket for that person and application, approved before the grant' },
    params: {},
  },
  {
    id: 'ACC-02',
    title: 'Quarterly user access reviews',
    statement:
      'Each quarter, system owners review who has access to production, customer data, model provider consoles and the identity provider, and we remove anything they do not confirm.',
    criteria: ['CC6.1', 'CC6.2', 'CC6.3'],
    category: 'access',
    frequency: 'quarterly',
    ownerRole: 'security-lead',
    evidenceSources: [...idp, 'jira-issues', 'linear-issues'],
    check: 'access.reviews',
    audit: { unit: 'period', noun: 'quarter', method: 'inspection', procedure: "inspected the quarter's completed user access review of each in-scope system: reviewer, completion date and the removals it asked for" },
    params: { reviewIntervalDays: 92 },
  },
  {
    id: 'ACC-03',
    title: 'Single sign-on with multi-factor authentication',
    statement:
      'People reach in-scope systems through our identity provider with multi-factor authentication enforced; local passwords are disabled wherever the system supports SSO.',
    criteria: ['CC6.1', 'CC6.6'],
    category: 'access',
    frequency: 'continuous',
    ownerRole: 'it-admin',
    evidenceSources: [...idp, ...rosters, 'entra-sign-ins'],
    check: 'access.mfa-sso',
    automated: true,
    audit: { unit: 'item', noun: 'user account', method: 'inspection', procedure: "inspected the account's sign-ins in the window for an MFA factor enrolled before each one, its MFA registration in the roster as of the window's end, and its interactive sign-ins to production applications for a second factor and for sign-in through the identity provider" },
    params: {},
  },
  {
    id: 'ACC-04',
    title: 'HR and identity provider reconciled',
    statement:
      'Every month we match active identity-provider accounts against the HR roster and investigate any account with no current employee or contractor behind it.',
    criteria: ['CC6.2', 'CC6.3'],
    category: 'access',
    frequency: 'monthly',
    ownerRole: 'it-admin',
    evidenceSources: ['bamboohr-csv', 'hr-csv', ...idp, ...rosters],
    check: 'access.reconciliation',
    audit: { unit: 'item', noun: 'identity provider account', method: 'reperformance', procedure: 'reperformed the reconciliation: matched the account by email to an HR person record current on the dates the account was active' },
    params: {},
  },
  {
    id: 'ACC-05',
    title: 'Privileged access kept small',
    statement:
      'Production admin and cloud root access is limited to a named few, granted just in time where the platform allows, and break-glass use is logged and reviewed the same week.',
    criteria: ['CC6.1', 'CC6.3'],
    category: 'access',
    frequency: 'quarterly',
    ownerRole: 'security-lead',
    evidenceSources: [...idp, 'prowler-ocsf'],
    check: null,
  },
  {
    id: 'ACC-06',
    title: 'Unique accounts and owned service identities',
    statement:
      'Each person uses their own account; shared logins are not allowed, and every service account or API token has a named human owner and the narrowest scope that works.',
    criteria: ['CC6.1', 'CC6.2'],
    category: 'access',
    frequency: 'quarterly',
    ownerRole: 'it-admin',
    evidenceSources: [...idp, 'prowler-ocsf'],
    check: null,
  },
  {
    id: 'ACC-07',
    title: 'Physical security relied on from hosting providers',
    statement:
      'We run no data centre of our own; physical access to production hardware is controlled by our cloud provider, and we confirm it each year in their SOC 2 report. Office entry is badge-controlled and no customer data is kept on office premises.',
    criteria: ['CC6.4'],
    category: 'access',
    frequency: 'annual',
    ownerRole: 'it-admin',
    evidenceSources: ['vendors-csv', 'vendors-yaml'],
    check: null,
  },
  {
    id: 'ACC-08',
    title: 'Network boundary protection',
    statement:
      'Production sits in private networks behind load balancers and a web application firewall; databases, queues and vector stores are not reachable from the internet, and a cloud posture scan flags any drift.',
    criteria: ['CC6.6', 'CC6.1'],
    category: 'access',
    frequency: 'continuous',
    ownerRole: 'security-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
  },
  {
    id: 'ACC-09',
    title: 'Managed and protected endpoints',
    statement:
      'Company laptops are enrolled in device management with disk encryption, screen lock, automatic updates and anti-malware enforced, and only managed devices can sign in to production tools.',
    criteria: ['CC6.8', 'CC6.7', 'CC6.1'],
    category: 'access',
    frequency: 'continuous',
    ownerRole: 'it-admin',
    evidenceSources: idp,
    check: null,
  },
];
