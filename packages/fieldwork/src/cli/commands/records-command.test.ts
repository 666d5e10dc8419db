import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../workspace/index.js';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

const HEADER = 'name,criticality,data_access,subservice,preset,soc2_type,soc2_period_from,soc2_period_to,bridge_letter_to,last_review_date,last_review_reviewer,last_review_signed,owner';
const row = (name: string, reviewed: string) => `${name},high,prompts,,,Type II,2025-03-01,2026-02-28,,${reviewed},maya@x.ai,yes,ai-lead`;

describe('fieldwork records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-records-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the current view, what the register said as of an earlier time, and refuses an unknown kind', async () => {
    initWorkspace({
      dir, organization: 'Relay Labs', timezone: 'UTC', owner: { name: 'Maya Chen', email: 'maya@x.ai' }, categories: ['security'],
      report: { type: 2, from: '2026-01-01', to: '2026-06-30' }, startDate: '2025-01-01', b2b: true, sources: [{ name: 'vendors', kind: 'vendors-csv', path: 'vendors.csv' }], force: true,
    });
    writeFileSync(join(dir, 'vendors.csv'), [HEADER, row('OpenAI', '2026-03-15'), row('Acme', '2026-01-10')].join('\n') + '\n');
    expect((await cli(['--workspace', dir, 'collect'])).code).toBe(0);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    writeFileSync(join(dir, 'vendors.csv'), [HEADER, row('OpenAI', '2024-03-15')].join('\n') + '\n');
    const second = await cli(['--workspace', dir, 'collect']);
    expect(second.stdout).toMatch(/earlier record\(s\) superseded/);

    const now = JSON.parse((await cli(['--workspace', dir, '--json', 'records', 'vendor_review'])).stdout);
    expect(now).toMatchObject({ kind: 'vendor_review', asOf: null, count: 1, records: [{ vendor: 'OpenAI', reviewedAt: '2024-03-15' }] });
    expect(now.records[0].identity).toBe('["openai","2024-03-15","maya@x.ai"]');
    const then = JSON.parse((await cli(['--workspace', dir, '--json', 'records', 'vendor_review', '--source', 'vendors', '--as-of', between])).stdout);
    expect(then.records.map((r: { vendor: string; reviewedAt: string }) => `${r.vendor} ${r.reviewedAt}`).sort()).toEqual(['Acme 2026-01-10', 'OpenAI 2026-03-15']);
    const text = await cli(['--workspace', dir, 'records', 'vendor']);
    expect(text.stdout).toMatch(/^1 vendor record\(s\) \(current\)\n {2}OpenAI/);

    const bad = await cli(['--workspace', dir, 'records', 'vendors']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"vendors" is not a record kind[\s\S]*vendor_review/);
  });
});
