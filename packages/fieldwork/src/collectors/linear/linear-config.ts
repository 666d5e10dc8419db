import { z } from 'zod';
import { subjectRuleSchema } from '../input/index.js';

/**
 * Options of the `linear-issues` source: Linear's GraphQL `issues` response, or the CSV export;
 * with `apiUrl` and no path, the live GraphQL API.
 * The names are Jira's (`jira-issues`) wherever they mean the same thing, so a workspace moving
 * between the trackers keeps its mapping; docs/trackers.md sets the two side by side.
 */
export const linearOptionsSchema = z.object({
  /** Workflow states whose entry counts as the approval (from the issue history, when exported). */
  approvedStatuses: z.array(z.string().min(1)).min(1).default(['Approved', 'Done']),
  /** Labels whose addition counts as the approval (from the history's added labels), e.g. `approved`. */
  approvedLabels: z.array(z.string().min(1)).default([]),
  /**
   * Who an access request is for, when the issue itself is the person's: `assignee`,
   * `creator` (or `reporter`), or `subscriber` (the one subscriber who is neither creator nor assignee).
   * Linear has no custom fields; name the person in the description or a label with `subjectRules`.
   */
  subjectField: z.enum(['assignee', 'creator', 'reporter', 'subscriber']).optional(),
  /**
   * More places the person may be named, tried in order after `subjectField`:
   * `{ description: 'Subject:' }` (a description line), `{ label: 'for:' }`,
   * `{ summary: '<regex>' }` (over the title), `{ field: assignee | creator | subscriber }`.
   */
  subjectRules: z.array(subjectRuleSchema).default([]),
  /**
   * Linear's issue types are labels: the issue's type is its label in the `typeLabelGroup`
   * group (Linear's "Type" label group), else a plain label named like a type below.
   */
  typeLabelGroup: z.string().min(1).default('Type'),
  /** Issue types (labels) that are access reviews; each completed one is also an `access_review`. */
  accessReviewIssueTypes: z.array(z.string()).default(['Access Review']),
  /** Issue types and labels that make an issue an incident (also emitted as `incident`). */
  incidentIssueTypes: z.array(z.string()).default(['Incident']),
  incidentLabels: z.array(z.string()).default(['incident']),
  /** Team keys or names whose every issue is an incident (an "Incidents" team). */
  incidentTeams: z.array(z.string()).default([]),
  /**
   * Where an incident's severity is written: a label group or label prefix (`Severity` reads
   * the label `SEV-1` in the group Severity, or a label `severity:SEV-1`); the priority
   * (Urgent, High, Medium, Low) when unset or the issue has no such label.
   */
  severityLabel: z.string().min(1).optional(),
  /** `https://api.linear.app/graphql` — enables the live API (the source then has no path). */
  apiUrl: z.url().optional(),
  /** Environment variable holding the API key (a personal key as it is, or `Bearer <token>` for OAuth). */
  apiKeyEnv: z.string().min(1).default('LINEAR_API_KEY'),
  /** Only issues updated at or after this instant (ISO-8601), e.g. the start of the audit period. */
  updatedSince: z.iso.datetime({ offset: true }).optional(),
  /** Only issues of these team keys (`IT`, `SEC`). */
  teams: z.array(z.string().min(1)).optional(),
  /** Issues per page: each carries up to 100 history entries, which count toward Linear's per-query complexity limit. */
  pageSize: z.number().int().min(1).max(50).default(10),
  /** Stop after this many pages (safety net). */
  maxPages: z.number().int().min(1).default(10_000),
}).strict();
export type LinearOptions = z.infer<typeof linearOptionsSchema>;

/** Columns a Linear CSV export (Settings → Import/Export → Export CSV) must have. */
export const LINEAR_CSV_REQUIRED = ['ID', 'Title', 'Status', 'Created'];
