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
import { jsonResponse } from './json-stream.js';
import { asksForPage, cursorOf, isIndex, isName, isRunKey, nextUrlOf, pageOfList, pageRequest } from './page-cursor.js';
import type { PageRequest } from './page-cursor.js';
import { readLedgerPage } from '../store/index.js';

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

/** Page sizes per list (docs/server.md, "Paging"). */
const LEDGER_PAGE = { defaultLimit: 1000, maxLimit: 10_000 };
const LIST_PAGE = { defaultLimit: 100, maxLimit: 1000 };


/** The `next` field and `Link` header of a page: the cursor of the page after it, or null on the last. */
function withNext<T extends object>(c: Context, body: T, next: string | null): T & { next: string | null } {
  if (next !== null) c.header('link', `<${nextUrlOf(c.req.url, next)}>; rel="next"`);
  return { ...body, next };
}

/**
 * A ledger page's entries as JSON. A page followed by a later entry can no longer change (the
 * ledger is append-only), so it is kept in the context's page cache.
 */
async function ledgerPageJson(ctx: ServerContext, key: string, limit: number, after: number | undefined): Promise<{ entries: string; next: number | null }> {
  const page = await readLedgerPage(ctx.store.db, { limit, ...(after !== undefined ? { after } : {}) });
  const entries = JSON.stringify(page.entries);
  if (page.next !== null) ctx.ledgerPages.set(key, { entries, next: page.next, count: page.entries.length, bytes: entries.length });
  return { entries, next: page.next };
}

/** A cursor from another run than the latest: the list it paged was replaced. */
function checkRunOf<K>(page: PageRequest<[number, K]>, runId: number, what: string): void {
  if (page.after && page.after[0] !== runId) {
    throw new ServerError(409, 'CONFLICT', `The cursor pages ${what} run ${page.after[0]}, but the latest is run ${runId}.`, 'Start again without `cursor` to page the latest run.');
  }
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

  api.get('/controls', (c) => {
    const controls = resolveControls(ctx.workspace().config);
    const q = (k: string) => c.req.query(k);
    if (!asksForPage(q)) return c.json({ controls });
    const page = pageOfList(controls, (x) => x.id, pageRequest(q, 'controls', LIST_PAGE, isName));
    return c.json(withNext(c, { controls: page.items }, page.last === null ? null : cursorOf('controls', page.last)));
  });

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
    const body = checkJson(ctx, run);
    const q = (k: string) => c.req.query(k);
    if (!asksForPage(q)) return jsonResponse(body);
    const req = pageRequest(q, 'check', LIST_PAGE, isRunKey(isName));
    checkRunOf(req, run.id, 'check');
    const page = pageOfList(body.results, (r) => r.control, { limit: req.limit, after: req.after?.[1] });
    return jsonResponse(withNext(c, { ...body, results: page.items }, page.last === null ? null : cursorOf('check', [run.id, page.last])));
  });

  // One control's exceptions in the latest check run, in stored order: a control with many exceptions pages here.
  api.get('/check/latest/exceptions', async (c) => {
    const run = await latestCheck(ctx);
    if (!run) throw notYet('check run', 'Run `fieldwork check`, or POST /api/check as an owner.');
    const control = c.req.query('control');
    const result = control ? checkJson(ctx, run).results.find((r) => r.control === control) : undefined;
    if (!result) throw new ServerError(404, 'NOT_FOUND', control ? `No result for control ${control} in check run ${run.id}.` : '`control` names the control whose exceptions to list.', 'Control ids are listed by GET /api/check/latest.');
    const req = pageRequest((k) => c.req.query(k), `exceptions:${control}`, LIST_PAGE, isRunKey(isIndex));
    checkRunOf(req, run.id, 'check');
    const start = req.after ? req.after[1] + 1 : 0;
    const shown = result.exceptions.slice(start, start + req.limit);
    const last = start + shown.length - 1;
    const next = last + 1 < result.exceptions.length ? cursorOf(`exceptions:${control}`, [run.id, last]) : null;
    return jsonResponse(withNext(c, { runId: run.id, control: result.control, total: result.exceptions.length, exceptions: shown }, next));
  });

  api.get('/audit/latest', async (c) => {
    const type = c.req.query('type') ?? '2';
    if (type !== '1' && type !== '2') throw new ServerError(422, 'BAD_REQUEST', '`type` must be 1 or 2.');
    const run = type === '1' ? await latestTypeOne(ctx) : await latestAudit(ctx);
    if (!run) throw notYet(type === '1' ? 'Type I assessment' : 'mock audit', 'Run `fieldwork audit` first.');
    const body = { runId: run.id, createdAt: run.createdAt, ...run.data };
    const q = (k: string) => c.req.query(k);
    if (!asksForPage(q)) return jsonResponse(body);
    const list = `audit${type}`;
    const req = pageRequest(q, list, LIST_PAGE, isRunKey(isName));
    checkRunOf(req, run.id, 'audit');
    const controls = (run.data as { controls: { control: string }[] }).controls;
    const page = pageOfList(controls, (x) => x.control, { limit: req.limit, after: req.after?.[1] });
    return jsonResponse(withNext(c, { ...body, controls: page.items }, page.last === null ? null : cursorOf(list, [run.id, page.last])));
  });

  // Keyset on seq: one indexed range read per page, whatever the ledger's length. `after=SEQ` still works.
  api.get('/ledger', async (c) => {
    const q = (k: string) => c.req.query(k);
    const req = pageRequest(q, 'ledger', LEDGER_PAGE, isIndex);
    const afterSeq = q('after');
    if (afterSeq !== undefined && (req.after !== undefined || !/^\d{1,15}$/.test(afterSeq))) {
      throw new ServerError(422, 'BAD_REQUEST', '`after` must be a sequence number ≥ 0 (and not given with `cursor`).');
    }
    const after = afterSeq !== undefined ? Number(afterSeq) : req.after;
    const key = `${after ?? 0}:${req.limit}`;
    const [head, cached] = await Promise.all([ctx.store.head(), ctx.ledgerPages.get(key) ?? ledgerPageJson(ctx, key, req.limit, after)]);
    const next = cached.next === null ? null : cursorOf('ledger', cached.next);
    if (next !== null) c.header('link', `<${nextUrlOf(c.req.url, next)}>; rel="next"`);
    const json = `{"head":${JSON.stringify(head ?? null)},"entries":${cached.entries},"next":${JSON.stringify(next)}}`;
    return c.body(json, 200, { 'content-type': 'application/json' });
  });

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
