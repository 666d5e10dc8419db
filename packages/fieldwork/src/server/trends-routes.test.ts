import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeRun } from '@fieldwork/core/history';
import type { CheckRun, ControlResult } from '@fieldwork/core';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import type { FieldworkStore } from '../store/index.js';
import { integrityWorkspace, TEST_DIALECTS } from '../testing/index.js';
import type { IntegrityWorkspace } from '../testing/index.js';
import { resolveControls } from '../workspace/index.js';
import { createServerApp } from './server-app.js';

const NOW = () => new Date('2026-07-15T12:00:00Z');
const BASE = 'http://127.0.0.1:8080';
const get = (app: ReturnType<typeof createServerApp>, path: string) => app.request(`${BASE}${path}`, { headers: { host: '127.0.0.1:8080' } });

for (const dialect of TEST_DIALECTS) {
  describe(`the trend page and /api/trends (${dialect})`, () => {
    let w: IntegrityWorkspace;
    let store: FieldworkStore;
    let app: ReturnType<typeof createServerApp>;

    beforeEach(async () => {
      w = await integrityWorkspace(dialect);
      store = await w.open();
      app = createServerApp({ workspaceDir: w.dir, store, auth: { mode: 'insecure-local' }, now: NOW });
    });
    afterEach(async () => {
      await store.close();
      await w.dispose();
    });

    const checkAt = (to: string) => checkWorkspace(w.ws, store, { from: '2026-01-01', to }, NOW());

    it('says there is no history before the first check run', async () => {
      const page = await (await get(app, '/trends')).text();
      expect(page).toContain('No check run stored yet');
      expect(page).not.toContain('<svg');
      const api = (await (await get(app, '/api/trends')).json()) as { points: unknown[]; controls: unknown[] };
      expect(api.points).toEqual([]);
      expect(api.controls).toEqual([]);
    });

    it('draws stored runs, summarizing a run stored before summaries existed, within the page’s CSP', async () => {
      w.addRoster(1);
      await collectWorkspace(w.ws, store);
      await checkAt('2026-03-31');
      // A run as an older Fieldwork stored it: no summary row.
      const legacy: CheckRun = { period: { from: '2026-01-01', to: '2026-04-30' }, asOf: '2026-04-30', results: (await checkAt('2026-04-30')).results };
      await store.saveRun('check', legacy.period, legacy);
      await checkAt('2026-06-30');
      const res = await get(app, '/trends');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      const html = await res.text();
      // Controls by status, exceptions, and overdue requests (the runs checked here count them; the older one leaves a gap).
      expect(html.match(/<figure class="chart chart-big"/g)).toHaveLength(3);
      expect(html).toContain('<title id="status-title">Controls by status, run by run</title>');
      // Nothing the CSP would block and nothing from elsewhere: no inline style or script, no URL but the SVG namespace.
      expect(html).not.toMatch(/\sstyle=|<script|\son[a-z]+=/i);
      expect(html.match(/https?:\/\/[^"<\s]+/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg') ?? []).toEqual([]);
      type Api = { points: { asOf: string; opened: number; closed: number; counts: { requestsOverdue?: number } }[]; hasRequests: boolean };
      const api = (await (await get(app, '/api/trends')).json()) as Api;
      expect(api.points.map((p) => p.asOf)).toEqual(['2026-03-31', '2026-04-30', '2026-04-30', '2026-06-30']);
      expect(api.hasRequests).toBe(true);
      expect(api.points.map((p) => typeof p.counts.requestsOverdue)).toEqual(['number', 'number', 'undefined', 'number']);
      // The latest two: their opened and closed still compare with the run before them.
      const two = (await (await get(app, '/api/trends?runs=2')).json()) as Api;
      expect(two.points).toEqual(api.points.slice(2));
    });

    it('draws the overdue-requests series when the runs record it, and only then', async () => {
      const controls = resolveControls(w.ws.config);
      const results: ControlResult[] = controls.map((c) => ({ control: c.id, title: c.title, check: c.check, status: 'not_tested', population: 0, exceptions: [], items: [], notes: [] }));
      const save = (asOf: string, overdue?: number) => {
        const run: CheckRun = { period: { from: '2026-01-01', to: asOf }, asOf, results };
        const summary = summarizeRun(run, controls, overdue === undefined ? {} : { requestsOverdue: new Map([[controls[0].id, overdue]]) });
        return store.saveRun('check', run.period, { ...run, controls }, undefined, { summary });
      };
      const page = async (q = '') => (await get(app, `/trends${q}`)).text();
      await save('2026-05-31', 3);
      await save('2026-06-30', 1);
      const html = await page();
      expect(html).toContain('data-chart="requests"');
      expect(html).toContain('Overdue requests, 2026-05-31 (run #1): 3');
      expect(html).toContain('Overdue requests, 2026-06-30 (run #2): 1');
      // A run that does not know the count leaves a gap, not a zero.
      await save('2026-07-15');
      const gap = await page();
      expect(gap).toContain('data-chart="requests"');
      expect(gap).not.toContain('Overdue requests, 2026-07-15');
      expect(gap).toMatch(/<th scope="row">2026-07-15 \(run #3\)<\/th><td>—<\/td>/);
      // Its look-alike: runs none of which knows the count draw no series at all.
      expect(await page('?runs=1')).toContain('data-missing="requests"');
    });

    it('refuses a filter value it cannot read, naming it', async () => {
      const bad = await get(app, '/api/trends?status=broken');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('"broken"'), hint: expect.stringContaining('insufficient_evidence') }) });
      for (const runs of ['0', '-1', 'ten', '501']) expect((await get(app, `/api/trends?runs=${runs}`)).status).toBe(400);
      const page = await get(app, '/trends?status=broken');
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('is not a check status');
      // Its compliant look-alike: every real status and an empty one are read.
      for (const s of ['', 'pass', 'exception', 'insufficient_evidence', 'not_tested']) expect((await get(app, `/api/trends?status=${s}`)).status).toBe(200);
    });
  });
}
