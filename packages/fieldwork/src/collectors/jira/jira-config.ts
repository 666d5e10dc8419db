import { z } from 'zod';
import { subjectRuleSchema } from '../input/index.js';

/**
 * Options of the `jira-issues` source: Jira Cloud search responses
 * (`GET /rest/api/3/search?jql=…&expand=changelog`), one file per page, or JSON Lines of issues.
 */
export const jiraOptionsSchema = z.object({
  /**
   * Statuses whose entry counts as the approval (case-insensitive). The person who moved the
   * issue into the first of them is the approver, and that moment the approval time.
   */
  approvedStatuses: z.array(z.string().min(1)).min(1).default(['Approved', 'Done']),
  /** Labels whose addition (a `labels` changelog item) counts as the approval, e.g. `approved`. */
  approvedLabels: z.array(z.string().min(1)).default([]),
  /**
   * Where the person an access request is about is named: a custom field id
   * (`customfield_10050`, a user picker or an email text field) or `reporter`/`assignee`.
   */
  subjectField: z.string().min(1).optional(),
  /**
   * More places the person may be named when a manager files the request for a new hire, tried
   * in order after `subjectField`: `{ field }`, `{ label: 'for:' }`, `{ summary: '<regex>' }`,
   * `{ description: 'Subject:' }` (a line of the description).
   */
  subjectRules: z.array(subjectRuleSchema).default([]),
  /** Issue types that are access reviews; each completed one is also an `access_review`. */
  accessReviewIssueTypes: z.array(z.string()).default(['Access Review']),
  /** Issue types and labels that make an issue an incident (also emitted as `incident`). */
  incidentIssueTypes: z.array(z.string()).default(['Incident']),
  incidentLabels: z.array(z.string()).default(['incident']),
  /** A custom field holding the incident severity (`customfield_10060`); the priority when unset or empty. */
  severityField: z.string().min(1).optional(),
  /** Base URL for links in evidence (`https://your-site.atlassian.net`); optional. */
  siteUrl: z.url().optional(),
}).strict();
export type JiraOptions = z.infer<typeof jiraOptionsSchema>;
