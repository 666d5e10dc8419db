import type { FetchContext, FetchedArtifact } from '../collector.js';
import { fetchApiPages, requestOf, tokenFrom } from '../identity/api-pages.js';
import { SNAPSHOT_MARK } from '../identity/roster-time.js';
import type { EntraUsersOptions } from './entra-users-config.js';

const SELECT = ['id', 'userPrincipalName', 'mail', 'displayName', 'accountEnabled', 'userType', 'createdDateTime'];

/** The `@odata.nextLink` of a Graph collection page. */
export const odataNext = (_res: Response, body: unknown): string | undefined => {
  const next = (body as { '@odata.nextLink'?: unknown } | null)?.['@odata.nextLink'];
  return typeof next === 'string' ? next : undefined;
};

/**
 * Fetches the roster: every page of `GET /v1.0/users?$select=…,signInActivity`, then every page
 * of the `userRegistrationDetails` report, following `@odata.nextLink`. Each page is one
 * artifact whose name carries the roster's time.
 */
export async function* fetchEntraUsers(options: EntraUsersOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const token = tokenFrom(ctx, options.tokenEnv, 'Get a Microsoft Graph access token for an app with User.Read.All, AuditLog.Read.All and UserAuthenticationMethod.Read.All (application permissions) and export it in that variable.');
  const taken = (ctx.now?.() ?? new Date()).toISOString();
  const base = (options.graphUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '');
  const common = { headers: { Authorization: `Bearer ${token}` }, tokenEnv: options.tokenEnv, maxPages: options.maxPages, next: odataNext, name: (url: string, n: number) => `GET ${requestOf(url)} (${SNAPSHOT_MARK} ${taken}, page ${n})` };
  const select = [...SELECT, ...(options.signInActivity ? ['signInActivity'] : [])].join(',');
  yield* fetchApiPages({ ...common, url: `${base}/v1.0/users?$select=${select}&$top=${options.top}`, permission: `User.Read.All${options.signInActivity ? ' and AuditLog.Read.All (signInActivity)' : ''}` }, ctx);
  if (options.registration) {
    yield* fetchApiPages({ ...common, url: `${base}/v1.0/reports/authenticationMethods/userRegistrationDetails`, permission: 'AuditLog.Read.All or UserAuthenticationMethod.Read.All (registration report)' }, ctx);
  }
}
