import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ServerRole } from './server-config.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { ServerError } from './server-error.js';
import { findToken } from './server-tokens.js';

/** The login cookie: the token itself, HttpOnly and SameSite=Strict (never readable by scripts or sent cross-site). */
export const AUTH_COOKIE = 'fieldwork_token';

const PUBLIC = new Set(['/api/health', '/login', '/logout', '/assets/fieldwork.css', '/assets/htmx.min.js']);

/**
 * Authenticates every request except health, login and static assets: `Authorization: Bearer`
 * first, else the login cookie. API calls without a valid token get 401; browsers are sent to
 * the login form. A cookie-authenticated POST from another origin is refused (CSRF).
 */
export function authMiddleware(ctx: ServerContext): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (PUBLIC.has(c.req.path)) return next();
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
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(c.req.header('origin'), c.req.header('host'))) {
      throw new ServerError(403, 'FORBIDDEN', 'Cross-origin request refused.', 'Post from the dashboard itself, or use a bearer token.');
    }
    c.set('principal', principal);
    c.set('authVia', 'cookie');
    return next();
  };
}

// Browsers send Origin on every cross-origin POST; a missing Origin is a same-origin or non-browser client.
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Lets only these roles through; others get 403 (auditors are read-only). */
export function requireRole(...roles: ServerRole[]): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (!roles.includes(p.role)) {
      throw new ServerError(403, 'FORBIDDEN', `The ${p.role} role may not do this (needs ${roles.join(' or ')}).`, p.role === 'auditor' ? 'Auditors have read-only access; ask the compliance owner to run it.' : undefined);
    }
    return next();
  };
}

/** True when the role may start collections and checks. */
export const canAct = (role: ServerRole) => role === 'owner' || role === 'admin';
