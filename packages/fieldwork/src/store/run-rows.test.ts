import { withoutItems } from '@fieldwork/core';
import type { ControlResult } from '@fieldwork/core';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRun } from '../evidence/run-chain.js';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';

const period = { from: '2026-01-01', to: '2026-03-31' };
const cite = (artifact: string, line: number) => ({ artifact, source: 'okta', locator: `line ${line}` });

/** A check run of two controls: a population of `n` traced items and an exception per `every` items. */
function checkRun(n: number, every: number, tag = 'a') {
  const items = Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${i}`, subject: `user${i}@x.ai`, at: '2026-02-01T10:00:00Z',
    trace: [{ label: 'HR termination', at: '2026-02-01', citation: cite(`sha-hr-${i % 3}`, i + 2) }, { label: 'IdP deactivation', citation: cite('sha-idp', i + 2) }],
  }));
  const exceptions = items.filter((_, i) => i % every === 0).map((it) => ({ rule: 'deprovision.late', subject: it.subject, detail: `deactivated 3 days late (${tag})`, at: it.at, citations: [it.trace[1].citation], itemId: it.id }));
  const results: ControlResult[] = [
    { control: 'HR-05', title: 'Leavers deprovisioned', check: 'hr.deprovisioning', status: 'exception', population: n, populationQuery: 'leavers in period', exceptions, items, notes: ['a note'] },
    { control: 'CM-01', title: 'Changes reviewed', check: 'change.review', status: 'pass', population: 0, exceptions: [], items: [], notes: [] },
  ];
  return { period, asOf: period.to, results, controls: [] };
}

async function problems(t: TestStore): Promise<string[]> {
  return (await t.store.verify()).problems.map((p) => p.detail);
}

for (const dialect of TEST_DIALECTS) {
  describe(`compact runs on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('stores results and exception rows, not the population, and reads back every exception with its citations', async () => {
      t = await openTestStore(dialect);
      const run = checkRun(300, 7);
      const id = await t.store.saveRun('check', period, run, null);
      const row = await t.store.db.selectFrom('runs').select('data').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.data).not.toContain('IdP deactivation');
      expect(row.data.length).toBeLessThan(JSON.stringify(run).length / 10);
      const rows = await t.store.db.selectFrom('run_exceptions').select(['control', 'rule', 'subject']).where('run_id', '=', id).execute();
      expect(rows).toHaveLength(43);
      expect(rows[0]).toEqual({ control: 'HR-05', rule: 'deprovision.late', subject: 'user0@x.ai' });

      const back = (await t.store.latestRun<typeof run>('check'))!.data;
      expect(back.results.map((r) => r.exceptions)).toEqual(run.results.map((r) => r.exceptions));
      expect(back.results.map((r) => [r.control, r.status, r.population, r.populationQuery, r.notes, r.items])).toEqual([
        ['HR-05', 'exception', 300, 'leavers in period', ['a note'], []],
        ['CM-01', 'pass', 0, undefined, [], []],
      ]);
      // The population's citations stay as the artifacts they name, for the OSCAL evidence.
      expect((back.results[0] as unknown as { itemArtifacts: string[] }).itemArtifacts).toEqual(['sha-hr-0', 'sha-hr-1', 'sha-hr-2', 'sha-idp']);
      expect(await problems(t)).toEqual([]);
    });

    it('stores a run whose items were dropped as each check returned exactly as the run with its items', async () => {
      t = await openTestStore(dialect);
      const run = checkRun(300, 7);
      const whole = await t.store.saveRun('check', period, run, null);
      const cut = await t.store.saveRun('check', period, { ...run, results: run.results.map(withoutItems) }, null);
      const stored = async (id: number) => ({
        data: (await t.store.db.selectFrom('runs').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data,
        rows: await t.store.db.selectFrom('run_exceptions').select(['entry', 'ord', 'control', 'rule', 'subject', 'at', 'body']).where('run_id', '=', id).orderBy('entry').orderBy('ord').execute(),
      });
      const a = await stored(whole);
      expect(a.data).toContain('"itemArtifacts":["sha-hr-0","sha-hr-1","sha-hr-2","sha-idp"]');
      expect(await stored(cut)).toEqual(a);
      expect(await problems(t)).toEqual([]);
    });

    it('verify names a run whose exception rows were edited, deleted or added', async () => {
      t = await openTestStore(dialect);
      const id = await t.store.saveRun('check', period, checkRun(40, 4), null);
      await t.store.db.updateTable('run_exceptions').set({ body: JSON.stringify({ rule: 'deprovision.late', subject: 'user0@x.ai', detail: 'fine', citations: [] }) }).where('run_id', '=', id).where('ord', '=', 0).execute();
      expect(await problems(t)).toEqual([expect.stringContaining(`run ${id} (check`)]);
      expect((await problems(t))[0]).toContain('no longer match the digest');

      await t.store.db.deleteFrom('run_exceptions').where('run_id', '=', id).where('ord', '=', 0).execute();
      expect((await problems(t))[0]).toContain('holds 9 exception row(s) but its results commit to 10');

      await t.store.db.insertInto('run_exceptions').values([
        { run_id: id, entry: 0, ord: 0, control: 'HR-05', rule: 'r', subject: 's', at: null, body: '{}' },
        { run_id: id, entry: 1, ord: 0, control: 'CM-01', rule: 'r', subject: 's', at: null, body: '{}' },
      ]).execute();
      expect((await problems(t))[0]).toContain('holds 11 exception row(s)');
    });

    it('keeps the latest `keep` runs in full and cuts older ones down to results, still verifiable', async () => {
      t = await openTestStore(dialect);
      const ids: number[] = [];
      for (const tag of ['a', 'b', 'c', 'd']) ids.push(await t.store.saveRun('check', period, checkRun(30, 3, tag), null, { keep: 2 }));
      const pruned = await t.store.db.selectFrom('runs').select(['id', 'pruned_at']).orderBy('id').execute();
      expect(pruned.map((r) => r.pruned_at !== null)).toEqual([true, true, false, false]);
      const left = await t.store.db.selectFrom('run_exceptions').select('run_id').distinct().orderBy('run_id').execute();
      expect(left.map((r) => Number(r.run_id))).toEqual(ids.slice(2));
      const latest = (await t.store.latestRun<ReturnType<typeof checkRun>>('check'))!;
      expect(latest.data.results[0].exceptions).toHaveLength(10);
      expect(latest.data.results[0].exceptions[0].detail).toContain('(d)');
      // A pruned run still says how many exceptions each control had.
      const old = await t.store.db.selectFrom('runs').select('data').where('id', '=', ids[0]).executeTakeFirstOrThrow();
      expect(JSON.parse(old.data).results[0].exceptionCount).toBe(10);
      expect(await problems(t)).toEqual([]);
      const v = await t.store.verify();
      expect(v.runsChecked).toBe(4);
    });

    it('verify names a pruned mark the keep policy would never set (latest runs, or a newer run than a kept one)', async () => {
      t = await openTestStore(dialect);
      const ids: number[] = [];
      for (const tag of ['a', 'b', 'c', 'd']) ids.push(await t.store.saveRun('check', period, checkRun(30, 3, tag), null, { keep: 2 }));
      expect(await problems(t)).toEqual([]);
      // Hiding the latest run's exceptions: mark it pruned and drop its rows.
      await t.store.db.updateTable('runs').set({ pruned_at: '2026-04-02T00:00:00.000Z' }).where('id', '=', ids[3]!).execute();
      await t.store.db.deleteFrom('run_exceptions').where('run_id', '=', ids[3]!).execute();
      expect(await problems(t)).toEqual([expect.stringContaining(`run ${ids[3]} (check) is marked as cut down to results although it is among the latest 2 runs`)]);
      // The policy's own pruning of the oldest runs stays clean; a kept run older than a pruned one does not.
      await t.store.db.updateTable('runs').set({ pruned_at: null }).where('id', '=', ids[3]!).execute();
      await t.store.db.updateTable('runs').set({ pruned_at: null }).where('id', '=', ids[0]!).execute();
      expect((await problems(t)).join('\n')).toContain(`the older run ${ids[0]} is kept whole`);
    });

    it('reads runs stored before exception rows as they are, and cuts them down when they age out', async () => {
      t = await openTestStore(dialect);
      const legacy = checkRun(20, 5, 'old');
      await t.store.writeTransaction(async (trx) => appendRun(trx, { type: 'check', createdAt: '2026-04-01T00:00:00.000Z', period, data: JSON.stringify(legacy), ledger: null }));
      const read = (await t.store.latestRun<typeof legacy>('check'))!.data;
      expect(read.results[0].items).toHaveLength(20);
      expect(read.results[0].exceptions).toHaveLength(4);
      expect(await problems(t)).toEqual([]);

      await t.store.saveRun('check', period, checkRun(10, 2, 'new1'), null, { keep: 2 });
      await t.store.saveRun('check', period, checkRun(10, 2, 'new2'), null, { keep: 2 });
      const first = await t.store.db.selectFrom('runs').select(['data', 'pruned_at']).where('id', '=', 1).executeTakeFirstOrThrow();
      expect(first.pruned_at).not.toBeNull();
      expect(first.data).not.toContain('IdP deactivation');
      expect(JSON.parse(first.data)).toMatchObject({ prunedLegacy: true, results: [{ control: 'HR-05', exceptionCount: 4, population: 20 }, { control: 'CM-01' }] });
      // Its committed digest stays in the chain; the results it hashed are gone by policy, which verify does not call tampering.
      expect(await problems(t)).toEqual([]);
    });

    it('moves an audit run\'s exceptions to rows and keeps its samples', async () => {
      t = await openTestStore(dialect);
      const audit = {
        type: 2, auditId: 'a', period,
        controls: [
          { control: 'HR-05', sampled: [{ id: 'x', subject: 'user1@x.ai', trace: [{ label: 'HR termination' }], deviations: [] }], exceptions: [{ rule: 'r', subject: 'user1@x.ai', detail: 'late', citations: [cite('sha', 3)], period: '2026-02', sampled: true }] },
          { control: 'CM-01', sampled: [], exceptions: [] },
        ],
      };
      const id = await t.store.saveRun('audit', period, audit, null);
      expect(await t.store.db.selectFrom('run_exceptions').select('rule').where('run_id', '=', id).execute()).toHaveLength(1);
      const back = (await t.store.latestRun<typeof audit>('audit'))!.data;
      expect(back.controls.map((c) => [c.sampled, c.exceptions])).toEqual(audit.controls.map((c) => [c.sampled, c.exceptions]));
      expect(await problems(t)).toEqual([]);
    });
  });
}
