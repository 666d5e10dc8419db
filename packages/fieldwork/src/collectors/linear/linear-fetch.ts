import { FieldworkError } from '@fieldwork/core/errors';
import type { FetchContext, FetchedArtifact } from '../collector.js';
import type { LinearOptions } from './linear-config.js';

/**
 * The `issues` query the live mode sends: every field the mapper reads (docs/trackers.md), with
 * the history and relations an audit needs, paged by cursor. Nested lists are bounded so a page
 * of `pageSize` issues stays under Linear's per-query complexity limit.
 */
export const LINEAR_ISSUES_QUERY = `query FieldworkIssues($first: Int!, $after: String, $filter: IssueFilter) {
  issues(first: $first, after: $after, filter: $filter, orderBy: createdAt) {
    nodes {
      identifier title description url createdAt startedAt triagedAt completedAt canceledAt priority priorityLabel
      state { name type } team { key name } project { name }
      labels(first: 25) { nodes { name parent { name } } }
      assignee { name email } creator { name email } subscribers(first: 25) { nodes { name email } }
      history(first: 100) { nodes { createdAt actor { name email } fromState { name } toState { name } addedLabels { name } removedLabels { name } } pageInfo { hasNextPage } }
      relations(first: 25) { nodes { type relatedIssue { identifier title } } }
      inverseRelations(first: 25) { nodes { type issue { identifier title } } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Page {
  data?: { issues?: { nodes?: { identifier?: string; history?: { pageInfo?: { hasNextPage?: boolean } } }[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } } | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** Milliseconds until Linear's request budget refills (`X-RateLimit-Requests-Reset`, epoch ms), within a minute. */
function waitFor(res: Response, attempt: number): number {
  const reset = Number(res.headers.get('x-ratelimit-requests-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return 1000 * 2 ** attempt;
  const at = reset < 1e12 ? reset * 1000 : reset;
  return Math.min(60_000, Math.max(0, at - Date.now()));
}

/**
 * Pages through the GraphQL `issues` connection (`pageInfo { hasNextPage endCursor }`, `after:`),
 * waiting out rate limiting (HTTP 429, or a `RATELIMITED` GraphQL error) up to five times. Each
 * page is stored as received, one artifact per page; a page with GraphQL errors is refused.
 */
export async function* fetchLinearIssues(options: LinearOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const key = ctx.env[options.apiKeyEnv];
  if (!key) {
    throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: the environment variable ${options.apiKeyEnv} is not set.`, { hint: 'Create a personal API key in Linear (Settings → Security & access → Personal API keys) with read access and export it in that variable.' });
  }
  const filter = {
    ...(options.updatedSince ? { updatedAt: { gte: options.updatedSince } } : {}),
    ...(options.teams?.length ? { team: { key: { in: options.teams } } } : {}),
  };
  let after: string | null = null;
  let page = 0;
  let retries = 0;
  while (page < options.maxPages) {
    const body = JSON.stringify({ query: LINEAR_ISSUES_QUERY, variables: { first: options.pageSize, after, ...(Object.keys(filter).length ? { filter } : {}) } });
    const res = await ctx.fetch(options.apiUrl!, { method: 'POST', headers: { Authorization: key, 'Content-Type': 'application/json', Accept: 'application/json' }, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    let parsed: Page | undefined;
    try {
      parsed = JSON.parse(bytes.toString('utf8')) as Page;
    } catch {
      parsed = undefined;
    }
    const limited = res.status === 429 || !!parsed?.errors?.some((e) => e.extensions?.code === 'RATELIMITED');
    if (limited && retries < 5) {
      retries++;
      const wait = waitFor(res, retries);
      ctx.log(`linear: rate limited, waiting ${Math.ceil(wait / 1000)}s`);
      await sleep(wait);
      continue;
    }
    const where = `POST ${new URL(options.apiUrl!).pathname} issues page ${page + 1}`;
    if (!res.ok || !parsed || parsed.errors?.length || !Array.isArray(parsed.data?.issues?.nodes)) {
      const message = parsed?.errors?.map((e) => e.message).filter(Boolean).join('; ');
      throw new FieldworkError('API_FAILED', `Source ${ctx.source}: ${where} answered ${res.status} ${res.statusText}${message ? `: ${message}` : ''}.`, {
        hint: res.status === 401 || res.status === 403 || /auth/i.test(message ?? '') ? `Check the key in ${options.apiKeyEnv} and that it may read the teams' issues.` : 'Try again later; the pages fetched so far were not stored.',
      });
    }
    retries = 0;
    page++;
    const cut = parsed.data!.issues!.nodes!.filter((n) => n?.history?.pageInfo?.hasNextPage).map((n) => n.identifier);
    if (cut.length > 0) ctx.log(`linear: ${cut.join(', ')} have more than 100 history entries; only the 100 the API returned first were fetched, so an approval among the rest is missing (export those issues' history separately)`);
    yield { name: `${where}${after ? ` (after ${after})` : ''}`, bytes, mediaType: 'application/json' };
    const info = parsed.data!.issues!.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) break;
    after = info.endCursor;
  }
}
