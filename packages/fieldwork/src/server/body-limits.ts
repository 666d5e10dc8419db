import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerEnv } from './server-context.js';
import { ServerError } from './server-error.js';

/** Largest request body per route, in bytes. Anything unlisted takes {@link DEFAULT_BODY_LIMIT}. */
export const BODY_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  // A token and a `next` path: a few hundred bytes in practice.
  'POST /login': 4 * 1024,
  // `{ from, to }` and a list of source names.
  'POST /api/check': 16 * 1024,
  'POST /api/collect': 16 * 1024,
  // Evidence uploads: the largest file by default (25 MB) plus the form around it; a workspace's
  // smaller evidence.maxFileBytes is enforced on the file itself.
  'POST /evidence/submit': 26 * 1024 * 1024,
  // A submission id, a decision and a reason.
  'POST /evidence/decide': 8 * 1024,
  // Dashboard buttons post nothing.
  'POST /logout': 1024,
  'POST /actions/check': 1024,
  'POST /actions/collect': 1024,
});

/** No route reads a larger body; the cap applies before authentication, to everyone. */
export const DEFAULT_BODY_LIMIT = 1024;

/**
 * Refuses a request body over its route's limit with 413, before authentication and before any
 * route reads it: a declared Content-Length is refused without reading a byte, and a chunked
 * body is read only up to the limit. One oversized POST can no longer hold the whole body in
 * memory.
 */
export function bodyLimits(limits: Readonly<Record<string, number>> = BODY_LIMITS): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    // GET and HEAD carry no body on Node's server; looking for one would build the full Request
    // object for every read (a measurable share of a ledger page's cost), so they pass untouched.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const maxSize = limits[`${c.req.method} ${c.req.path}`] ?? DEFAULT_BODY_LIMIT;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new ServerError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxSize} bytes, the most ${c.req.method} ${c.req.path} accepts.`);
      },
    })(c, next);
  };
}
