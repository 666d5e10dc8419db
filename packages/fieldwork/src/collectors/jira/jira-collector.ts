import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { jiraOptionsSchema } from './jira-config.js';
import type { JiraOptions } from './jira-config.js';
import { mapJiraIssue } from './jira-mapper.js';
import { jiraIssueSchema } from './jira-schema.js';

const HINT = 'jira-issues reads the response of GET /rest/api/3/search?jql=…&expand=changelog saved as it is (one file per page), an array of issues, or one issue per line.';

/** Jira Cloud issues with their changelog: tickets, approvals, access reviews and incidents. */
export const jiraCollector: Collector<JiraOptions> = {
  kind: 'jira-issues',
  snapshotKinds: [],
  description: 'Jira Cloud search responses (/rest/api/3/search with expand=changelog) or JSON Lines of issues: tickets with approvals from the changelog',
  options: jiraOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    let seen = 0;
    const keys = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      const v = item.value as { issues?: unknown; errorMessages?: unknown } | null;
      const base = item.line ? '' : item.locator;
      if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.errorMessages) && !v.issues) {
        throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is a Jira error response: ${(v.errorMessages as unknown[]).join(' ') || 'no message'}.`, {
          where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: `${base}/errorMessages` }, hint: 'Run the search again (check the JQL and the token) and save a successful response.',
        });
      }
      const issues = v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.issues)
        ? v.issues.map((x, i) => ({ value: x, loc: pointer(base, 'issues', i) }))
        : Array.isArray(v) ? v.map((x, i) => ({ value: x, loc: pointer(base, i) })) : [{ value: v, loc: base }];
      for (const { value, loc } of issues) {
        const parsed = jiraIssueSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${seen === 0 ? 'this does not look like Jira issues' : 'malformed Jira issue'} (${issue.path.join('.') || 'issue'}: ${issue.message}).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: pointer(loc, ...issue.path.map(String)) },
            hint: HINT,
          });
        }
        seen++;
        // Overlapping pages (an issue updated while paging) repeat an issue; keep its first copy.
        if (keys.has(parsed.data.key)) continue;
        keys.add(parsed.data.key);
        const locator = item.line ? (loc ? `${item.locator}#${loc}` : item.locator) : loc || '/';
        yield* mapJiraIssue(parsed.data, options, ctx.cite(locator), { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: loc }, ctx.timezone);
      }
    }
  },
};
