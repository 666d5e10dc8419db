import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_FIXTURES, TEST_DIALECTS, parseFile } from '../../testing/index.js';
import { collectFile, tempFile, truncatedCopy } from '../input/scan-test-support.js';
import { dependabotCollector } from './dependabot-collector.js';

const CREATED = join(REAL_FIXTURES, 'github/webhook-dependabot_alert.created.payload.json');
const FIXED = join(REAL_FIXTURES, 'github/webhook-dependabot_alert.fixed.payload.json');
const GRAPHQL = join(REAL_FIXTURES, 'github/graphql-vulnerabilityAlerts.github-5-vuln.json');

function alert(n: number, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: n, state: 'open',
    dependency: { package: { ecosystem: 'pip', name: 'jinja2' }, manifest_path: 'agent-runtime/uv.lock', scope: 'runtime' },
    security_advisory: { ghsa_id: `GHSA-h5c8-rqwp-cp9${n}`, cve_id: `CVE-2026-2${n}00`, summary: 'Sandbox escape', severity: 'high' },
    security_vulnerability: { package: { ecosystem: 'pip', name: 'jinja2' }, severity: 'high', first_patched_version: { identifier: '3.1.6' } },
    url: `https://api.github.com/repos/relaylabs/agent-runtime/dependabot/alerts/${n}`,
    created_at: '2026-05-04T10:00:00Z', updated_at: '2026-05-04T10:00:00Z', fixed_at: null, dismissed_at: null, dismissed_reason: null, auto_dismissed_at: null,
    ...more,
  };
}

describe('dependabot-alerts', () => {
  it('reads the REST list: one run of the repository, first-seen and fixed as Dependabot states them', async () => {
    const file = tempFile('alerts.json', [alert(1), alert(2, { state: 'fixed', fixed_at: '2026-05-20T08:00:00Z', updated_at: '2026-05-20T08:00:00Z' }), alert(3, { state: 'dismissed', dismissed_at: '2026-05-06T08:00:00Z', dismissed_reason: 'tolerable_risk', security_vulnerability: { severity: 'moderate' } })]);
    const [run, ...findings] = await parseFile(dependabotCollector, file);
    expect(run).toMatchObject({ kind: 'scan_run', scanner: 'dependabot', asset: 'relaylabs/agent-runtime', at: '2026-05-20T08:00:00.000Z', findingCount: 3, targets: ['agent-runtime/uv.lock'] });
    expect(findings).toEqual([
      expect.objectContaining({ vulnId: 'CVE-2026-2100', severity: 'high', package: 'jinja2', fixedVersion: '3.1.6', target: 'agent-runtime/uv.lock', firstSeenAt: '2026-05-04T10:00:00.000Z', state: 'open', locator: '/0' }),
      expect.objectContaining({ vulnId: 'CVE-2026-2200', state: 'fixed', fixedAt: '2026-05-20T08:00:00.000Z' }),
      expect.objectContaining({ vulnId: 'CVE-2026-2300', severity: 'medium', state: 'dismissed', stateReason: 'tolerable_risk', dismissedAt: '2026-05-06T08:00:00.000Z' }),
    ]);
  });

  it('reads gh api --paginate output (pages one after another) and --slurp output alike', async () => {
    const pages = `${JSON.stringify([alert(1)])}\n${JSON.stringify([alert(2), alert(1)])}\n`;
    const records = await parseFile(dependabotCollector, tempFile('paged.json', pages), { scannedAt: '2026-06-01T00:00:00Z' });
    expect(records[0]).toMatchObject({ at: '2026-06-01T00:00:00.000Z', findingCount: 2 });
    expect(records[2]).toMatchObject({ locator: 'line 2#/0' });
    const slurped = await parseFile(dependabotCollector, tempFile('slurp.json', [[alert(1)], [alert(2)]]));
    expect(slurped.map((r) => r.locator)).toEqual(['/', '/0/0', '/1/0']);
  });

  it('reads webhook payloads as findings without a scan run (one alert changing is not a scan)', async () => {
    const [created] = await parseFile(dependabotCollector, CREATED);
    expect(created).toMatchObject({ kind: 'finding', asset: 'wolfy1339/pika-pack', vulnId: 'CVE-2022-25883', severity: 'medium', package: 'semver', target: 'package-lock.json', fixedVersion: '7.5.2', state: 'open', firstSeenAt: '2023-06-24T13:57:12.000Z', seenAt: '2023-06-24T13:57:12.000Z', locator: '/alert' });
    const fixed = await parseFile(dependabotCollector, FIXED);
    expect(fixed).toEqual([expect.objectContaining({ kind: 'finding', asset: 'octocat/hello-world', state: 'fixed', fixedAt: '2022-06-15T13:55:40.000Z' })]);
  });

  it('reads the GraphQL vulnerabilityAlerts response (the fetch time from options)', async () => {
    const [run, ...findings] = await parseFile(dependabotCollector, GRAPHQL, { scannedAt: '2026-04-06T16:00:00Z' });
    expect(run).toMatchObject({ kind: 'scan_run', asset: 'test-repository', findingCount: 5 });
    expect(findings.map((f) => (f as { severity: string }).severity)).toEqual(['critical', 'high', 'medium', 'medium', 'low']);
    expect(findings[0]).toMatchObject({ vulnId: 'TEST-aaaa-bbbb-cccc', package: 'package01', locator: '/data/search/nodes/0/vulnerabilityAlerts/nodes/0' });
  });

  it('dates a list without times by the export file, and asks for the repository when the file cannot say', async () => {
    const [run] = await parseFile(dependabotCollector, GRAPHQL);
    expect(run).toMatchObject({ kind: 'scan_run', at: statSync(GRAPHQL).mtime.toISOString() });
    await expect(parseFile(dependabotCollector, tempFile('empty.json', []), { scannedAt: '2026-04-06T16:00:00Z' })).rejects.toMatchObject({ code: 'SOURCE_BAD_OPTIONS', hint: expect.stringContaining('repository') });
    const empty = await parseFile(dependabotCollector, tempFile('empty.json', []), { scannedAt: '2026-04-06T16:00:00Z', repository: 'relaylabs/web' });
    expect(empty).toEqual([expect.objectContaining({ kind: 'scan_run', asset: 'relaylabs/web', findingCount: 0 })]);
  });

  it('refuses other files and GraphQL errors', async () => {
    await expect(parseFile(dependabotCollector, join(REAL_FIXTURES, 'cloud/prowler-example_output_aws.ocsf.json'))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('prowler-ocsf') });
    await expect(parseFile(dependabotCollector, tempFile('err.json', { errors: [{ message: 'Resource not accessible by integration' }] }))).rejects.toMatchObject({ code: 'INPUT_WRONG_FORMAT', message: expect.stringContaining('not accessible') });
  });

  for (const dialect of TEST_DIALECTS) {
    it(`refuses each truncated real file with exit 3 (${dialect})`, async () => {
      for (const f of [CREATED, FIXED, GRAPHQL]) {
        const res = await collectFile('dependabot-alerts', truncatedCopy(f), { scannedAt: '2026-04-06T16:00:00Z' }, dialect);
        expect(res.outcome.error?.code).toBe('INPUT_MALFORMED');
        expect(res.exitCode).toBe(3);
        expect(res.records.finding ?? []).toHaveLength(0);
      }
    });
  }
});
