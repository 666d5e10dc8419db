import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ackRoutes } from './ack-routes.js';
import { apiRoutes } from './api-routes.js';
import { authMiddleware } from './auth-middleware.js';
import { bodyLimits } from './body-limits.js';
import { DASHBOARD_CSS, DASHBOARD_ICON, readHtmx } from './dashboard-assets.js';
import { dashboardRoutes, frameOf, renderPage } from './dashboard-routes.js';
import { evidenceRoutes } from './evidence-routes.js';
import { ServerContext } from './server-context.js';
import type { ServerEnv, ServerOptions } from './server-context.js';
import { ServerError, toErrorResponse } from './server-error.js';
import { ErrorPage } from './pages/error-page.js';

// Pages load only our own stylesheet and (optionally) htmx; nothing inline, nothing third-party.
const PAGE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The Fieldwork server as a Hono app: the JSON API under /api, the dashboard at /, token auth
 * with roles (admin, owner, auditor, approver). Test it with `app.request(...)`; serve it with
 * {@link startServer}. `ctx` is the instance's shared state (startServer shares it with its fast
 * read path); a new one by default.
 *
 * @example
 * const app = createServerApp({ workspaceDir, store, auth: { mode: 'tokens', tokens: [] } })
 * const res = await app.request('/api/health')
 */
export function createServerApp(options: ServerOptions, ctx: ServerContext = new ServerContext(options)): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.header('content-security-policy', PAGE_CSP);
      c.header('x-frame-options', 'DENY');
      c.header('cache-control', 'no-store');
    }
    // API answers and evidence carry check results and personal data: no browser or proxy keeps them.
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store');
  });

  app.use('*', bodyLimits());

  app.get('/assets/fieldwork.css', (c) => c.body(DASHBOARD_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }));
  app.get('/assets/icon.svg', (c) => c.body(DASHBOARD_ICON, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' }));
  app.get('/assets/htmx.min.js', (c) => {
    const js = readHtmx(ctx.workspaceDir);
    if (!js) throw new ServerError(404, 'NOT_FOUND', 'htmx is not installed in this workspace.', 'Place htmx.min.js in <workspace>/.fieldwork/assets/ (optional).');
    return c.body(new Uint8Array(js), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' });
  });

  app.use('*', authMiddleware(ctx));
  const evidence = evidenceRoutes(ctx);
  app.route('/api/evidence', evidence.api);
  app.route('/ack', ackRoutes(ctx));
  app.route('/api', apiRoutes(ctx));
  app.route('/evidence', evidence.pages);
  app.route('/', dashboardRoutes(ctx));

  app.notFound((c) => onError(ctx, c, new ServerError(404, 'NOT_FOUND', `Nothing at ${c.req.path}.`)));
  app.onError((e, c) => onError(ctx, c, e));
  return app;
}

async function onError(ctx: ServerContext, c: Context<ServerEnv>, e: unknown): Promise<Response> {
  const { status, body } = toErrorResponse(e);
  if (status >= 500 && !(e instanceof ServerError)) {
    process.stderr.write(`fieldwork serve: ${c.req.method} ${c.req.path}: ${e instanceof Error ? (process.env.FIELDWORK_DEBUG ? e.stack : e.message) : String(e)}\n`);
  }
  if (status === 401) c.header('www-authenticate', 'Bearer realm="fieldwork"');
  if (c.req.path.startsWith('/api/') || c.req.path === '/api' || c.req.header('accept')?.includes('application/json')) {
    return c.json(body, status as ContentfulStatusCode);
  }
  return renderPage(c, <ErrorPage frame={frameOf(ctx, c)} status={status} message={body.error.message} hint={body.error.hint} />, status as ContentfulStatusCode);
}
