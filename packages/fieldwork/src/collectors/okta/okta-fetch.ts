import { FieldworkError } from '@fieldwork/core/errors';
import type { FetchContext, FetchedArtifact } from '../collector.js';
import type { OktaOptions } from './okta-config.js';

/** The `next` URL of an RFC 8288 `Link` header, if any. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Pages through the System Log API following `Link: rel="next"`, waiting out 429 responses
 * until `x-rate-limit-reset`. Each page is one artifact.
 */
export async function* fetchOktaLogs(options: OktaOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const token = ctx.env[options.tokenEnv];
  if (!token) {
    throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: the environment variable ${options.tokenEnv} is not set.`, { hint: 'Create a read-only API token in Okta (Security → API → Tokens) and export it in that variable.' });
  }
  const params = new URLSearchParams({ limit: String(options.limit), sortOrder: 'ASCENDING' });
  if (options.since) params.set('since', options.since);
  if (options.until) params.set('until', options.until);
  if (options.filter) params.set('filter', options.filter);
  let url: string | undefined = `${options.orgUrl!.replace(/\/$/, '')}/api/v1/logs?${params}`;
  let page = 0;
  let retries = 0;
  while (url && page < options.maxPages) {
    const res = await ctx.fetch(url, { headers: { Authorization: `SSWS ${token}`, Accept: 'application/json' } });
    if (res.status === 429 && retries < 5) {
      retries++;
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      const wait = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : 1000 * 2 ** retries;
      ctx.log(`okta: rate limited, waiting ${Math.ceil(wait / 1000)}s`);
      await sleep(Math.min(wait, 60_000));
      continue;
    }
    if (!res.ok) {
      throw new FieldworkError('API_FAILED', `Source ${ctx.source}: GET ${new URL(url).pathname} answered ${res.status} ${res.statusText}.`, {
        hint: res.status === 401 || res.status === 403 ? `Check the token in ${options.tokenEnv} and that it may read the System Log.` : 'Try again later; the pages fetched so far were not stored.',
      });
    }
    retries = 0;
    const bytes = Buffer.from(await res.arrayBuffer());
    page++;
    yield { name: `GET ${url.replace(/^https?:\/\/[^/]+/, '')} (page ${page})`, bytes, mediaType: 'application/json' };
    const next = nextLink(res.headers.get('link'));
    // The System Log keeps a `next` link open for polling; an empty page means we are caught up.
    if (bytes.toString('utf8').trim() === '[]') break;
    url = next;
  }
}
