import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { npmAuditCollector } from './npm-audit-collector.js';

const fixture = (name: string) => join(REAL_FIXTURES, `vuln/npm-audit-v2-${name}.json`);
const OPTS = { asset: 'agent-runtime', lockfile: 'agent-runtime/package-lock.json', scannedAt: '2026-04-06T16:00:00Z' };

describe('npm-audit-json', () => {
  it('counts each advisory once, on the package it is about, not on the packages that depend on it', async () => {
    const [run, ...findings] = await parseFile(npmAuditCollector, fixture('many_vulns'), OPTS);
    expect(run).toMatchObject({ kind: 'scan_run', scanner: 'npm-audit', asset: 'agent-runtime', assetType: 'repository', at: '2026-04-06T16:00:00.000Z', targets: ['agent-runtime/package-lock.json'], findingCount: 3 });
    expect(findings.map((f) => [(f as { package: string }).package, (f as { vulnId: string }).vulnId, (f as { severity: string }).severity])).toEqual([
      ['debug', 'GHSA-gxpj-cx7g-858c', 'medium'],
      ['semver', 'GHSA-c2qf-rxjj-qqgw', 'medium'],
      ['undici', 'GHSA-3787-6prv-h9w3', 'low'],
    ]);
    expect(findings[0]).toMatchObject({ locator: '/vulnerabilities/debug/via/0', target: 'agent-runtime/package-lock.json', title: 'Regular Expression Denial of Service in debug' });
  });

  it('rates a finding by its advisory, and names no fix version when the fix is upgrading a parent', async () => {
    const [, f] = await parseFile(npmAuditCollector, fixture('one_vuln'), OPTS);
    expect(f).toMatchObject({ package: 'debug', vulnId: 'GHSA-gxpj-cx7g-858c', severity: 'medium' });
    expect(f).not.toHaveProperty('fixedVersion');
  });

  it('keeps a clean audit as a scan run with no findings', async () => {
    expect(await parseFile(npmAuditCollector, fixture('no_vuln'), OPTS)).toEqual([expect.objectContaining({ kind: 'scan_run', findingCount: 0 })]);
  });

  it('uses the npm advisory number when the URL has no GHSA id, and maps unknown words to unknown', async () => {
    const report = { auditReportVersion: 2, vulnerabilities: { left: { name: 'left', severity: 'critical', via: [{ source: 1234, name: 'left', title: 'x', url: 'https://npmjs.com/advisories/1234', severity: 'catastrophic' }], fixAvailable: { name: 'left', version: '2.0.0' } } }, metadata: {} };
    const [, f] = await parseFile(npmAuditCollector, tempFile('a.json', report), OPTS);
    expect(f).toMatchObject({ vulnId: 'npm-advisory-1234', severity: 'unknown', fixedVersion: '2.0.0' });
  });

  it('without options, names the source as the asset and takes the file modification time', async () => {
    const [run] = await parseFile(npmAuditCollector, fixture('one_vuln'));
    expect(run).toMatchObject({ kind: 'scan_run', asset: 'test', at: statSync(fixture('one_vuln')).mtime.toISOString() });
  });

  it('refuses npm 6 reports, npm error output and other scanners\' files', async () => {
    await expect(parseFile(npmAuditCollector, tempFile('v1.json', { actions: [], advisories: {}, metadata: {} }), OPTS)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('npm 7') });
    await expect(parseFile(npmAuditCollector, tempFile('err.json', { error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } }), OPTS)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', message: expect.stringContaining('ENOLOCK') });
    await expect(parseFile(npmAuditCollector, join(REAL_FIXTURES, 'vuln/osv-scanner-some_findings.json'), OPTS)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('osv-scanner-json') });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses each truncated real report with exit 3 (${dialect})`, async () => {
      for (const name of ['many_vulns', 'one_vuln', 'no_vuln']) {
        const res = await collectFile('npm-audit-json', truncatedCopy(fixture(name)), OPTS, dialect);
        expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
        expect(res.exitCode).toBe(3);
        expect(res.records.scan_run ?? []).toHaveLength(0);
      }
    });
  }
});
