import type { FetchContext, FetchedArtifact } from '../collector.js';
import { fetchApiPages, requestOf, tokenFrom } from '../identity/api-pages.js';
import { SNAPSHOT_MARK } from '../identity/roster-time.js';
import type { GoogleDirectoryOptions } from './google-directory-config.js';

/** The next page of a Google list call: the same request with `pageToken` set to the response's `nextPageToken`. */
export const googleNext = (_res: Response, body: unknown, url: string): string | undefined => {
  const token = (body as { nextPageToken?: unknown } | null)?.nextPageToken;
  if (typeof token !== 'string' || token === '') return undefined;
  const next = new URL(url);
  next.searchParams.set('pageToken', token);
  return next.toString();
};

/** Fetches every page of `GET /admin/directory/v1/users` (projection basic), each page one artifact named with the roster's time. */
export async function* fetchGoogleUsers(options: GoogleDirectoryOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const token = tokenFrom(ctx, options.tokenEnv, 'Get an OAuth access token with the admin.directory.user.readonly scope (a service account with domain-wide delegation, impersonating an admin) and export it in that variable.');
  const taken = (ctx.now?.() ?? new Date()).toISOString();
  const params = new URLSearchParams({ maxResults: String(options.maxResults), orderBy: 'email', projection: 'basic' });
  if (options.domain) params.set('domain', options.domain);
  else params.set('customer', options.customer);
  yield* fetchApiPages({
    url: `${options.baseUrl.replace(/\/$/, '')}/admin/directory/v1/users?${params}`,
    headers: { Authorization: `Bearer ${token}` }, tokenEnv: options.tokenEnv, permission: 'the admin.directory.user.readonly scope',
    maxPages: options.maxPages, next: googleNext,
    name: (url, n) => `GET ${requestOf(url)} (${SNAPSHOT_MARK} ${taken}, page ${n})`,
  }, ctx);
}
