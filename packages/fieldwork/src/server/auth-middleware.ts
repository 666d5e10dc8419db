import type { MiddlewareHandler } from 'hono';
import { authenticate } from './authenticate.js';
import type { ServerRole } from './server-config.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { ServerError } from './server-error.js';

export { AUTH_COOKIE } from './authenticate.js';

/**
 * Authenticates every request except health, login and static assets (see {@link authenticate}
 * for the rules). API calls without a valid token get 401; browsers are sent to the login form.
 */
export function authMiddleware(ctx: ServerContext): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const who = authenticate(ctx, {
      method: c.req.method,
      path: c.req.path,
      host: c.req.header('host') ?? new URL(c.req.url).host,
      localPort: localPort(c.env),
      authorization: c.req.header('authorization'),
      cookie: c.req.header('cookie'),
      origin: c.req.header('origin'),
      fetchSite: c.req.header('sec-fetch-site'),
      search: () => new URL(c.req.url).search || '',
    });
    if (who.kind === 'sign-in') return c.redirect(who.location, 303);
    if (who.kind === 'principal') {
      c.set('principal', who.principal);
      c.set('authVia', who.via);
    }
    return next();
  };
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
