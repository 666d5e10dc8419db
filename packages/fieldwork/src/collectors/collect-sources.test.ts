import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, REAL_FIXTURES, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { collectSources } from './collect-sources.js';

const HR_HEADER = 'employeeNumber,firstName,lastName,workEmail,hireDate,terminationDate,status';
const hrRow = (n: number, hire = '2024-01-01') => `${n},Name${n},Last${n},p${n}@x.ai,${hire},,Active`;
const oktaLine = (n: number) => JSON.stringify({
  uuid: `u${n}`, published: `2026-05-0${n}T17:00:00.000Z`, eventType: 'user.lifecycle.deactivate',
  actor: { alternateId: 'admin@x.ai' }, target: [{ type: 'User', alternateId: `p${n}@x.ai`, id: `00u${n}` }], outcome: { result: 'SUCCESS' },
});
const recordCount = async (t: TestStore) => Object.values(await t.store.loadRecords()).reduce((n, rs) => n + (rs?.length ?? 0), 0);

for (const dialect of TEST_DIALECTS) {
  describe(`collectSources on ${dialect}`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    it('keeps two weeks of identical scanner output whose dates come from the file names, and skips them on re-collection', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'audits'));
      // npm audit writes no time: two clean weeks are byte-identical files.
      for (const day of ['2026-05-04', '2026-05-11']) copyFileSync(join(REAL_FIXTURES, 'vuln/npm-audit-v2-no_vuln.json'), join(t.dir, 'audits', `npm-audit-${day}.json`));
      const sources = [{ name: 'npm', kind: 'npm-audit-json', path: 'audits', options: { asset: 'agent-runtime/package-lock.json', scannedAt: 'file-name' } }];
      const first = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
      expect(first[0].artifacts.map((a) => a.status)).toEqual(['collected', 'collected']);
      const runs = (await t.store.loadRecords(['scan_run'])).scan_run ?? [];
      expect(runs.map((r) => r.at.slice(0, 10))).toEqual(['2026-05-04', '2026-05-11']);
      const again = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
      expect(again[0]).toMatchObject({ status: 'unchanged' });
      expect((await t.store.ledger()).length).toBe(2);
    });

    it('skips a file whose bytes the source already holds under another name, for kinds that read nothing from names', async () => {
      t = await openTestStore(dialect);
      const okta = join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json');
      mkdirSync(join(t.dir, 'okta'));
      copyFileSync(okta, join(t.dir, 'okta', 'a.json'));
      copyFileSync(okta, join(t.dir, 'okta', 'b.json'));
      const out = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [{ name: 'okta', kind: 'okta-system-log', path: 'okta' }], store: t.store });
      expect(out[0].artifacts.map((a) => a.status)).toEqual(['collected', 'unchanged']);
    });

    it('records a malformed file as a failure of its source and still collects the next source', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'okta'));
      writeFileSync(join(t.dir, 'okta', 'broken.json'), '[{"uuid": "u1", "published": "2026-05-01T17:00:00.000Z",');
      mkdirSync(join(t.dir, 'hr'));
      writeFileSync(join(t.dir, 'hr', 'employees.csv'), [HR_HEADER, hrRow(1), hrRow(2)].join('\n') + '\n');
      const sources = [{ name: 'okta', kind: 'okta-system-log', path: 'okta/broken.json' }, { name: 'hr', kind: 'bamboohr-csv', path: 'hr/employees.csv' }];
      const out = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
      expect(out.map((o) => [o.name, o.status])).toEqual([['okta', 'failed'], ['hr', 'collected']]);
      expect(out[0].error).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: join('okta', 'broken.json') } });
      expect(out[1].records).toBe(2);
      expect(((await t.store.loadRecords(['person'])).person ?? []).map((p) => p.id)).toEqual(['1', '2']);
      expect((await t.store.ledger()).map((e) => e.source)).toEqual(['hr']);
    });

    it('stores nothing from an Okta JSONL file whose third line is broken, and names the file and line', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'okta'));
      const file = join(t.dir, 'okta', 'system-log.jsonl');
      writeFileSync(file, [oktaLine(1), oktaLine(2), '{"uuid": "u3", "published": ', oktaLine(4)].join('\n') + '\n');
      const sources = [{ name: 'okta', kind: 'okta-system-log', path: 'okta/system-log.jsonl' }];
      const out = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
      expect(out[0].status).toBe('failed');
      expect(out[0].artifacts.map((a) => a.status)).toEqual(['failed']);
      expect(out[0].error).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: join('okta', 'system-log.jsonl'), line: 3 } });
      expect(out[0].error!.message).toContain('system-log.jsonl');
      expect(await recordCount(t)).toBe(0);
      expect(await t.store.ledger()).toEqual([]);
      // The lines before the break do make records: once repaired, the file is collected whole.
      writeFileSync(file, [oktaLine(1), oktaLine(2), oktaLine(4)].join('\n') + '\n');
      const again = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
      expect(again[0].status).toBe('collected');
      expect(await recordCount(t)).toBeGreaterThan(0);
      expect((await t.store.ledger()).length).toBe(1);
    });

    it('stores nothing from a BambooHR CSV with a bad date on a late row, and names the file and line', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'hr'));
      const rows = Array.from({ length: 40 }, (_, i) => hrRow(i + 1));
      rows[37] = hrRow(38, '2024-02-31');
      writeFileSync(join(t.dir, 'hr', 'employees.csv'), [HR_HEADER, ...rows].join('\n') + '\n');
      const out = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources: [{ name: 'hr', kind: 'bamboohr-csv', path: 'hr/employees.csv' }], store: t.store });
      expect(out[0].status).toBe('failed');
      expect(out[0].error).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: join('hr', 'employees.csv'), line: 39 } });
      expect(out[0].error!.location).toBe(`${join('hr', 'employees.csv')}:39`);
      expect(await recordCount(t)).toBe(0);
      expect(await t.store.ledger()).toEqual([]);
    });
  });
}
