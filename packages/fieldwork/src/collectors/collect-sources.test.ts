import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, REAL_FIXTURES, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { collectSources } from './collect-sources.js';

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
  });
}
