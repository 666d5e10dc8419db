import { statSync } from 'node:fs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { sarifCollector } from './sarif-collector.js';
import { SARIF_SCHEMA_PATH } from './sarif-schema.js';

const TRIVY = join(REAL_FIXTURES, 'vuln/trivy-alpine-310.sarif.golden');
const AT = { scannedAt: '2026-04-06T16:00:00Z' };

function log(results: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'CodeQL', rules: [{ id: 'js/sql-injection', shortDescription: { text: 'Database query built from user-controlled sources' }, properties: { 'security-severity': '8.8' } }, { id: 'js/unused-local-variable' }] } },
      versionControlProvenance: [{ repositoryUri: 'https://github.com/relaylabs/agent-api' }],
      invocations: [{ executionSuccessful: true, startTimeUtc: '2026-05-04T16:00:00Z', endTimeUtc: '2026-05-04T16:05:00Z' }],
      results,
      ...extra,
    }],
  };
}
const result = (ruleId: string, line: number, more: Record<string, unknown> = {}) => ({
  ruleId, message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/db.ts' }, region: { startLine: line } } }], ...more,
});

describe('sarif', () => {
  it('ships the official schema beside the package so src and dist find it', () => {
    expect(existsSync(SARIF_SCHEMA_PATH)).toBe(true);
    expect(readFileSync(SARIF_SCHEMA_PATH, 'utf8')).toBe(readFileSync(join(REAL_FIXTURES, 'vuln/sarif-schema-2.1.0.json'), 'utf8'));
  });

  it('reads Trivy SARIF: the image, the packages from the messages, severity from security-severity', async () => {
    const [run, ...findings] = await parseFile(sarifCollector, TRIVY, AT);
    expect(run).toMatchObject({ kind: 'scan_run', scanner: 'trivy', asset: 'ghcr.io/aquasecurity/trivy-test-images', assetType: 'image', at: '2026-04-06T16:00:00.000Z', findingCount: 4, locator: '/runs/0' });
    expect(findings[0]).toMatchObject({ vulnId: 'CVE-2019-1549', severity: 'medium', package: 'libcrypto1.1', version: '1.1.1c-r0', fixedVersion: '1.1.1d-r0', locator: '/runs/0/results/0', title: 'openssl: information disclosure in fork()' });
    expect(findings.map((f) => (f as { package: string }).package)).toEqual(['libcrypto1.1', 'libcrypto1.1', 'libssl1.1', 'libssl1.1']);
  });

  it('reads a code scanning run: repository from provenance, time from the invocation, level when there is no score', async () => {
    const records = await parseFile(sarifCollector, tempFile('codeql.sarif', log([result('js/sql-injection', 12), result('js/unused-local-variable', 3, { level: 'note' }), result('js/sql-injection', 40)])));
    expect(records[0]).toMatchObject({ scanner: 'codeql', asset: 'relaylabs/agent-api', assetType: 'repository', at: '2026-05-04T16:05:00.000Z', findingCount: 3 });
    expect(records.slice(1).map((f) => [(f as { target: string }).target, (f as { severity: string }).severity])).toEqual([['src/db.ts:12', 'high'], ['src/db.ts:3', 'low'], ['src/db.ts:40', 'high']]);
  });

  it('leaves out passing and absent results, keeps suppressed ones as dismissed, and an empty run as zero findings', async () => {
    const records = await parseFile(sarifCollector, tempFile('s.sarif', log([
      result('js/sql-injection', 1, { kind: 'pass' }), result('js/sql-injection', 2, { baselineState: 'absent' }),
      result('js/sql-injection', 3, { suppressions: [{ kind: 'external', status: 'accepted' }] }),
    ])));
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ state: 'dismissed', stateReason: 'external' });
    expect(await parseFile(sarifCollector, tempFile('e.sarif', log([])))).toEqual([expect.objectContaining({ kind: 'scan_run', findingCount: 0 })]);
  });

  it('refuses a file that breaks the schema, naming the place', async () => {
    const bad = log([{ ruleId: 'x', message: { text: 'm' }, level: 'severe' }]);
    await expect(parseFile(sarifCollector, tempFile('bad.sarif', bad))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/runs/0/results/0/level' } });
  });

  it('refuses other formats and SARIF 2.0', async () => {
    await expect(parseFile(sarifCollector, join(REAL_FIXTURES, 'vuln/trivy-alpine-310.json.golden'), AT)).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('trivy-json') });
    await expect(parseFile(sarifCollector, tempFile('old.sarif', { version: '2.0.0', runs: [] }))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/version' } });
  });

  it('takes the file modification time when the run has no invocation and no scannedAt is set', async () => {
    expect((await parseFile(sarifCollector, TRIVY))[0]).toMatchObject({ kind: 'scan_run', at: statSync(TRIVY).mtime.toISOString() });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses the truncated Trivy SARIF with exit 3 (${dialect})`, async () => {
      const res = await collectFile('sarif', truncatedCopy(TRIVY), AT, dialect);
      expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
      expect(res.exitCode).toBe(3);
      expect(res.records.finding ?? []).toHaveLength(0);
    });
  }
});
