import { FieldworkError } from '@fieldwork/core/errors';
import type { FetchContext, FetchedArtifact } from '../collector.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How one identity API pages and authenticates. */
export interface ApiPaging {
  /** The first page's absolute URL. */
  url: string;
  headers: Record<string, string>;
  /** The next page's URL from the response (Link header, `@odata.nextLink`, `nextPageToken`), or undefined at the end. */
  next(res: Response, body: unknown, url: string): string | undefined;
  /** Names each page as stored: the request and what the page is. */
  name(url: string, page: number): string;
  /** The environment variable holding the credential, named in the hint of a 401/403. */
  tokenEnv: string;
  /** What the credential must be allowed to read, named in the hint of a 401/403. */
  permission: string;
  maxPages: number;
  /** Longest wait for one rate-limit pause. */
  maxWaitMs?: number;
}

/** Milliseconds a 429/503 asks to wait: `Retry-After` (seconds or an HTTP date), Okta's `x-rate-limit-reset` (epoch seconds), else backoff. */
export function retryDelay(res: Response, attempt: number, now = Date.now()): number {
  const after = res.headers.get('retry-after');
  if (after) {
    const secs = Number(after);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = Number(res.headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return 1000 * 2 ** attempt;
}

/**
 * GETs pages until `next` says there are no more, waiting out 429 and 503 answers (up to five in
 * a row), and yields each page's exact bytes as an artifact. Any other failure stops the fetch
 * with `API_FAILED`; pages already yielded have been stored whole, each its own artifact.
 */
export async function* fetchApiPages(paging: ApiPaging, ctx: FetchContext): AsyncGenerator<FetchedArtifact & { body: unknown }> {
  let url: string | undefined = paging.url;
  let page = 0;
  let retries = 0;
  while (url && page < paging.maxPages) {
    const res = await ctx.fetch(url, { headers: { Accept: 'application/json', ...paging.headers } });
    if ((res.status === 429 || res.status === 503) && retries < 5) {
      retries++;
      const wait = Math.min(retryDelay(res, retries), paging.maxWaitMs ?? 60_000);
      ctx.log(`${ctx.source}: rate limited, waiting ${Math.ceil(wait / 1000)}s`);
      await res.arrayBuffer().catch(() => undefined);
      await sleep(wait);
      continue;
    }
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      throw new FieldworkError('API_FAILED', `Source ${ctx.source}: GET ${new URL(url).pathname} answered ${res.status} ${res.statusText}.`, {
        hint: res.status === 401 || res.status === 403 ? `Check the credential in ${paging.tokenEnv}: it needs ${paging.permission}.` : 'Try again later; the pages fetched so far were stored.',
      });
    }
    retries = 0;
    const bytes = Buffer.from(await res.arrayBuffer());
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new FieldworkError('API_FAILED', `Source ${ctx.source}: GET ${new URL(url).pathname} did not answer JSON.`, { hint: 'Check the API base URL in the source options.' });
    }
    page++;
    yield { name: paging.name(url, page), bytes, mediaType: 'application/json', body };
    url = paging.next(res, body, url);
  }
}

/** A token from the environment, or SOURCE_BAD_OPTIONS naming the variable. */
export function tokenFrom(ctx: FetchContext, envName: string, hint: string): string {
  const token = ctx.env[envName];
  if (!token) throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: the environment variable ${envName} is not set.`, { hint });
  return token;
}

/** The request part of a URL (path and query), as page names show it. */
export const requestOf = (url: string): string => url.replace(/^https?:\/\/[^/]+/, '');
