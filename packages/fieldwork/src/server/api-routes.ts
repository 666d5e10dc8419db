import { snapshotKindsFor } from '../collectors/index.js';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { recentDigests } from '../notify/index.js';
import { checkRunJson, checkWorkspace } from '../pipeline/check-workspace.js';
import { resolveControls } from '../workspace/index.js';
import { listJobHistory } from '../schedule/index.js';
import { FieldworkError } from '@fieldwork/core';
import { requireRole } from './auth-middleware.js';
import { artifactResponse } from './artifact-response.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { checkJson, collectJson, evidenceMapOf, latestAudit, latestCheck, latestTypeOne, planOf, trendOf } from './server-data.js';
import { filterOf, runsOf } from './trend-query.js';
import { ServerError } from './server-error.js';

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

const notYet = (what: string, how: string) => new ServerError(404, 'NOT_FOUND', `No ${what} stored yet.`, how);

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

  api.get('/controls', (c) => c.json({ controls: resolveControls(ctx.workspace().config) }));

  // The trend page's numbers: per run (oldest evidence date first) the filtered controls by status and exceptions opened/closed.
  api.get('/trends', async (c) => {
    const q = (k: string) => c.req.query(k);
    const filter = filterOf(q);
    const runs = runsOf(q);
    const { trend, facets } = await trendOf(ctx, filter, runs);
    return c.json({ filter, runs, facets, ...trend });
  });

  api.get('/check/latest', async (c) => {
    const run = await latestCheck(ctx);
    if (!run) throw notYet('check run', 'Run `fieldwork check`, or POST /api/check as an owner.');
    return c.json(checkJson(ctx, run));
  });

  api.get('/audit/latest', async (c) => {
    const type = c.req.query('type') ?? '2';
    if (type !== '1' && type !== '2') throw new ServerError(422, 'BAD_REQUEST', '`type` must be 1 or 2.');
    const run = type === '1' ? await latestTypeOne(ctx) : await latestAudit(ctx);
    if (!run) throw notYet(type === '1' ? 'Type I assessment' : 'mock audit', 'Run `fieldwork audit` first.');
    return c.json({ runId: run.id, createdAt: run.createdAt, ...run.data });
  });

  api.get('/ledger', async (c) => {
    const after = Number(c.req.query('after') ?? 0);
    const limit = Number(c.req.query('limit') ?? 1000);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new ServerError(422, 'BAD_REQUEST', '`after` must be a sequence number ≥ 0 and `limit` 1–10000.');
    }
    const ledger = await ctx.store.ledger();
    const entries = ledger.filter((e) => e.seq > after).slice(0, limit);
    const head = ledger.at(-1);
    return c.json({ head: head ? { seq: head.seq, hash: head.hash } : null, entries });
  });

  api.get('/verify', async (c) => c.json(await ctx.store.verify({ snapshotKindsFor })));

  api.get('/evidence-map', async (c) => c.json(await evidenceMapOf(ctx)));

  api.get('/plan', async (c) => c.json(await planOf(ctx)));

  api.get('/jobs', async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ServerError(422, 'BAD_REQUEST', '`limit` must be 1–1000.');
    const before = c.req.query('before');
    return c.json(await listJobHistory(ctx.store, { limit, ...(before ? { before } : {}) }));
  });

  api.get('/artifacts/:sha', (c) => artifactResponse(ctx, c.req.param('sha')));

  // Digest attempts, sent and failed (docs/notifications.md): who was told what, and what failed.
  api.get('/notifications', requireRole('owner', 'admin'), async (c) => c.json({ digests: await recentDigests(ctx.store, 50) }));

  api.get('/tokens', requireRole('admin'), (c) => c.json({ tokens: ctx.tokens().map((t) => ({ name: t.name, role: t.role, sha256Prefix: t.sha256.slice(0, 12) })) }));

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
