import type { FetchContext, FetchedArtifact } from '../collector.js';
import { fetchApiPages, requestOf, tokenFrom } from '../identity/api-pages.js';
import { odataNext } from '../entra-users/entra-users-fetch.js';
import type { EntraSignInsOptions } from './entra-sign-ins-config.js';

/** Pages through `GET /auditLogs/signIns` (filtered by `createdDateTime`), following `@odata.nextLink`; each page one artifact. */
export async function* fetchEntraSignIns(options: EntraSignInsOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const token = tokenFrom(ctx, options.tokenEnv, 'Get a Microsoft Graph access token for an app with AuditLog.Read.All (application permission; sign-in logs need Entra ID P1) and export it in that variable.');
  const base = (options.graphUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '');
  const filter = [options.since ? `createdDateTime ge ${options.since}` : '', options.until ? `createdDateTime lt ${options.until}` : ''].filter(Boolean).join(' and ');
  const params = new URLSearchParams({ $top: String(options.top) });
  if (filter) params.set('$filter', filter);
  yield* fetchApiPages({
    url: `${base}/${options.apiVersion}/auditLogs/signIns?${params}`,
    headers: { Authorization: `Bearer ${token}` }, tokenEnv: options.tokenEnv, permission: 'AuditLog.Read.All',
    maxPages: options.maxPages, next: odataNext,
    name: (url, n) => `GET ${requestOf(url)} (page ${n})`,
  }, ctx);
}
