import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { ArtifactInput, Collector } from '../collector.js';
import { iterateCsvRows, iterateJsonItems, pointer } from '../input/index.js';
import { LINEAR_CSV_REQUIRED, linearOptionsSchema } from './linear-config.js';
import type { LinearOptions } from './linear-config.js';
import { fetchLinearIssues } from './linear-fetch.js';
import { mapLinearCsvRow, mapLinearIssue } from './linear-mapper.js';
import { linearIssueSchema } from './linear-schema.js';

const HINT = 'linear-issues reads the GraphQL response of an `issues { nodes { identifier title description createdAt startedAt completedAt canceledAt priorityLabel state { name type } team { key name } labels { nodes { name parent { name } } } assignee { email } creator { email } history { nodes { createdAt actor { email } fromState { name } toState { name } addedLabels { name } } } } }` query (docs/trackers.md has the full query), a nodes array, JSON Lines of nodes, or the CSV export.';

async function firstChar(input: ArtifactInput): Promise<string | undefined> {
  for await (const c of input.open()) {
    const m = /\S/.exec((c as Buffer).toString('utf8').replace(/^\uFEFF/, ''));
    if (m) return m[0];
  }
  return undefined;
}

/** Linear issues: the GraphQL API's JSON or the workspace CSV export — tickets with approvals, access reviews and incidents, as jira-issues gives them. */
export const linearCollector: Collector<LinearOptions> = {
  kind: 'linear-issues',
  snapshotKinds: [],
  description: 'Linear issues: GraphQL `issues` response (with history for approvals), the CSV export, or the live GraphQL API: tickets, access reviews and incidents',
  options: linearOptionsSchema,
  mediaType: 'application/json',
  fileTypes: ['.json', '.jsonl', '.ndjson', '.csv'],
  fetch(options, ctx) {
    if (!options.apiUrl) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: set a path/glob to read exports, or options.apiUrl to call the API.`, {
        hint: 'For the API: options: { apiUrl: https://api.linear.app/graphql, apiKeyEnv: LINEAR_API_KEY, updatedSince: 2026-01-01T00:00:00Z }',
      });
    }
    return fetchLinearIssues(options, ctx);
  },
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const first = await firstChar(input);
    if (first !== '{' && first !== '[') {
      if (first === undefined) throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the issues again; an empty file is not evidence.' });
      for await (const { row, line } of iterateCsvRows(input, LINEAR_CSV_REQUIRED)) {
        yield* mapLinearCsvRow(row, ctx.cite(`line ${line}`), { file: input.displayName, line }, options);
      }
      return;
    }
    let seen = 0;
    const keys = new Set<string>();
    for await (const item of iterateJsonItems(input)) {
      const v = item.value as { data?: { issues?: { nodes?: unknown } }; errors?: unknown } | null;
      const base = item.line ? '' : item.locator;
      if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.errors) && !v.data?.issues) {
        throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is a GraphQL error response.`, { where: { file: input.displayName, pointer: `${base}/errors` }, hint: 'Run the query again (check the API key and the query) and save a successful response.' });
      }
      const nodes = v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.data?.issues?.nodes)
        ? (v.data.issues.nodes as unknown[]).map((x, i) => ({ value: x, loc: pointer(base, 'data', 'issues', 'nodes', i) }))
        : Array.isArray(v) ? v.map((x, i) => ({ value: x, loc: pointer(base, i) })) : [{ value: v, loc: base }];
      for (const { value, loc } of nodes) {
        const parsed = linearIssueSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${seen === 0 ? 'this does not look like Linear issues' : 'malformed Linear issue'} (${issue.path.join('.') || 'issue'}: ${issue.message}).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: pointer(loc, ...issue.path.map(String)) },
            hint: HINT,
          });
        }
        seen++;
        if (keys.has(parsed.data.identifier)) continue;
        keys.add(parsed.data.identifier);
        const locator = item.line ? (loc ? `${item.locator}#${loc}` : item.locator) : loc || '/';
        yield* mapLinearIssue(parsed.data, options, ctx.cite(locator), { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: loc });
      }
    }
  },
};
