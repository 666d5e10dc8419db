import { snapshotKindsFor } from '../collectors/index.js';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { checkWorkspace, summarize } from '../pipeline/check-workspace.js';
import { loadTrustedKey, readCheckpointFiles, workspaceCheckpointFiles } from '../evidence/index.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { resolveControls } from '../workspace/index.js';
import { AUTH_COOKIE, canAct, requireRole } from './auth-middleware.js';
import { hasHtmx } from './dashboard-assets.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { filterResults, latestAudit, latestCheck, ownerNameOf, planOf, resultsByUrgency, sourcesWithLastCollection, trendOf } from './server-data.js';
import { DEFAULT_RUNS, filterOf, runsOf } from './trend-query.js';
import { ServerError } from './server-error.js';
import { clientAddress } from './login-rate-limit.js';
import { safeNext } from './safe-next.js';
import { findToken } from './server-tokens.js';
import { ControlPage } from './pages/control-page.js';
import type { Frame } from './pages/layout.js';
import { LedgerPage, VerifyPage } from './pages/ledger-page.js';
import { LoginPage } from './pages/login-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { PlanPage } from './pages/plan-page.js';
import { TrendsPage } from './pages/trends-page.js';
import { criteriaById } from '@fieldwork/core';
import { AiRegisterPage } from './pages/ai-register-page.js';
import { FrameworkPage, FrameworksPage } from './pages/frameworks-page.js';
import { aiRegisterOfWorkspace } from '../pipeline/ai-register-workspace.js';
import { frameworkCoverage, findFramework } from '@fieldwork/core';
import { resolveFrameworks } from '../workspace/index.js';
import { JobsPage } from './pages/jobs-page.js';
import { compileSchedule, listJobHistory } from '../schedule/index.js';
import { riskRoutes } from './risk-routes.js';
import { cursorOf, isIndex, pageRequest } from './page-cursor.js';
import { latestEntryPerSource, readLedgerPage } from '../store/index.js';

/** Renders a page as a full HTML document. */
export async function renderPage(c: Context, node: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await node}`, status);
}

/** The frame of a page: organization, signed-in principal, whether htmx is available. */
export function frameOf(ctx: ServerContext, c: Context<ServerEnv>): Frame {
  let organization = 'Fieldwork';
  try {
    organization = ctx.workspace().config.organization;
  } catch {
    // A broken fieldwork.yaml still gets an error page, titled generically.
  }
  return { organization, principal: c.get('principal'), htmx: hasHtmx(ctx.workspaceDir), signOut: ctx.auth.mode === 'tokens' };
}

const count = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

function noticeOf(q: (k: string) => string | undefined): string | undefined {
  if (q('done') === 'check' && count(q('run')) !== undefined) return `Check run #${count(q('run'))} stored: ${count(q('exceptions')) ?? 0} exception(s).`;
  if (q('done') === 'collect') return `Collection finished: ${count(q('collected')) ?? 0} source(s) with new evidence, ${count(q('unchanged')) ?? 0} unchanged, ${count(q('failed')) ?? 0} failed.`;
  return undefined;
}

/** The server-rendered dashboard: plain links and forms, readable without JavaScript. */
export function dashboardRoutes(ctx: ServerContext): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/login', (c) => {
    if (ctx.auth.mode === 'insecure-local') return c.redirect('/', 303);
    return renderPage(c, <LoginPage frame={frameOf(ctx, c)} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    // Refused before the token is even compared, so a locked-out client learns nothing from guessing on.
    const client = clientAddress(c.env);
    const wait = ctx.loginLimiter.retryAfter(client, ctx.now().getTime());
    if (wait > 0) {
      c.header('retry-after', String(wait));
      throw new ServerError(429, 'TOO_MANY_REQUESTS', 'Too many failed sign-ins from this address.', `Try again in ${Math.ceil(wait / 60)} minute(s).`);
    }
    // Counted as failed until it succeeds, so a burst of parallel guesses cannot all pass the check above.
    ctx.loginLimiter.fail(client, ctx.now().getTime());
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ServerError(400, 'BAD_REQUEST', 'The sign-in form could not be read.', 'Post the form as application/x-www-form-urlencoded or multipart/form-data.');
    }
    const next = safeNext(form.next);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const principal = token && ctx.auth.mode === 'tokens' ? findToken(token, ctx.tokens()) : undefined;
    if (!principal) return renderPage(c, <LoginPage frame={frameOf(ctx, c)} next={next} failed />, 401);
    ctx.loginLimiter.succeed(client);
    setCookie(c, AUTH_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: ctx.secureCookies, maxAge: 12 * 3600 });
    return c.redirect(next, 303);
  });

  app.post('/logout', (c) => {
    deleteCookie(c, AUTH_COOKIE, { path: '/', secure: ctx.secureCookies });
    return c.redirect(ctx.auth.mode === 'insecure-local' ? '/' : '/login', 303);
  });

  app.get('/', async (c) => {
    const filter = filterOf((k) => c.req.query(k));
    const [check, audit, latest, head] = await Promise.all([latestCheck(ctx), latestAudit(ctx), latestEntryPerSource(ctx.store.db), ctx.store.head()]);
    const shown = check ? filterResults(resultsByUrgency(check.data.results), check.data.controls ?? resolveControls(ctx.workspace().config), filter) : undefined;
    return renderPage(c, (
      <OverviewPage
        frame={frameOf(ctx, c)}
        canAct={canAct(c.get('principal').role)}
        notice={noticeOf((k) => c.req.query(k))}
        check={check && shown ? { id: check.id, createdAt: check.createdAt, period: check.data.period, asOf: check.data.asOf, summary: summarize(check.data.results), results: shown.results } : undefined}
        filters={shown ? { filter, facets: shown.facets, ownerName: ownerNameOf(ctx) } : undefined}
        audit={audit ? { id: audit.id, createdAt: audit.createdAt, overall: audit.data.overall } : undefined}
        sources={sourcesWithLastCollection(ctx, latest)}
        head={head}
      />
    ));
  });

  app.get('/controls/:id', async (c) => {
    const id = c.req.param('id');
    const check = await latestCheck(ctx);
    const control = resolveControls(ctx.workspace().config).find((x) => x.id === id) ?? check?.data.controls?.find((x) => x.id === id);
    if (!control) throw new ServerError(404, 'NOT_FOUND', `No control ${id} in scope.`, 'Controls are listed on the overview.');
    const audit = await latestAudit(ctx);
    const inAudit = audit?.data.controls.find((x) => x.control === id);
    const { trend } = await trendOf(ctx, { q: id }, DEFAULT_RUNS);
    const line = trend.controls.find((x) => x.id === id);
    return renderPage(c, (
      <ControlPage
        frame={frameOf(ctx, c)}
        control={control}
        result={check?.data.results.find((r) => r.control === id)}
        checkRun={check ? { id: check.id, createdAt: check.createdAt } : undefined}
        audit={audit && inAudit ? { id: audit.id, createdAt: audit.createdAt, control: inAudit, note: audit.data.note } : undefined}
        history={line ? { names: trend.points.map((p) => `${p.asOf} (run #${p.runId})`), statuses: line.statuses } : undefined}
      />
    ));
  });

  app.get('/trends', async (c) => {
    const q = (k: string) => c.req.query(k);
    const filter = filterOf(q);
    const runs = runsOf(q);
    const { trend, facets } = await trendOf(ctx, filter, runs);
    return renderPage(c, (
      <TrendsPage frame={frameOf(ctx, c)} trend={trend} facets={facets} filter={filter} runs={runs === DEFAULT_RUNS ? undefined : runs}
        ownerName={ownerNameOf(ctx)} criterionText={(id) => criteriaById(id)?.paraphrase} />
    ));
  });

  // Newest first, a page at a time (keyset on seq), so the page costs the same at any ledger length.
  app.get('/ledger', async (c) => {
    const req = pageRequest((k) => c.req.query(k), 'ledger-page', { defaultLimit: 200, maxLimit: 1000 }, isIndex);
    const [head, page] = await Promise.all([ctx.store.head(), readLedgerPage(ctx.store.db, { limit: req.limit, order: 'desc', ...(req.after !== undefined ? { after: req.after } : {}) })]);
    const next = page.next === null ? null : cursorOf('ledger-page', page.next);
    return renderPage(c, <LedgerPage frame={frameOf(ctx, c)} entries={page.entries} head={head} next={next} first={req.after === undefined} />);
  });

  // Checked against the workspace's signed checkpoints too, as `fieldwork verify` does.
  app.get('/ledger/verify', async (c) => renderPage(c, <VerifyPage frame={frameOf(ctx, c)} result={await ctx.store.verify({ checkpoints: readCheckpointFiles(workspaceCheckpointFiles(ctx.workspaceDir), loadTrustedKey(ctx.workspaceDir), ctx.workspaceDir), snapshotKindsFor })} />));

  app.get('/jobs', async (c) => {
    const before = c.req.query('before');
    const page = await listJobHistory(ctx.store, { limit: 50, ...(before ? { before } : {}) });
    return renderPage(c, <JobsPage frame={frameOf(ctx, c)} schedule={compileSchedule(ctx.workspace()).jobs} page={page} now={ctx.now()} />);
  });

  app.route('/', riskRoutes(ctx));

  app.get('/plan', async (c) => renderPage(c, <PlanPage frame={frameOf(ctx, c)} plan={await planOf(ctx)} />));

  app.get('/ai-register', async (c) => {
    const { register, result, checkRunAt } = await aiRegisterOfWorkspace(ctx.workspace(), ctx.store, ctx.now());
    return renderPage(c, <AiRegisterPage frame={frameOf(ctx, c)} register={register} result={result} checkRunAt={checkRunAt} />);
  });

  // A framework's view reads the stored run's controls and results; it never re-runs a check.
  const frameworkViews = async () => {
    const ws = ctx.workspace();
    const check = await latestCheck(ctx);
    const controls = check?.data.controls ?? resolveControls(ws.config);
    return { frameworks: resolveFrameworks(ws, controls), controls, results: check?.data.results ?? [], checkRunAt: check?.createdAt };
  };
  app.get('/frameworks', async (c) => {
    const { frameworks, controls, results, checkRunAt } = await frameworkViews();
    return renderPage(c, <FrameworksPage frame={frameOf(ctx, c)} views={frameworks.map((f) => frameworkCoverage(f, controls, results))} checkRunAt={checkRunAt} />);
  });
  app.get('/frameworks/:id', async (c) => {
    const { frameworks, controls, results, checkRunAt } = await frameworkViews();
    const fw = findFramework(frameworks, c.req.param('id'));
    if (!fw) throw new ServerError(404, 'NOT_FOUND', `No framework ${c.req.param('id')}.`, 'Frameworks are listed at /frameworks.');
    return renderPage(c, <FrameworkPage frame={frameOf(ctx, c)} view={frameworkCoverage(fw, controls, results)} checkRunAt={checkRunAt} />);
  });

  app.post('/actions/collect', requireRole('owner', 'admin'), async (c) => {
    const ws = ctx.workspace();
    const outcomes = await ctx.exclusive(() => collectWorkspace(ws, ctx.store, { env: ctx.env }));
    const n = (s: string) => outcomes.filter((o) => o.status === s).length;
    return c.redirect(`/?done=collect&collected=${n('collected')}&unchanged=${n('unchanged')}&failed=${n('failed')}`, 303);
  });

  app.post('/actions/check', requireRole('owner', 'admin'), async (c) => {
    const ws = ctx.workspace();
    const run = await ctx.exclusive(() => checkWorkspace(ws, ctx.store, {}, ctx.now()));
    return c.redirect(`/?done=check&run=${run.runId}&exceptions=${summarize(run.results).exceptions}`, 303);
  });

  return app;
}
