import type { FetchContext, FetchedArtifact } from '../collector.js';
import { nextLink } from '../okta/okta-fetch.js';
import { fetchApiPages, requestOf, tokenFrom } from '../identity/api-pages.js';
import { SNAPSHOT_MARK } from '../identity/roster-time.js';
import type { OktaUsersOptions } from './okta-users-config.js';

/**
 * Fetches the roster: every page of `GET /api/v1/users` (Link `rel="next"` paging), then each
 * listed user's `GET /api/v1/users/{id}/factors`. Every response is one artifact whose name
 * carries the roster's time, so all pages of one run are one roster.
 */
export async function* fetchOktaUsers(options: OktaUsersOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const token = tokenFrom(ctx, options.tokenEnv, 'Create a read-only API token in Okta (Security → API → Tokens; the admin needs okta.users.read) and export it in that variable.');
  const taken = (ctx.now?.() ?? new Date()).toISOString();
  const base = options.orgUrl!.replace(/\/$/, '');
  const params = new URLSearchParams({ limit: String(options.limit) });
  if (options.search) params.set('search', options.search);
  const common = { headers: { Authorization: `SSWS ${token}` }, tokenEnv: options.tokenEnv, permission: 'okta.users.read' };
  const ids: string[] = [];
  for await (const page of fetchApiPages({
    ...common, url: `${base}/api/v1/users?${params}`, maxPages: options.maxPages,
    next: (res) => nextLink(res.headers.get('link')),
    name: (url, n) => `GET ${requestOf(url)} (${SNAPSHOT_MARK} ${taken}, page ${n})`,
  }, ctx)) {
    if (Array.isArray(page.body)) for (const u of page.body as { id?: unknown }[]) if (typeof u?.id === 'string') ids.push(u.id);
    yield page;
  }
  if (!options.factors) return;
  for (const id of ids) {
    yield* fetchApiPages({
      ...common, url: `${base}/api/v1/users/${encodeURIComponent(id)}/factors`, maxPages: 1,
      next: () => undefined,
      name: (url) => `GET ${requestOf(url)} (${SNAPSHOT_MARK} ${taken})`,
    }, ctx);
  }
}
