import { parse as parseCookies } from 'hono/utils/cookie';
import type { ServerContext } from './server-context.js';
import { ServerError } from './server-error.js';
import { findToken } from './server-tokens.js';
import type { Principal } from './server-tokens.js';

/** The login cookie: the token itself, HttpOnly and SameSite=Strict (never readable by scripts or sent cross-site). */
export const AUTH_COOKIE = 'fieldwork_token';

const PUBLIC = new Set(['/api/health', '/login', '/logout', '/assets/fieldwork.css', '/assets/htmx.min.js', '/assets/icon.svg']);

/** What authentication reads from a request, whichever server layer received it. */
export interface AuthRequest {
  method: string;
  path: string;
  /** The Host header (or the URL's host when absent). */
  host: string;
  /** The port the socket was accepted on; undefined for in-process requests. */
  localPort: number | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  /** The query string with its `?` (or ''); asked only for a browser's sign-in redirect. */
  search: () => string;
}

/** Who a request is, or that it needs nobody (public paths), or where a browser signs in. */
export type AuthOutcome =
  | { kind: 'public' }
  | { kind: 'principal'; principal: Principal; via: 'bearer' | 'cookie' | 'local' }
  | { kind: 'sign-in'; location: string };

/**
 * Authenticates one request: `Authorization: Bearer` first, else the login cookie. Refusals
 * throw {@link ServerError} (401 for the API, 403 for a foreign Host or origin). The Hono
 * middleware and the fast read path both call this, so both apply the same rules.
 *
 * On an --insecure-local server, where nobody signs in, a request whose Host is not a loopback
 * name for this server's port is refused: that is a DNS-rebinding page reading or acting. Any
 * non-GET/HEAD request from another origin is refused (CSRF), in every mode.
 *
 * @example
 * const who = authenticate(ctx, { method: 'GET', path: '/api/ledger', host: '127.0.0.1:8080', localPort: 8080, authorization: 'Bearer fwk_…', cookie: undefined, origin: undefined, fetchSite: undefined, search: () => '' })
 */
export function authenticate(ctx: ServerContext, r: AuthRequest): AuthOutcome {
  if (ctx.auth.mode === 'insecure-local' && !isLoopbackHost(r.host, r.localPort)) {
    throw new ServerError(403, 'FORBIDDEN', `Host "${r.host}" is not this machine; an --insecure-local server answers only 127.0.0.1, localhost and [::1].`, 'Open the URL `fieldwork serve` printed; to share the dashboard, serve with tokens instead.');
  }
  if (r.method !== 'GET' && r.method !== 'HEAD' && !sameOrigin(r.origin, r.fetchSite, r.host)) {
    throw new ServerError(403, 'FORBIDDEN', 'Cross-origin request refused.', 'Post from the dashboard itself, or use a bearer token.');
  }
  // One-time acknowledgement links: the token in the path is the credential (ack-routes.tsx).
  if (PUBLIC.has(r.path) || r.path.startsWith('/ack/')) return { kind: 'public' };
  if (ctx.auth.mode === 'insecure-local') return { kind: 'principal', principal: { name: 'local', role: 'admin' }, via: 'local' };
  if (r.authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(r.authorization);
    const principal = m ? findToken(m[1], ctx.tokens()) : undefined;
    if (!principal) throw new ServerError(401, 'UNAUTHORIZED', m ? 'The bearer token is not valid.' : 'The Authorization header must be `Bearer <token>`.', 'Create a token with `fieldwork serve token create` and add its sha256 to fieldwork.yaml.');
    return { kind: 'principal', principal, via: 'bearer' };
  }
  const cookie = r.cookie ? parseCookies(r.cookie, AUTH_COOKIE)[AUTH_COOKIE] : undefined;
  const principal = cookie ? findToken(cookie, ctx.tokens()) : undefined;
  if (!principal) {
    if (r.path.startsWith('/api/')) throw new ServerError(401, 'UNAUTHORIZED', 'Sign in: send `Authorization: Bearer <token>`.', 'Create a token with `fieldwork serve token create`.');
    const target = r.method === 'GET' ? r.path + r.search() : '/';
    return { kind: 'sign-in', location: `/login?next=${encodeURIComponent(target)}` };
  }
  return { kind: 'principal', principal, via: 'cookie' };
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
