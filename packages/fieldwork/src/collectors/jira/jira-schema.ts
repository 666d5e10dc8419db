import { z } from 'zod';

/** A Jira user as the REST API shows it (email may be hidden by the user's privacy settings). */
export const jiraUserSchema = z.object({
  accountId: z.string().nullish(),
  emailAddress: z.string().nullish(),
  displayName: z.string().nullish(),
  name: z.string().nullish(),
}).loose();
export type JiraUser = z.infer<typeof jiraUserSchema>;

const named = z.object({ name: z.string() }).loose();

const linkedIssueSchema = z.object({
  key: z.string(),
  fields: z.object({ summary: z.string().nullish(), issuetype: named.nullish() }).loose().nullish(),
}).loose();

/** The parts of an issue (search result with `expand=changelog`) we read. */
export const jiraIssueSchema = z.object({
  key: z.string().min(1),
  fields: z.object({
    issuetype: named.nullish(),
    summary: z.string().nullish(),
    /** Atlassian Document Format in API v3, plain text in v2. */
    description: z.unknown().optional(),
    status: named.nullish(),
    created: z.string().min(1),
    resolutiondate: z.string().nullish(),
    reporter: jiraUserSchema.nullish(),
    assignee: jiraUserSchema.nullish(),
    labels: z.array(z.string()).nullish(),
    components: z.array(named).nullish(),
    priority: named.nullish(),
    issuelinks: z.array(z.object({
      type: z.object({ name: z.string().nullish(), inward: z.string().nullish(), outward: z.string().nullish() }).loose().nullish(),
      inwardIssue: linkedIssueSchema.nullish(),
      outwardIssue: linkedIssueSchema.nullish(),
    }).loose()).nullish(),
  }).loose(),
  changelog: z.object({
    histories: z.array(z.object({
      id: z.string().nullish(),
      author: jiraUserSchema.nullish(),
      created: z.string().min(1),
      items: z.array(z.object({ field: z.string(), fromString: z.string().nullish(), toString: z.string().nullish() }).loose()),
    }).loose()).nullish(),
  }).loose().nullish(),
}).loose();
export type JiraIssue = z.infer<typeof jiraIssueSchema>;
