import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { grypeCollector } from './grype-collector.js';

const GOLDEN = join(REAL_FIXTURES, 'vuln/grype-TestJsonImgsPresenter.golden.json');

function doc(matches: unknown[], timestamp = '2026-05-04T09:00:00-07:00'): Record<string, unknown> {
  return { matches, source: { type: 'directory', target: '/src/agent-runtime' }, descriptor: { name: 'grype', version: '0.80.0', timestamp } };
}
const match = (id: string, severity: string, path = '/src/agent-runtime/package-lock.json') => ({
  vulnerability: { id, severity, fix: { versions: ['2.0.1'], state: 'fixed' } },
  artifact: { name: 'undici', version: '5.28.2', type: 'npm', locations: [{ path }] },
});

describe('grype-json', () => {
  it('reads the real snapshot as one run of the image with two findings (time from options when the descriptor has none)', async () => {
    const [run, ...findings] = await parseFile(grypeCollector, GOLDEN, { scannedAt: '2026-04-06T16:00:00Z' });
    expect(run).toMatchObject({ kind: 'scan_run', scanner: 'grype', asset: 'user-input', assetType: 'image', at: '2026-04-06T16:00:00.000Z', findingCount: 2 });
    expect(findings).toEqual([
      expect.objectContaining({ vulnId: 'CVE-1999-0001', severity: 'low', package: 'package-1', version: '1.1.1', fixedVersion: '1.2.1', target: '/foo/bar/somefile-1.txt', locator: '/matches/0' }),
      expect.objectContaining({ vulnId: 'CVE-1999-0002', severity: 'critical', package: 'package-2', version: '2.2.2', locator: '/matches/1' }),
    ]);
    expect(findings[1]).not.toHaveProperty('fixedVersion');
  });

  it('takes the export file modification time when the descriptor has no timestamp and no scannedAt is set', async () => {
    const [run] = await parseFile(grypeCollector, GOLDEN);
    expect(run).toMatchObject({ kind: 'scan_run', at: statSync(GOLDEN).mtime.toISOString() });
  });

  it('uses the descriptor time, maps Negligible and Unknown, records lockfile targets', async () => {
    const [run, ...findings] = await parseFile(grypeCollector, tempFile('g.json', doc([match('GHSA-aaaa', 'Negligible'), match('GHSA-bbbb', 'Unknown')])));
    expect(run).toMatchObject({ asset: '/src/agent-runtime', assetType: 'filesystem', at: '2026-05-04T16:00:00.000Z', targets: ['src/agent-runtime/package-lock.json'], findingCount: 2 });
    expect(findings.map((f) => (f as { severity: string }).severity)).toEqual(['info', 'unknown']);
  });

  it('keeps an empty scan as a run with no findings and counts duplicate matches once', async () => {
    expect(await parseFile(grypeCollector, tempFile('e.json', doc([])))).toEqual([expect.objectContaining({ kind: 'scan_run', findingCount: 0 })]);
    const dup = await parseFile(grypeCollector, tempFile('d.json', doc([match('GHSA-aaaa', 'High'), match('GHSA-aaaa', 'High')])));
    expect(dup).toHaveLength(2);
  });

  it('refuses a Trivy report given as grype-json', async () => {
    await expect(parseFile(grypeCollector, join(REAL_FIXTURES, 'vuln/trivy-npm.json.golden'))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('trivy-json') });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses the truncated snapshot with exit 3 and stores nothing (${dialect})`, async () => {
      const res = await collectFile('grype-json', truncatedCopy(GOLDEN), { scannedAt: '2026-04-06T16:00:00Z' }, dialect);
      expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
      expect(res.exitCode).toBe(3);
      expect(res.records.finding ?? []).toHaveLength(0);
    });
  }
});
