import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInControls } from '@fieldwork/core';
import type { CheckRun, ControlResult } from '@fieldwork/core';
import { evidenceRequestStatuses } from '@fieldwork/core';
import { RUN_SUMMARY_VERSION } from '@fieldwork/core/history';
import { markNotApplicable } from '../manual-evidence/index.js';
import { integrityWorkspace, TEST_DIALECTS } from '../testing/index.js';
import type { IntegrityWorkspace } from '../testing/index.js';
import type { FieldworkStore } from '../store/index.js';
import { loadWorkspace, resolveControls } from '../workspace/index.js';
import { checkHistory } from './check-history.js';
import { checkWorkspace } from './check-workspace.js';
import { collectWorkspace } from './collect-workspace.js';

const [A, B] = builtInControls;
const result = (control: string, status: ControlResult['status'], subjects: string[] = []): ControlResult =>
  ({ control, title: control, check: null, status, population: 1, exceptions: subjects.map((subject) => ({ rule: 'r', subject, detail: 'd', citations: [] })), items: [], notes: [] });
const oldRun = (asOf: string, results: ControlResult[]): CheckRun => ({ period: { from: '2026-01-01', to: asOf }, asOf, results });

for (const dialect of TEST_DIALECTS) {
  describe(`check history (${dialect})`, () => {
    let w: IntegrityWorkspace;
    let store: FieldworkStore;
    const controls = () => resolveControls(w.ws.config);
    const summaryRows = async () => (await store.db.selectFrom('run_summaries').select(['run_id', 'version']).orderBy('run_id').execute()).map((r) => [Number(r.run_id), Number(r.version)]);

    beforeEach(async () => {
      w = await integrityWorkspace(dialect);
      store = await w.open();
    });
    afterEach(async () => {
      await store.close();
      await w.dispose();
    });

    it('stores a summary with every check run and reads them in evidence-date order', async () => {
      w.addRoster(1);
      await collectWorkspace(w.ws, store);
      const late = await checkWorkspace(w.ws, store, { to: '2026-05-31' }, new Date('2026-07-01T00:00:00Z'));
      const early = await checkWorkspace(w.ws, store, { to: '2026-02-28' }, new Date('2026-07-01T00:00:00Z'));
      expect(await summaryRows()).toEqual([[late.runId, RUN_SUMMARY_VERSION], [early.runId, RUN_SUMMARY_VERSION]]);
      const points = await checkHistory(store, { controls });
      expect(points.map((p) => [p.runId, p.summary.asOf])).toEqual([[early.runId, '2026-02-28'], [late.runId, '2026-05-31']]);
      const s = points[1].summary;
      expect(s.controls).toHaveLength(late.results.length);
      expect(s.totals.exception).toBe(late.results.filter((r) => r.status === 'exception').length);
      expect(s.totals.exceptions).toBe(late.results.reduce((n, r) => n + r.exceptions.length, 0));
      // Overdue evidence requests over the run's period at its evidence date, as the requests page counts them:
      // nothing was submitted, so every request past due is missing.
      const due = evidenceRequestStatuses(controls(), w.ws.config.owners, [], [], late.asOf, { window: late.period, timezone: 'UTC' });
      expect(s.totals.requestsOverdue).toBe(due.filter((r) => r.status === 'missing').length);
      expect(s.totals.requestsOverdue).toBeGreaterThan(0);
      // Audit runs are not check history.
      await store.saveRun('audit', { from: '2026-01-01', to: '2026-06-30' }, { overall: {} });
      expect(await checkHistory(store, { controls })).toHaveLength(2);
    });

    it('no longer counts a request an approver declared not applicable', async () => {
      appendFileSync(join(w.dir, 'fieldwork.yaml'), 'approvers:\n  - { name: Ada Approver, email: ada@corp.test }\n');
      const ws = loadWorkspace(w.dir);
      const before = await checkWorkspace(ws, store, { to: '2026-05-31' }, new Date('2026-07-01T00:00:00Z'));
      const counted = (await checkHistory(store, { controls })).at(-1)?.summary.controls.find((c) => (c.requestsOverdue ?? 0) > 0);
      expect(counted).toBeDefined();
      const requests = evidenceRequestStatuses(controls(), w.ws.config.owners, [], [], before.asOf, { window: before.period, timezone: 'UTC' });
      const first = requests.find((r) => r.control === counted?.id && r.status === 'missing');
      await markNotApplicable(ws, store, { control: counted?.id as string, covers: [first?.covers as string], by: 'Ada Approver', reason: 'no board before the Series A' }, new Date('2026-07-01T00:00:00Z'));
      await checkWorkspace(ws, store, { to: '2026-05-31' }, new Date('2026-07-01T00:00:00Z'));
      const after = (await checkHistory(store, { controls })).at(-1)?.summary.controls.find((c) => c.id === counted?.id);
      expect(after?.requestsOverdue).toBe((counted?.requestsOverdue ?? 0) - 1);
    });

    it('summarizes runs stored before summaries existed once, from their own controls, and then reads only summaries', async () => {
      const first = await store.saveRun('check', { from: '2026-01-01', to: '2026-03-31' }, { ...oldRun('2026-03-31', [result(A.id, 'exception', ['x', 'y']), result(B.id, 'pass')]), controls: [A, B] });
      // Older still: no controls kept in the run, so the workspace's describe it.
      const second = await store.saveRun('check', { from: '2026-01-01', to: '2026-04-30' }, oldRun('2026-04-30', [result(A.id, 'exception', ['y']), result(B.id, 'pass')]));
      expect(await summaryRows()).toEqual([]);
      const points = await checkHistory(store, { controls });
      expect(await summaryRows()).toEqual([[first, RUN_SUMMARY_VERSION], [second, RUN_SUMMARY_VERSION]]);
      expect(points.map((p) => p.summary.totals.exceptions)).toEqual([2, 1]);
      expect(points[1].summary.controls[0]).toMatchObject({ category: A.category, ownerRole: A.ownerRole });
      // A run's data is not read again: replacing it would show if it were.
      await store.db.updateTable('runs').set({ data: '{"broken": true}' }).where('id', '=', first).execute();
      expect((await checkHistory(store, { controls })).map((p) => p.summary.totals.exceptions)).toEqual([2, 1]);
    });

    it('recomputes a summary written in an older format and keeps the latest runs when limited', async () => {
      const ids: number[] = [];
      for (const to of ['2026-01-31', '2026-02-28', '2026-03-31']) ids.push(await store.saveRun('check', { from: '2026-01-01', to }, { ...oldRun(to, [result(A.id, 'pass')]), controls: [A] }));
      await checkHistory(store, { controls });
      await store.db.updateTable('run_summaries').set({ version: 0, summary: '{}' }).where('run_id', '=', ids[0]).execute();
      const points = await checkHistory(store, { controls });
      expect(points.map((p) => p.runId)).toEqual(ids);
      expect(points[0].summary.totals.pass).toBe(1);
      expect((await checkHistory(store, { controls, limit: 2 })).map((p) => p.summary.asOf)).toEqual(['2026-02-28', '2026-03-31']);
    });
  });
}
