import { snapshotKindsFor } from '../collectors/index.js';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { recentDigests } from '../notify/index.js';
import { checkRunJson, checkWorkspace } from '../pipeline/check-workspace.js';
import { listJobHistory } from '../schedule/index.js';
import { FieldworkError } from '@fieldwork/core';
import { requireRole } from './auth-middleware.js';
import { artifactResponse } from './artifact-response.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { collectJson, evidenceMapOf, planOf, trendOf } from './server-data.js';
import { filterOf, runsOf } from './trend-query.js';
import { ServerError } from './server-error.js';
import { jsonResponse } from './json-stream.js';
import { asksForPage, cursorOf, isIndex, isName, nextUrlOf, pageOfList, pageRequest } from './page-cursor.js';
import { readAuditLatest, readCheckExceptions, readCheckLatest, readControls, readLedger } from './api-reads.js';
import type { ApiRead } from './api-reads.js';

const checkBody = z.object({ from: z.string().optional(), to: z.string().optional() }).strict();
const collectBody = z.object({ sources: z.array(z.string().min(1)).optional() }).strict();

/** A JSON body validated by `schema`; an empty body is `{}`. */
async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ServerError(400, 'INPUT_MALFORMED', 'The request body is not valid JSON.');
    }
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ServerError(422, 'BAD_REQUEST', `Request body${i.path.length ? ` /${i.path.join('/')}` : ''}: ${i.message}.`);
  }
  return r.data;
}

/** Page sizes of the lists not in api-reads.ts (docs/server.md, "Paging"). */
const LIST_PAGE = { defaultLimit: 100, maxLimit: 1000 };

/** The `next` field and `Link` header of a page: the cursor of the page after it, or null on the last. */
function withNext<T extends object>(c: Context, body: T, next: string | null): T & { next: string | null } {
  if (next !== null) c.header('link', `<${nextUrlOf(c.req.url, next)}>; rel="next"`);
  return { ...body, next };
}

const query = (c: Context) => (k: string) => c.req.query(k);

/** A shared read's answer through Hono: the same bytes and headers the routes always sent. */
async function send(c: Context, read: Promise<ApiRead>): Promise<Response> {
  const r = await read;
  const link: Record<string, string> = r.link === undefined ? {} : { link: r.link };
  if ('json' in r) return c.body(r.json, 200, { 'content-type': 'application/json', ...link });
  // On a Response built here, headers set through `c.header` were dropped: paged check runs and
  // audits lost their Link header (docs/server.md promises it on every page). It goes in directly.
  return jsonResponse(r.value, 200, link);
}

/**
 * The JSON API. Reads stored runs and the ledger; only POST /api/collect and POST /api/check
 * change anything, and only for owners and admins.
 */
export function apiRoutes(ctx: ServerContext): Hono<ServerEnv> {
  const api = new Hono<ServerEnv>();

  api.get('/health', async (c) => {
    await ctx.store.db.selectFrom('ledger_head').select('seq').limit(1).execute();
    return c.json({ status: 'ok' });
  });

  api.get('/whoami', (c) => c.json(c.get('principal')));

  api.get('/controls', (c) => send(c, readControls(ctx, query(c), c.req.url)));

  // The trend page's numbers: per run (oldest evidence date first) the filtered controls by status and exceptions opened/closed.
  api.get('/trends', async (c) => {
    const q = (k: string) => c.req.query(k);
    const filter = filterOf(q);
    const runs = runsOf(q);
    const { trend, facets } = await trendOf(ctx, filter, runs);
    return c.json({ filter, runs, facets, ...trend });
  });

  api.get('/check/latest', (c) => send(c, readCheckLatest(ctx, query(c), c.req.url)));

  // One control's exceptions in the latest check run, in stored order: a control with many exceptions pages here.
  api.get('/check/latest/exceptions', (c) => send(c, readCheckExceptions(ctx, query(c), c.req.url)));

  api.get('/audit/latest', (c) => send(c, readAuditLatest(ctx, query(c), c.req.url)));

  // Keyset on seq: one indexed range read per page, whatever the ledger's length. `after=SEQ` still works.
  api.get('/ledger', (c) => send(c, readLedger(ctx, query(c), c.req.url)));

  api.get('/verify', async () => jsonResponse(await ctx.store.verify({ snapshotKindsFor })));

  api.get('/evidence-map', async (c) => {
    const map = await evidenceMapOf(ctx);
    const q = (k: string) => c.req.query(k);
    if (!asksForPage(q)) return jsonResponse(map);
    const page = pageOfList(map.rows, (r) => r.control, pageRequest(q, 'evidence-map', LIST_PAGE, isName));
    return c.json(withNext(c, { ...map, rows: page.items }, page.last === null ? null : cursorOf('evidence-map', page.last)));
  });

  api.get('/plan', async (c) => c.json(await planOf(ctx)));

  // The job history's `next` is already a keyset cursor; `cursor` and the older `before` both take it.
  api.get('/jobs', async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ServerError(422, 'BAD_REQUEST', '`limit` must be 1–1000.');
    const before = c.req.query('cursor') || c.req.query('before');
    return c.json(await listJobHistory(ctx.store, { limit, ...(before ? { before } : {}) }));
  });

  api.get('/artifacts/:sha', (c) => artifactResponse(ctx, c.req.param('sha')));

  // Digest attempts, sent and failed (docs/notifications.md): who was told what, and what failed.
  api.get('/notifications', requireRole('owner', 'admin'), async (c) => {
    const req = pageRequest((k) => c.req.query(k), 'notifications', { defaultLimit: 50, maxLimit: 1000 }, isIndex);
    const rows = await recentDigests(ctx.store, req.limit + 1, req.after);
    const digests = rows.slice(0, req.limit);
    return c.json(withNext(c, { digests }, rows.length > req.limit ? cursorOf('notifications', digests.at(-1)!.id) : null));
  });

  api.get('/tokens', requireRole('admin'), (c) => {
    const tokens = ctx.tokens().map((t) => ({ name: t.name, role: t.role, sha256Prefix: t.sha256.slice(0, 12) }));
    const q = (k: string) => c.req.query(k);
    if (!asksForPage(q)) return c.json({ tokens });
    const page = pageOfList(tokens, (t) => `${t.name}\u0000${t.sha256Prefix}`, pageRequest(q, 'tokens', LIST_PAGE, isName));
    return c.json(withNext(c, { tokens: page.items }, page.last === null ? null : cursorOf('tokens', page.last)));
  });

  api.post('/collect', requireRole('owner', 'admin'), async (c) => {
    const { sources } = await body(c, collectBody);
    const ws = ctx.workspace();
    const outcomes = await ctx.exclusive(() => collectWorkspace(ws, ctx.store, { only: sources, env: ctx.env }));
    if (sources && outcomes.length === 0) throw new FieldworkError('USAGE', `No source named ${sources.join(', ')}.`, { hint: 'Source names are the `name` fields in fieldwork.yaml (or the kind when unnamed).' });
    return c.json({ ok: outcomes.every((o) => o.status !== 'failed'), ...collectJson(outcomes) });
  });

  api.post('/check', requireRole('owner', 'admin'), async (c) => {
    const flags = await body(c, checkBody);
    const ws = ctx.workspace();
    const run = await ctx.exclusive(() => checkWorkspace(ws, ctx.store, flags, ctx.now()));
    // The stored time, so this answer and GET /api/check/latest agree to the millisecond.
    const row = await ctx.store.db.selectFrom('runs').select('created_at').where('id', '=', run.runId).executeTakeFirst();
    return c.json({ runId: run.runId, createdAt: row?.created_at ?? run.createdAt, ...checkRunJson(run, run.controls) });
  });

  api.all('*', () => {
    throw new ServerError(404, 'NOT_FOUND', 'No such API route.', 'See docs/server.md for the routes.');
  });
  return api;
}
