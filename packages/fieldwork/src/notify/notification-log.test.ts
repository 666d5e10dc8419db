import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { failedCollections, readSentState, recordCollectionOutcomes, recordFailedDigest, recordSentDigest } from './notification-log.js';

for (const dialect of TEST_DIALECTS) {
  describe(`notification log (${dialect})`, () => {
    let t: TestStore | undefined;
    afterEach(async () => {
      await t?.dispose();
      t = undefined;
    });

    it('names a source whose latest collection failed, from the first failure of the current run of failures', async () => {
      t = await openTestStore(dialect);
      const fail = (msg: string) => ({ source: 'okta', kind: 'okta-system-log', status: 'failed' as const, errorCode: 'API_FAILED', errorMessage: msg });
      const ok = { source: 'okta', kind: 'okta-system-log', status: 'collected' as const };
      const hr = { source: 'hr', kind: 'bamboohr-csv', status: 'unchanged' as const };
      await recordCollectionOutcomes(t.store, '2026-07-01T06:00:00Z', [fail('401'), hr]);
      await recordCollectionOutcomes(t.store, '2026-07-02T06:00:00Z', [ok, hr]);
      // The compliant look-alike: a source that recovered is not failing.
      expect(await failedCollections(t.store, ['okta', 'hr'])).toEqual([]);
      await recordCollectionOutcomes(t.store, '2026-07-03T06:00:00Z', [fail('401 again'), hr]);
      await recordCollectionOutcomes(t.store, '2026-07-04T06:00:00Z', [fail('timeout'), hr]);
      const [f] = await failedCollections(t.store, ['okta', 'hr']);
      expect(f).toMatchObject({ source: 'okta', failingSince: '2026-07-03T06:00:00Z', lastAt: '2026-07-04T06:00:00Z', errorMessage: 'timeout', failures: 2 });
      // A source no longer in the workspace is not told about.
      expect(await failedCollections(t.store, ['hr'])).toEqual([]);
    });

    it('remembers what was sent per person and channel, and the baseline run; failures send nothing', async () => {
      t = await openTestStore(dialect);
      const notice = { id: 'exception:VEN-02|x|y|@3', kind: 'exception_new' as const, owners: [], title: 't', link: '/' };
      await recordSentDigest(t.store, { person: 'Cora@Acme.test', channel: 'email', day: '2026-07-01', at: '2026-07-01T07:00:00Z', subject: 's', checkRunId: 3, notices: [notice] });
      await recordFailedDigest(t.store, { person: 'cora@acme.test', channel: 'webhook', day: '2026-07-01', at: '2026-07-01T07:00:00Z', subject: 's', notices: 1, error: 'API_FAILED: 500' });
      const s = await readSentState(t.store, ['cora@acme.test']);
      expect(s.wasSent('cora@acme.test', 'email', notice.id)).toBe(true);
      expect(s.wasSent('cora@acme.test', 'webhook', notice.id)).toBe(false);
      expect(s.sentOn('cora@acme.test', 'email', '2026-07-01')).toBe(true);
      expect(s.sentOn('cora@acme.test', 'webhook', '2026-07-01')).toBe(false);
      expect(s.baselineRun('cora@acme.test', 'email')).toBe(3);
      expect(s.baselineRun('cora@acme.test', 'webhook')).toBeUndefined();
    });
  });
}
