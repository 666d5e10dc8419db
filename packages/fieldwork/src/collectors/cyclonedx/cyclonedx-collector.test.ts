import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { cyclonedxCollector } from './cyclonedx-collector.js';

const CERN = join(REAL_FIXTURES, 'cloud/cyclonedx-sbom.cern-lhc-vdm-editor.bom.json');
const LARAVEL = join(REAL_FIXTURES, 'cloud/cyclonedx-sbom.laravel-7.12.0.bom.1.4.json');
const VEX = join(REAL_FIXTURES, 'cloud/cyclonedx-vex.vex.json');

describe('cyclonedx', () => {
  it('reads a 1.2 SBOM as the inventory of its main component, without a scan run', async () => {
    const records = await parseFile(cyclonedxCollector, CERN);
    expect(records).toHaveLength(43);
    expect(records.every((r) => r.kind === 'component')).toBe(true);
    expect(records[0]).toMatchObject({ asset: 'lhc-vdm-editor', name: 'puppeteer', version: '1.19.0', purl: 'pkg:npm/puppeteer@1.19.0', type: 'library', licenses: ['Apache-2.0'], locator: '/components/0' });
  });

  it('reads a 1.4 SBOM, joining group and name', async () => {
    const records = await parseFile(cyclonedxCollector, LARAVEL);
    expect(records).toHaveLength(62);
    expect(records[0]).toMatchObject({ asset: 'cyclonedx/cyclonedx-php-composer-demo', name: 'asm89/stack-cors', version: '1.3.0', licenses: ['MIT'] });
  });

  it('reads VEX statements as findings with their analysis state', async () => {
    const [f] = await parseFile(cyclonedxCollector, VEX);
    expect(f).toMatchObject({
      kind: 'finding', scanner: 'cyclonedx', asset: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1', vulnId: 'CVE-2020-25649', severity: 'high',
      package: 'com.fasterxml.jackson.core/jackson-databind', version: '2.10.0', state: 'dismissed', stateReason: 'not_affected: code_not_reachable',
      seenAt: '2021-10-26T00:00:00.000Z', locator: '/vulnerabilities/0/affects/0',
    });
  });

  it('reads nested components (1.6), expressions as licenses, and counts a repeated component once', async () => {
    const bom = {
      bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { timestamp: '2026-05-04T12:00:00Z', tools: { components: [{ type: 'application', name: 'syft' }] }, component: { type: 'application', name: 'agent-runtime', version: '2.3.0' } },
      components: [
        { type: 'library', name: 'langchain-core', version: '0.3.1', purl: 'pkg:pypi/langchain-core@0.3.1', licenses: [{ expression: 'MIT OR Apache-2.0' }], components: [{ type: 'library', name: 'pydantic', version: '2.9.0', purl: 'pkg:pypi/pydantic@2.9.0' }] },
        { type: 'library', name: 'langchain-core', version: '0.3.1', purl: 'pkg:pypi/langchain-core@0.3.1' },
      ],
      vulnerabilities: [{ id: 'CVE-2026-1111', ratings: [{ severity: 'unknown' }], analysis: { state: 'in_triage' }, affects: [{ ref: 'pkg:pypi/pydantic@2.9.0' }] }],
    };
    const records = await parseFile(cyclonedxCollector, tempFile('bom.json', bom));
    expect(records.map((r) => [r.kind, r.locator])).toEqual([['component', '/components/0'], ['component', '/components/0/components/0'], ['finding', '/vulnerabilities/0/affects/0']]);
    expect(records[0]).toMatchObject({ asset: 'agent-runtime', licenses: ['MIT OR Apache-2.0'] });
    expect(records[2]).toMatchObject({ scanner: 'syft', severity: 'unknown', state: 'open', package: 'pydantic', seenAt: '2026-05-04T12:00:00.000Z' });
  });

  it('refuses other formats and old spec versions', async () => {
    await expect(parseFile(cyclonedxCollector, join(REAL_FIXTURES, 'vuln/trivy-npm.json.golden'))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('trivy-json') });
    await expect(parseFile(cyclonedxCollector, tempFile('old.json', { bomFormat: 'CycloneDX', specVersion: '1.1', components: [] }))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/specVersion' } });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses each truncated real document with exit 3 (${dialect})`, async () => {
      for (const f of [CERN, LARAVEL, VEX]) {
        const res = await collectFile('cyclonedx', truncatedCopy(f), {}, dialect);
        expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
        expect(res.exitCode).toBe(3);
        expect(res.records.component ?? []).toHaveLength(0);
      }
    });
  }
});
