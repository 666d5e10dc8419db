import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { trivyCollector } from './trivy-collector.js';

const ALPINE = join(REAL_FIXTURES, 'vuln/trivy-alpine-310.json.golden');
const NPM = join(REAL_FIXTURES, 'vuln/trivy-npm.json.golden');

function report(extra: Record<string, unknown> = {}, vulns: unknown[] = []): Record<string, unknown> {
  return {
    SchemaVersion: 2, CreatedAt: '2026-04-06T16:00:00Z', ArtifactName: 'ghcr.io/relaylabs/worker:1.8.0', ArtifactType: 'container_image',
    Results: [{ Target: 'ghcr.io/relaylabs/worker:1.8.0 (debian 12.5)', Class: 'os-pkgs', Type: 'debian', Vulnerabilities: vulns }],
    ...extra,
  };
}

describe('trivy-json', () => {
  it('reads an image report as one scan run of the image, without its tag', async () => {
    const records = await parseFile(trivyCollector, ALPINE);
    const [run, ...findings] = records;
    expect(run).toMatchObject({ kind: 'scan_run', scanner: 'trivy', asset: 'ghcr.io/aquasecurity/trivy-test-images', assetType: 'image', at: '2021-08-25T12:20:30.000Z', findingCount: 4, targets: [] });
    expect(findings).toHaveLength(4);
    expect(findings[0]).toMatchObject({
      kind: 'finding', scanner: 'trivy', asset: 'ghcr.io/aquasecurity/trivy-test-images', vulnId: 'CVE-2019-1549', severity: 'medium',
      package: 'libcrypto1.1', version: '1.1.1c-r0', fixedVersion: '1.1.1d-r0', seenAt: '2021-08-25T12:20:30.000Z', state: 'open',
      locator: '/Results/0/Vulnerabilities/0',
    });
  });

  it('records a scanned lockfile as a target of the run', async () => {
    const [run, ...findings] = await parseFile(trivyCollector, NPM);
    expect(run).toMatchObject({ kind: 'scan_run', asset: 'testdata/fixtures/repo/npm', assetType: 'repository', targets: ['testdata/fixtures/repo/npm/package-lock.json'], findingCount: 1 });
    expect(findings[0]).toMatchObject({ vulnId: 'CVE-2019-11358', package: 'jquery', version: '3.3.9', fixedVersion: '3.4.0', target: 'package-lock.json', severity: 'medium' });
  });

  it('records lockfiles of a folder scan as repository paths, and clean ones named in options.targets', async () => {
    const fs = { SchemaVersion: 2, CreatedAt: '2026-04-06T16:00:00Z', ArtifactName: 'agent-runtime', ArtifactType: 'filesystem', Results: [{ Target: 'uv.lock', Class: 'lang-pkgs', Type: 'uv' }] };
    const [run] = await parseFile(trivyCollector, tempFile('fs.json', fs), { targets: ['agent-runtime/package-lock.json'] });
    expect(run).toMatchObject({ asset: 'agent-runtime', assetType: 'filesystem', targets: ['agent-runtime/package-lock.json', 'agent-runtime/uv.lock'] });
  });

  it('keeps an empty result as a scan run with no findings', async () => {
    const records = await parseFile(trivyCollector, tempFile('empty.json', report({ Results: null })));
    expect(records).toEqual([expect.objectContaining({ kind: 'scan_run', asset: 'ghcr.io/relaylabs/worker', findingCount: 0 })]);
  });

  it('maps unknown severity words to unknown and counts exact duplicates once', async () => {
    const v = { VulnerabilityID: 'CVE-2026-0001', PkgName: 'zlib', InstalledVersion: '1.2.13', Severity: 'UNKNOWN' };
    const records = await parseFile(trivyCollector, tempFile('dup.json', report({}, [v, v, { ...v, VulnerabilityID: 'CVE-2026-0002', Severity: 'NEGLIGIBLE' }])));
    expect(records[0]).toMatchObject({ findingCount: 2 });
    expect(records.slice(1).map((r) => (r as { severity: string }).severity)).toEqual(['unknown', 'info']);
  });

  it('takes the scan time from CreatedAt, else options.scannedAt, else the export file modification time', async () => {
    const noTime = tempFile('old.json', report({ CreatedAt: undefined }));
    expect((await parseFile(trivyCollector, noTime))[0]).toMatchObject({ at: statSync(noTime).mtime.toISOString() });
    const [run] = await parseFile(trivyCollector, noTime, { scannedAt: '2026-04-06T10:00:00-07:00' });
    expect(run).toMatchObject({ at: '2026-04-06T17:00:00.000Z' });
    const named = tempFile('worker-2026-04-13.json', report({ CreatedAt: undefined }));
    const [run2] = await parseFile(trivyCollector, named, { scannedAt: 'file-name' }, 'America/Los_Angeles');
    expect(run2).toMatchObject({ at: '2026-04-13T07:00:00.000Z' });
  });

  it('refuses a Grype report with a hint naming the right kind', async () => {
    await expect(parseFile(trivyCollector, join(REAL_FIXTURES, 'vuln/grype-TestJsonImgsPresenter.golden.json'))).rejects.toMatchObject({
      code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('grype-json'),
    });
  });

  it('refuses SchemaVersion 1 reports', async () => {
    await expect(parseFile(trivyCollector, tempFile('v1.json', { SchemaVersion: 1, ArtifactName: 'x', Results: [] }))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/SchemaVersion' } });
  });

  it('names the place of a malformed vulnerability', async () => {
    const bad = tempFile('bad.json', report({}, [{ PkgName: 'zlib' }]));
    await expect(parseFile(trivyCollector, bad)).rejects.toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/Results/0/Vulnerabilities/0/VulnerabilityID' } });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses a truncated report and stores nothing (${dialect})`, async () => {
      for (const fixture of [ALPINE, NPM]) {
        const res = await collectFile('trivy-json', truncatedCopy(fixture), {}, dialect);
        expect(res.outcome.status).toBe('failed');
        expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
        expect(res.exitCode).toBe(3);
        expect(res.records.scan_run ?? []).toHaveLength(0);
      }
    });

    it(`collects both real reports through the runner (${dialect})`, async () => {
      const res = await collectFile('trivy-json', ALPINE, {}, dialect);
      expect(res.outcome.status).toBe('collected');
      expect(res.records.scan_run).toHaveLength(1);
      expect(res.records.finding).toHaveLength(4);
    });
  }
});
