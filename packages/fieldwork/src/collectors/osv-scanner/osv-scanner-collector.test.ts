import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { osvScannerCollector } from './osv-scanner-collector.js';

const REAL = join(REAL_FIXTURES, 'vuln/osv-scanner-some_findings.json');
const AT = { scannedAt: '2026-04-06T16:00:00Z' };

const vuln = (id: string, aliases: string[], severity?: string) => ({
  id, aliases, summary: `${id} in undici`,
  affected: [{ package: { ecosystem: 'npm', name: 'undici' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '5.28.3' }] }] }],
  ...(severity ? { database_specific: { severity } } : {}),
});
function doc(packages: unknown[], path = '/home/ci/work/relay/agent-runtime/package-lock.json'): Record<string, unknown> {
  return { results: [{ source: { path, type: 'lockfile' }, packages }], experimental_config: { licenses: { summary: false, allowlist: null } } };
}

describe('osv-scanner-json', () => {
  it('reads the real output: one run of the lockfile, the malicious package as a finding of unknown severity', async () => {
    const [run, ...findings] = await parseFile(osvScannerCollector, REAL, AT);
    expect(run).toMatchObject({ kind: 'scan_run', scanner: 'osv-scanner', asset: '/tmp/components/yarn.lock', assetType: 'lockfile', at: '2026-04-06T16:00:00.000Z', targets: ['/tmp/components/yarn.lock'], findingCount: 1 });
    expect(findings).toEqual([expect.objectContaining({
      vulnId: 'MAL-2023-1035', severity: 'unknown', package: 'flot-axis', version: '0.0.0', target: '/tmp/components/yarn.lock',
      title: 'Malicious code in flot-axis (npm)', locator: '/results/0/packages/0/vulnerabilities/0',
    })]);
  });

  it('reports a GHSA and its CVE grouped together once, under the CVE, rated by the group score', async () => {
    const p = {
      package: { name: 'undici', version: '5.28.2', ecosystem: 'npm' },
      vulnerabilities: [vuln('GHSA-3787-6prv-h9w3', ['CVE-2023-45143'], 'LOW'), vuln('CVE-2023-45143', ['GHSA-3787-6prv-h9w3'])],
      groups: [{ ids: ['GHSA-3787-6prv-h9w3', 'CVE-2023-45143'], aliases: ['CVE-2023-45143', 'GHSA-3787-6prv-h9w3'], max_severity: '7.5' }],
    };
    const [run, ...findings] = await parseFile(osvScannerCollector, tempFile('o.json', doc([p])), { ...AT, root: '/home/ci/work/relay', asset: 'agent-runtime' });
    expect(run).toMatchObject({ asset: 'agent-runtime', assetType: 'repository', targets: ['agent-runtime/package-lock.json'], findingCount: 1 });
    expect(findings).toEqual([expect.objectContaining({ vulnId: 'CVE-2023-45143', severity: 'high', fixedVersion: '5.28.3', target: 'agent-runtime/package-lock.json' })]);
  });

  it('falls back to the advisory word when there are no groups, MODERATE meaning medium', async () => {
    const p = { package: { name: 'undici', version: '5.28.2' }, vulnerabilities: [vuln('GHSA-aaaa', [], 'MODERATE')] };
    const [, f] = await parseFile(osvScannerCollector, tempFile('o.json', doc([p])), AT);
    expect(f).toMatchObject({ vulnId: 'GHSA-aaaa', severity: 'medium' });
  });

  it('records a clean scan with the lockfiles it covered (options.targets) and the time from the file name', async () => {
    const records = await parseFile(osvScannerCollector, tempFile('agent-runtime-2026-05-11.json', { results: [] }), {
      scannedAt: 'file-name', asset: 'agent-runtime', targets: ['agent-runtime/package-lock.json', 'agent-runtime/uv.lock'],
    }, 'America/Los_Angeles');
    expect(records).toEqual([expect.objectContaining({ kind: 'scan_run', at: '2026-05-11T07:00:00.000Z', findingCount: 0, targets: ['agent-runtime/package-lock.json', 'agent-runtime/uv.lock'] })]);
  });

  it('needs a scan time and, for several lockfiles, an asset', async () => {
    expect((await parseFile(osvScannerCollector, REAL))[0]).toMatchObject({ kind: 'scan_run', at: statSync(REAL).mtime.toISOString() });
    const two = { results: [{ source: { path: '/a/package-lock.json', type: 'lockfile' }, packages: [] }, { source: { path: '/a/uv.lock', type: 'lockfile' }, packages: [] }] };
    await expect(parseFile(osvScannerCollector, tempFile('two.json', two), AT)).rejects.toMatchObject({ code: 'SOURCE_BAD_OPTIONS', hint: expect.stringContaining('options.asset') });
  });

  it('refuses a SARIF file and an npm audit report given as osv-scanner-json', async () => {
    await expect(parseFile(osvScannerCollector, join(REAL_FIXTURES, 'vuln/trivy-alpine-310.sarif.golden'), AT)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('sarif') });
    await expect(parseFile(osvScannerCollector, join(REAL_FIXTURES, 'vuln/npm-audit-v2-one_vuln.json'), AT)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('npm-audit-json') });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses the truncated real output with exit 3 (${dialect})`, async () => {
      const res = await collectFile('osv-scanner-json', truncatedCopy(REAL), AT, dialect);
      expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
      expect(res.exitCode).toBe(3);
      expect(res.records.scan_run ?? []).toHaveLength(0);
    });
  }
});
