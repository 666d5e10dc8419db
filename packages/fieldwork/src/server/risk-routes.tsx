import { isFieldworkError, recordsOf, risksSection } from '@fieldwork/core';
import type { RiskRecord } from '@fieldwork/core';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { registerFileOf, requireRegisterFile, writeRiskEntry } from '../risks/index.js';
import { canAct, requireRole } from './auth-middleware.js';
import { frameOf, renderPage } from './dashboard-routes.js';
import { formValuesOf, RiskFormPage } from './pages/risk-form-page.js';
import type { RiskFormValues } from './pages/risk-form-page.js';
import { RisksPage } from './pages/risks-page.js';
import { riskEntryFromForm, riskFormValues } from './risk-form.js';
import type { ServerContext, ServerEnv } from './server-context.js';
import { latestCheck } from './server-data.js';
import { ServerError } from './server-error.js';

/** Risk-assessment controls whose findings name a risk id. */
const RISK_CHECKS = new Set(['risk.review_overdue', 'risk.high_untreated', 'risk.agent_unlinked']);

async function currentRisks(ctx: ServerContext): Promise<RiskRecord[]> {
  return recordsOf(await ctx.store.loadRecords(['risk']), 'risk').sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
}

/** The Risks page, and the forms owners and admins use to edit the register (written to its YAML, then re-collected). */
export function riskRoutes(ctx: ServerContext): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const section = () => risksSection(ctx.workspace().config as Record<string, unknown>);

  app.get('/risks', async (c) => {
    const ws = ctx.workspace();
    const view = c.req.query('view') === 'inherent' ? 'inherent' : 'residual';
    const check = await latestCheck(ctx);
    const saved = c.req.query('saved');
    return renderPage(c, (
      <RisksPage
        frame={frameOf(ctx, c)}
        risks={await currentRisks(ctx)}
        section={section()}
        view={view}
        canEdit={canAct(c.get('principal').role)}
        registerPath={registerFileOf(ws)?.path}
        results={(check?.data.results ?? []).filter((r) => r.check !== null && RISK_CHECKS.has(r.check))}
        notice={saved ? `Saved ${saved} to the register and collected it as new evidence; run check to update the findings.` : undefined}
      />
    ));
  });

  app.get('/risks/new', requireRole('owner', 'admin'), (c) => renderPage(c, <RiskFormPage frame={frameOf(ctx, c)} mode="add" values={{ category: 'security' }} section={section()} />));

  app.get('/risks/:id/edit', requireRole('owner', 'admin'), async (c) => {
    const r = (await currentRisks(ctx)).find((x) => x.id === c.req.param('id'));
    if (!r) throw new ServerError(404, 'NOT_FOUND', `No risk ${c.req.param('id')} in the collected register.`, 'Risks are listed on /risks; collect after editing the file by hand.');
    return renderPage(c, <RiskFormPage frame={frameOf(ctx, c)} mode="edit" values={formValuesOf(r)} section={section()} />);
  });

  const save = (mode: 'edit' | 'add') => async (c: Context<ServerEnv>) => {
    let values: RiskFormValues;
    try {
      values = riskFormValues(await c.req.parseBody());
    } catch {
      throw new ServerError(400, 'BAD_REQUEST', 'The risk form could not be read.', 'Post the form as application/x-www-form-urlencoded or multipart/form-data.');
    }
    if (mode === 'edit') values.id = c.req.param('id');
    const ws = ctx.workspace();
    const register = requireRegisterFile(ws);
    try {
      await ctx.exclusive(async () => {
        writeRiskEntry(register.file, riskEntryFromForm(values), { mode, root: ws.dir, scale: section().scale });
        await collectWorkspace(ws, ctx.store, { env: ctx.env, only: [register.source] });
      });
    } catch (e) {
      if (isFieldworkError(e) && e.code.startsWith('INPUT_') && e.code !== 'INPUT_UNSAFE_PATH') {
        return renderPage(c, <RiskFormPage frame={frameOf(ctx, c)} mode={mode} values={values} section={section()} error={`${e.message}${e.hint ? ` ${e.hint}` : ''}`} />, 400);
      }
      throw e;
    }
    return c.redirect(`/risks?saved=${encodeURIComponent(values.id ?? '')}#risk-${encodeURIComponent(values.id ?? '')}`, 303);
  };
  app.post('/risks', requireRole('owner', 'admin'), save('add'));
  app.post('/risks/:id', requireRole('owner', 'admin'), save('edit'));

  return app;
}
