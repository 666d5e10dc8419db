import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { prowlerCollector } from './prowler-collector.js';

const REAL = join(REAL_FIXTURES, 'cloud/prowler-example_output_aws.ocsf.json');
const real = () => JSON.parse(readFileSync(REAL, 'utf8')) as Record<string, any>[];

describe('prowler-ocsf', () => {
  it('reads the real output: a config finding per check and resource, and a scan run of the account', async () => {
    const records = await parseFile(prowlerCollector, REAL);
    const findings = records.filter((r) => r.kind === 'config_finding');
    expect(findings).toHaveLength(5);
    expect(findings[0]).toMatchObject({
      scanner: 'prowler', checkId: 'accessanalyzer_enabled', resource: '<resource_uid>', status: 'FAIL', severity: 'low',
      at: '2025-02-14T13:27:03.000Z', title: 'Check if IAM Access Analyzer is enabled', locator: '/0',
    });
    expect((findings[0] as { compliance: Record<string, string[]> }).compliance['CIS-2.0']).toEqual(['1.20']);
    expect(findings.map((f) => (f as { status: string }).status)).toEqual(['FAIL', 'MANUAL', 'FAIL', 'MANUAL', 'MANUAL']);
    expect(records.filter((r) => r.kind === 'scan_run')).toEqual([expect.objectContaining({ scanner: 'prowler', asset: 'aws:<account_uid>', assetType: 'cloud-account', findingCount: 2 })]);
  });

  it('keeps only failures when asked, maps Informational and unknown words, and cites each resource', async () => {
    const [a] = real();
    const two = { ...a, severity: 'Informational', resources: [{ ...a.resources[0], uid: 'arn:aws:s3:::relay-logs' }, { ...a.resources[0], uid: 'arn:aws:s3:::relay-exports' }] };
    const pass = { ...a, status_code: 'PASS', severity: 'Catastrophic' };
    const records = await parseFile(prowlerCollector, tempFile('p.json', [two, pass]));
    expect(records.filter((r) => r.kind === 'config_finding').map((r) => [(r as { resource: string }).resource, (r as { severity: string }).severity, r.locator])).toEqual([
      ['arn:aws:s3:::relay-logs', 'info', '/0/resources/0'], ['arn:aws:s3:::relay-exports', 'info', '/0/resources/1'], ['<resource_uid>', 'unknown', '/1'],
    ]);
    const failed = await parseFile(prowlerCollector, tempFile('p.json', [two, pass]), { failedOnly: true });
    expect(failed.filter((r) => r.kind === 'config_finding')).toHaveLength(2);
  });

  it('reads JSON Lines, and millisecond timestamps as OCSF defines them', async () => {
    const [a] = real();
    const file = tempFile('p.jsonl', `${JSON.stringify({ ...a, time: 1780000000000 })}\n${JSON.stringify(a)}\n`);
    const records = await parseFile(prowlerCollector, file);
    expect(records[0]).toMatchObject({ at: new Date(1780000000000).toISOString(), locator: 'line 1' });
  });

  it('refuses files that are not OCSF detection findings', async () => {
    await expect(parseFile(prowlerCollector, join(REAL_FIXTURES, 'vuln/grype-TestJsonImgsPresenter.golden.json'))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('grype-json') });
    const [a] = real();
    await expect(parseFile(prowlerCollector, tempFile('x.json', [{ ...a, class_uid: 2003 }]))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0/class_uid' } });
    await expect(parseFile(prowlerCollector, tempFile('x.json', [a, { ...a, metadata: {} }]))).rejects.toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/1/metadata/event_code' } });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses the truncated real output with exit 3 and stores nothing (${dialect})`, async () => {
      const res = await collectFile('prowler-ocsf', truncatedCopy(REAL), {}, dialect);
      expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
      expect(res.exitCode).toBe(3);
      expect(res.records.config_finding ?? []).toHaveLength(0);
    });
  }
});
