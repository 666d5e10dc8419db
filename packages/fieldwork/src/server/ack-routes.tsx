import { Hono } from 'hono';
import type { Context } from 'hono';
import { parsePolicy, findAckLink, POLICIES_DIR, recordAckFromLink } from '../policies/index.js';
import type { AckLinkState } from '../policies/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frameOf, renderPage } from './dashboard-routes.js';
import { clientAddress, LoginRateLimiter } from './login-rate-limit.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { ServerError } from './server-error.js';
import { AckPage, AckRecordedPage } from './pages/ack-page.js';

const REFUSED = {
  unknown: [404, 'NOT_FOUND', 'This acknowledgement link is not valid.'],
  expired: [410, 'GONE', 'This acknowledgement link has expired.'],
  spent: [410, 'GONE', 'This acknowledgement link was already used.'],
} as const;

/**
 * `/ack/:token`: the person-scoped, one-time policy acknowledgement links of `fieldwork policy
 * ack-links`. Public (the token is the credential); POST only from this origin (the auth
 * middleware refuses cross-origin posts); bad tokens are rate-limited per client like sign-ins.
 */
export function ackRoutes(ctx: ServerContext): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const limiter = new LoginRateLimiter();

  const guard = (c: Context<ServerEnv>) => {
    const wait = limiter.retryAfter(clientAddress(c.env), ctx.now().getTime());
    if (wait > 0) {
      c.header('retry-after', String(wait));
      throw new ServerError(429, 'TOO_MANY_REQUESTS', 'Too many invalid acknowledgement links from this address.', `Try again in ${Math.ceil(wait / 60)} minute(s).`);
    }
  };
  const refuse = (c: Context<ServerEnv>, why: keyof typeof REFUSED): never => {
    limiter.fail(clientAddress(c.env), ctx.now().getTime());
    const [status, code, message] = REFUSED[why];
    throw new ServerError(status, code, message, 'Ask the compliance owner for a new link (fieldwork policy ack-links).');
  };
  // The text on file, when it is still the text the link names.
  const textOf = (link: AckLinkState): { body?: string; changed: boolean } => {
    const file = join(ctx.workspaceDir, POLICIES_DIR, `${link.policy}.md`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(link.policy) || !existsSync(file)) return { changed: false };
    const p = parsePolicy(readFileSync(file, 'utf8'), `${POLICIES_DIR}/${link.policy}.md`);
    return link.bodySha256 && p.bodySha256 !== link.bodySha256 ? { changed: true } : { body: p.body, changed: false };
  };

  app.get('/:token', async (c) => {
    guard(c);
    const token = c.req.param('token');
    const link = await findAckLink(ctx.store, token, ctx.now());
    if (!link) return refuse(c, 'unknown');
    if (link.refused) return refuse(c, link.refused);
    const text = textOf(link);
    return renderPage(c, <AckPage frame={frameOf(ctx, c)} token={token} link={link} body={text.body} textChanged={text.changed} />);
  });

  app.post('/:token', async (c) => {
    guard(c);
    const token = c.req.param('token');
    const link = await findAckLink(ctx.store, token, ctx.now());
    if (!link) return refuse(c, 'unknown');
    if (link.refused) return refuse(c, link.refused);
    if (textOf(link).changed) throw new ServerError(409, 'CONFLICT', 'The policy text has changed since this link was issued.', 'Ask the compliance owner for a link to the current version.');
    const out = await ctx.exclusive(() => recordAckFromLink(ctx.store, token, ctx.now()));
    if ('refused' in out) return refuse(c, out.refused);
    limiter.succeed(clientAddress(c.env));
    return renderPage(c, <AckRecordedPage frame={frameOf(ctx, c)} title={link.title} ack={out.ack} />);
  });
  return app;
}
