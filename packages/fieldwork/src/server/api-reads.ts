import { resolveControls } from '../workspace/index.js';
import { readLedgerPage } from '../store/index.js';
import { asksForPage, cursorOf, isIndex, isName, isRunKey, nextUrlOf, pageOfList, pageRequest } from './page-cursor.js';
import type { PageRequest } from './page-cursor.js';
import type { ServerContext } from './server-context.js';
import { checkJson, latestAudit, latestCheck, latestTypeOne } from './server-data.js';
import { ServerError } from './server-error.js';

/**
 * A read's answer, whichever layer writes it: `json` is sent as is (`application/json`, with a
 * Content-Length); `value` is streamed in pieces (`application/json; charset=UTF-8`, see
 * json-stream.ts). `link` is the next page's URL when there is one.
 */
export type ApiRead = { link?: string } & ({ json: string } | { value: unknown });

/** A query parameter's value as Hono reads it (first occurrence, percent-decoded). */
export type Query = (k: string) => string | undefined;

/**
 * One of the API's hot reads: a function of the request's query and URL (absolute, for the next
 * link) that either answers or throws (ServerError, FieldworkError). Both the Hono routes and the
 * fast read path (fast-reads.ts) call these, so the two cannot drift apart.
 */
export type ApiReader = (ctx: ServerContext, query: Query, url: string) => Promise<ApiRead>;

const notYet = (what: string, how: string) => new ServerError(404, 'NOT_FOUND', `No ${what} stored yet.`, how);

/** Page sizes per list (docs/server.md, "Paging"). */
export const LEDGER_PAGE = { defaultLimit: 1000, maxLimit: 10_000 };
export const LIST_PAGE = { defaultLimit: 100, maxLimit: 1000 };

const linkOf = (url: string, next: string | null): { link?: string } => (next === null ? {} : { link: `<${nextUrlOf(url, next)}>; rel="next"` });

/** A cursor from another run than the latest: the list it paged was replaced. */
function checkRunOf<K>(page: PageRequest<[number, K]>, runId: number, what: string): void {
  if (page.after && page.after[0] !== runId) {
    throw new ServerError(409, 'CONFLICT', `The cursor pages ${what} run ${page.after[0]}, but the latest is run ${runId}.`, 'Start again without `cursor` to page the latest run.');
  }
}

/**
 * A ledger page's entries as JSON. The ledger is append-only: a page followed by a later entry
 * can no longer change, and the last page stays what it is while the head does. Both are kept
 * in the context's page cache (the last page with the head it was read at).
 */
async function ledgerPageJson(ctx: ServerContext, key: string, limit: number, after: number | undefined, headSeq: number): Promise<{ entries: string; next: number | null }> {
  const hit = ctx.ledgerPages.get(key);
  if (hit && (hit.next !== null || hit.headSeq === headSeq)) return hit;
  const page = await readLedgerPage(ctx.store.db, { limit, ...(after !== undefined ? { after } : {}) });
  const entries = JSON.stringify(page.entries);
  // An entry appended between the head's read and the page's is past `headSeq`: not kept then.
  const settled = page.next !== null || (page.entries.at(-1)?.seq ?? 0) <= headSeq;
  if (settled) ctx.ledgerPages.set(key, { entries, next: page.next, count: page.entries.length, bytes: entries.length, headSeq });
  return { entries, next: page.next };
}

/** GET /api/ledger: keyset on seq, one indexed range read per page whatever the ledger's length. `after=SEQ` still works. */
export const readLedger: ApiReader = async (ctx, q, url) => {
  const req = pageRequest(q, 'ledger', LEDGER_PAGE, isIndex);
  const afterSeq = q('after');
  if (afterSeq !== undefined && (req.after !== undefined || !/^\d{1,15}$/.test(afterSeq))) {
    throw new ServerError(422, 'BAD_REQUEST', '`after` must be a sequence number ≥ 0 (and not given with `cursor`).');
  }
  const after = afterSeq !== undefined ? Number(afterSeq) : req.after;
  const head = await ctx.store.head();
  const page = await ledgerPageJson(ctx, `${after ?? 0}:${req.limit}`, req.limit, after, head?.seq ?? 0);
  const next = page.next === null ? null : cursorOf('ledger', page.next);
  return { ...linkOf(url, next), json: `{"head":${JSON.stringify(head ?? null)},"entries":${page.entries},"next":${JSON.stringify(next)}}` };
};

/** GET /api/controls: whole by default, paged on request. */
export const readControls: ApiReader = async (ctx, q, url) => {
  const controls = resolveControls(ctx.workspace().config);
  if (!asksForPage(q)) return { json: JSON.stringify({ controls }) };
  const page = pageOfList(controls, (x) => x.id, pageRequest(q, 'controls', LIST_PAGE, isName));
  const next = page.last === null ? null : cursorOf('controls', page.last);
  return { ...linkOf(url, next), json: JSON.stringify({ controls: page.items, next }) };
};

/** GET /api/check/latest: the latest check run, streamed; its results paged on request. */
export const readCheckLatest: ApiReader = async (ctx, q, url) => {
  const run = await latestCheck(ctx);
  if (!run) throw notYet('check run', 'Run `fieldwork check`, or POST /api/check as an owner.');
  const body = checkJson(ctx, run);
  if (!asksForPage(q)) return { value: body };
  const req = pageRequest(q, 'check', LIST_PAGE, isRunKey(isName));
  checkRunOf(req, run.id, 'check');
  const page = pageOfList(body.results, (r) => r.control, { limit: req.limit, after: req.after?.[1] });
  const next = page.last === null ? null : cursorOf('check', [run.id, page.last]);
  return { ...linkOf(url, next), value: { ...body, results: page.items, next } };
};

/** GET /api/check/latest/exceptions: one control's exceptions in the latest check run, in stored order. */
export const readCheckExceptions: ApiReader = async (ctx, q, url) => {
  const run = await latestCheck(ctx);
  if (!run) throw notYet('check run', 'Run `fieldwork check`, or POST /api/check as an owner.');
  const control = q('control');
  const result = control ? checkJson(ctx, run).results.find((r) => r.control === control) : undefined;
  if (!result) throw new ServerError(404, 'NOT_FOUND', control ? `No result for control ${control} in check run ${run.id}.` : '`control` names the control whose exceptions to list.', 'Control ids are listed by GET /api/check/latest.');
  const req = pageRequest(q, `exceptions:${control}`, LIST_PAGE, isRunKey(isIndex));
  checkRunOf(req, run.id, 'check');
  const start = req.after ? req.after[1] + 1 : 0;
  const shown = result.exceptions.slice(start, start + req.limit);
  const last = start + shown.length - 1;
  const next = last + 1 < result.exceptions.length ? cursorOf(`exceptions:${control}`, [run.id, last]) : null;
  return { ...linkOf(url, next), value: { runId: run.id, control: result.control, total: result.exceptions.length, exceptions: shown, next } };
};

/** GET /api/audit/latest: the latest mock audit (or Type I assessment with `type=1`), its controls paged on request. */
export const readAuditLatest: ApiReader = async (ctx, q, url) => {
  const type = q('type') ?? '2';
  if (type !== '1' && type !== '2') throw new ServerError(422, 'BAD_REQUEST', '`type` must be 1 or 2.');
  const run = type === '1' ? await latestTypeOne(ctx) : await latestAudit(ctx);
  if (!run) throw notYet(type === '1' ? 'Type I assessment' : 'mock audit', 'Run `fieldwork audit` first.');
  const body = { runId: run.id, createdAt: run.createdAt, ...run.data };
  if (!asksForPage(q)) return { value: body };
  const list = `audit${type}`;
  const req = pageRequest(q, list, LIST_PAGE, isRunKey(isName));
  checkRunOf(req, run.id, 'audit');
  const controls = (run.data as { controls: { control: string }[] }).controls;
  const page = pageOfList(controls, (x) => x.control, { limit: req.limit, after: req.after?.[1] });
  const next = page.last === null ? null : cursorOf(list, [run.id, page.last]);
  return { ...linkOf(url, next), value: { ...body, controls: page.items, next } };
};

/** The reads the fast path may answer, by exact path. None needs a role beyond being signed in. */
export const FAST_READS: ReadonlyMap<string, ApiReader> = new Map([
  ['/api/ledger', readLedger],
  ['/api/controls', readControls],
  ['/api/check/latest', readCheckLatest],
  ['/api/check/latest/exceptions', readCheckExceptions],
  ['/api/audit/latest', readAuditLatest],
]);
