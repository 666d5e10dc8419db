/**
 * @module The seven policy templates, in our own words, filled from the workspace.
 */

export interface PolicyFacts {
  company: string;
  owner: string;
  ownerEmail: string;
  securityLead: string;
  engineeringLead: string;
  promptRetentionDays: number;
  deprovisionDays: number;
  sla: { critical: number; high: number; medium: number; low: number };
  restoreTestDays: number;
  vendorReviewMonths: number;
}

export interface PolicyTemplate {
  id: string;
  title: string;
  owner: (f: PolicyFacts) => string;
  body: (f: PolicyFacts) => string;
}

export const POLICY_TEMPLATES: PolicyTemplate[] = [
  {
    id: 'access-control',
    title: 'Access Control Policy',
    owner: (f) => f.securityLead,
    body: (f) => `## Purpose
${f.company} grants people and services only the access their work needs, and takes it away as soon as that need ends.

## Rules
1. Every account is tied to one named person or one named service, created from an approved request ticket. The approval comes before the access.
2. Access to production, customer data, model provider consoles and secrets is privileged: it needs approval from the system owner and is reviewed every quarter.
3. Single sign-on with multi-factor authentication is required for every system that supports it.
4. When someone leaves, their identity-provider account is deactivated within ${f.deprovisionDays} calendar day(s) of their last day, counted in our workspace timezone; their sessions, tokens and keys are revoked the same day.
5. Each quarter the owner of every in-scope system reviews who has access and records the result; removals happen within five business days.
6. Agents act with the end user's or the tenant's scoped credential. An agent may use its own service identity only for tools declared as agent-service with a written justification.
7. Human resources and the identity provider are reconciled every quarter: no account without a person, no leaver with an active account.

## Evidence
Identity provider logs, HR exports, access request and review tickets, and the tool-call spans of our agents, collected by Fieldwork.
`,
  },
  {
    id: 'change-management',
    title: 'Change Management Policy',
    owner: (f) => f.engineeringLead,
    body: (f) => `## Purpose
Every change that reaches production at ${f.company} is intended, reviewed, tested and traceable.

## Rules
1. Changes to production code and infrastructure go through a pull request linked to a ticket.
2. Someone other than the author approves the final version of the change before it merges. New commits after an approval need a new approval.
3. The default branch is protected at all times: required review, no force pushes, administrators included.
4. Deployments to production run through the pipeline, which records what was deployed, when, and by whom.
5. Emergency changes may skip the review only to restore service. They are labelled as emergencies and approved after the fact within two days.
6. Changing the model behind an agent is a change: it needs a ticket, an approver other than the requester, and a passing evaluation on a held-out set before production traffic reaches it.

## Evidence
Pull requests, reviews, deployments, branch protection history and declared model changes, collected by Fieldwork.
`,
  },
  {
    id: 'vendor-management',
    title: 'Vendor Management Policy',
    owner: (f) => f.owner,
    body: (f) => `## Purpose
${f.company} knows which vendors touch its systems and data, and checks that they keep their promises.

## Rules
1. We keep an inventory of vendors with their criticality and the data they can access.
2. Critical and high vendors are reviewed before onboarding and at least every ${f.vendorReviewMonths} months; the reviewer signs the review.
3. For vendors that hold customer data we obtain a SOC 2 report (or equivalent) whose period ended within the last twelve months, or a bridge letter that covers the gap.
4. Model providers are subservice organizations. For each, we map the complementary user entity controls their reports expect from us to one of our own controls, and test that control.
5. Model providers may not train on our customers' data: we use the opt-outs and zero-retention settings they offer and keep the evidence.

## Evidence
The vendor inventory, signed reviews, report periods and bridge letters, and the CUEC mapping, collected by Fieldwork.
`,
  },
  {
    id: 'incident-response',
    title: 'Incident Response Policy',
    owner: (f) => f.securityLead,
    body: (f) => `## Purpose
${f.company} detects, answers and learns from security incidents, including the ones only AI agents can cause.

## Rules
1. Incidents are recorded in one register and categorized with our taxonomy. Agent categories include: an unauthorized or hallucinated tool action (such as an unapproved refund), cross-tenant data exposure, a successful prompt injection, personal data leaking in model output, a silent model regression, and system prompt leakage.
2. Each category has a severity, an owner and a response time. We respond within it.
3. Incidents of the two highest severities get a written postmortem with actions and owners.
4. Agent events that meet an incident definition — for example a high-risk tool call without the required approval — are opened as incidents even when no customer noticed.
5. Customers affected by an incident involving their data are told without undue delay.

## Evidence
The incident register, response times, postmortems, and the agent runtime events Fieldwork matches against the definitions.
`,
  },
  {
    id: 'bcdr',
    title: 'Business Continuity and Disaster Recovery Policy',
    owner: (f) => f.engineeringLead,
    body: (f) => `## Purpose
${f.company} can restore its service and its customers' data after a failure.

## Rules
1. Production databases, object stores holding customer data and agent memory are backed up at least daily; failed backups are retried and investigated.
2. We restore a backup of every critical resource at least every ${f.restoreTestDays} days, verify the result, and keep what the test left behind (the restored resource, a log or a screenshot).
3. Agent runs survive restarts: queued work is durable and interrupted runs resume or fail visibly.
4. When a model provider is unavailable we fail over to a declared alternative or degrade visibly; we never switch models silently.
5. The plan is exercised once a year.

## Evidence
Backup jobs, restore tests and their artifacts, and failover exercises, collected by Fieldwork.
`,
  },
  {
    id: 'secure-development',
    title: 'Secure Development Policy',
    owner: (f) => f.engineeringLead,
    body: (f) => `## Purpose
${f.company} builds software, including its agents, so that known weaknesses are found and fixed in time.

## Rules
1. Container images, repositories and dependency lockfiles — including those of the agent framework and its tools — are scanned at least weekly.
2. Vulnerabilities are fixed within these times from first detection: critical ${f.sla.critical} days, high ${f.sla.high} days, medium ${f.sla.medium} days, low ${f.sla.low} days. Exceptions are approved and recorded.
3. Secrets, including model API keys, live in a secrets manager, are never committed, and are rotated at least every 90 days and at once when exposed.
4. Agents treat model output as untrusted: it is validated against a schema before any tool acts on it, and prompt-injection defenses are tested.
5. Tools with financial or destructive effects require human approval above a declared threshold.

## Evidence
Scanner output, remediation dates, secret rotation records and agent traces, collected by Fieldwork.
`,
  },
  {
    id: 'data-classification',
    title: 'Data Classification and Handling Policy',
    owner: (f) => f.securityLead,
    body: (f) => `## Purpose
${f.company} knows what data it holds, protects it accordingly, and keeps it no longer than needed.

## Rules
1. Data is public, internal, confidential (customer data, prompts, completions, tool traces) or restricted (credentials, payment and government identifiers).
2. Confidential and restricted data is encrypted in transit and at rest.
3. Prompts, completions and tool traces are kept for ${f.promptRetentionDays} days at most, then deleted; access to them is limited and logged.
4. Personal data is redacted from prompt logs before storage where possible; stored logs are scanned and high-risk identifiers are treated as incidents.
5. Each tenant's memory and retrieval data is partitioned; queries without a tenant context fail closed; isolation is probed regularly.
6. Data subject requests (access, deletion) cover prompt logs, traces and agent memory, and we keep evidence that deleted records are gone.

## Evidence
Retention settings, prompt-log scans, isolation probe runs and deletion records, collected by Fieldwork.
`,
  },
];
