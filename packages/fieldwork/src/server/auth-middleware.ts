import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ServerRole } from './server-config.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { ServerError } from './server-error.js';
import { findToken } from './server-tokens.js';

/** The login cookie: the token itself, HttpOnly and SameSite=Strict (never readable by scripts or sent cross-site). */
export const AUTH_COOKIE = 'fieldwork_token';

const PUBLIC = new Set(['/api/health', '/login', '/logout', '/assets/fieldwork.css', '/assets/htmx.min.js', '/assets/icon.svg']);

/**
 * Authenticates every request except health, login and static assets: `Authorization: Bearer`
 * first, else the login cookie. API calls without a valid token get 401; browsers are sent to
 * the login form. Any non-GET/HEAD request from another origin is refused (CSRF), in every mode.
 * On an --insecure-local server, where nobody signs in, a request whose Host is not a loopback
 * name for this server's port is refused too: that is a DNS-rebinding page reading or acting.
 */
export function authMiddleware(ctx: ServerContext): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (ctx.auth.mode === 'insecure-local' && !isLoopbackHost(host, localPort(c.env))) {
      throw new ServerError(403, 'FORBIDDEN', `Host "${host}" is not this machine; an --insecure-local server answers only 127.0.0.1, localhost and [::1].`, 'Open the URL `fieldwork serve` printed; to share the dashboard, serve with tokens instead.');
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), host)) {
      throw new ServerError(403, 'FORBIDDEN', 'Cross-origin request refused.', 'Post from the dashboard itself, or use a bearer token.');
    }
    // One-time acknowledgement links: the token in the path is the credential (ack-routes.tsx).
    if (PUBLIC.has(c.req.path) || c.req.path.startsWith('/ack/')) return next();
    if (ctx.auth.mode === 'insecure-local') {
      c.set('principal', { name: 'local', role: 'admin' });
      c.set('authVia', 'local');
      return next();
    }
    const header = c.req.header('authorization');
    const isApi = c.req.path.startsWith('/api/');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const principal = m ? findToken(m[1], ctx.tokens()) : undefined;
      if (!principal) throw new ServerError(401, 'UNAUTHORIZED', m ? 'The bearer token is not valid.' : 'The Authorization header must be `Bearer <token>`.', 'Create a token with `fieldwork serve token create` and add its sha256 to fieldwork.yaml.');
      c.set('principal', principal);
      c.set('authVia', 'bearer');
      return next();
    }
    const cookie = getCookie(c, AUTH_COOKIE);
    const principal = cookie ? findToken(cookie, ctx.tokens()) : undefined;
    if (!principal) {
      if (isApi) throw new ServerError(401, 'UNAUTHORIZED', 'Sign in: send `Authorization: Bearer <token>`.', 'Create a token with `fieldwork serve token create`.');
      const target = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/';
      return c.redirect(`/login?next=${encodeURIComponent(target)}`, 303);
    }
    c.set('principal', principal);
    c.set('authVia', 'cookie');
    return next();
  };
}

// Browsers send Origin on every cross-origin POST (and Sec-Fetch-Site when they support it); with
// neither, the client is same-origin or not a browser. Origin "null" (sandboxed frames) is foreign.
function sameOrigin(origin: string | undefined, fetchSite: string | undefined, host: string): boolean {
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

// A rebinding page's requests carry its own name in Host, so only loopback names pass. The port
// must be the one the socket was accepted on (unknown for in-process `app.request`, then any).
function isLoopbackHost(host: string, port: number | undefined): boolean {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!m || !LOOPBACK_NAMES.has(m[1])) return false;
  return port === undefined || Number(m[2] ?? 80) === port;
}

// @hono/node-server passes the Node request as `env.incoming`; other runtimes have no socket.
function localPort(env: unknown): number | undefined {
  const port = (env as { incoming?: { socket?: { localPort?: unknown } } } | undefined)?.incoming?.socket?.localPort;
  return typeof port === 'number' ? port : undefined;
}

/** Lets only these roles through; others get 403 (auditors are read-only). */
export function requireRole(...roles: ServerRole[]): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (!roles.includes(p.role)) {
      throw new ServerError(403, 'FORBIDDEN', `The ${p.role} role may not do this (needs ${roles.join(' or ')}).`, p.role === 'auditor' || p.role === 'approver' ? `${p.role === 'auditor' ? 'Auditors have' : 'Approvers have'} read-only access${p.role === 'approver' ? ' besides deciding on evidence' : ''}; ask the compliance owner to run it.` : undefined);
    }
    return next();
  };
}

/** True when the role may start collections and checks (and submit evidence). */
export const canAct = (role: ServerRole) => role === 'owner' || role === 'admin';

/** True when the role may accept or reject submitted evidence. */
export const canDecide = (role: ServerRole) => role === 'approver';
