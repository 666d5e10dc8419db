import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPolicy, policyBody } from '../../policies/index.js';
import { runCliCaptured } from '../../testing/run-cli-captured.js';
import { initWorkspace } from '../../workspace/index.js';

const cli = runCliCaptured;

describe('fieldwork policy ack-links', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-ack-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one link per active person and approved policy, as JSON for a mail merge; refuses a bad --days', async () => {
    initWorkspace({
      dir, organization: 'Relay Labs', timezone: 'UTC', owner: { name: 'Maya Chen', email: 'maya@x.ai' }, categories: ['security'],
      report: { type: 2, from: '2026-01-01', to: '2026-06-30' }, startDate: '2025-01-01', b2b: true, force: true,
      sources: [{ name: 'hr', kind: 'bamboohr-csv', path: 'hr.csv' }, { name: 'policies', kind: 'policies-md', path: 'policies' }],
    });
    writeFileSync(join(dir, 'hr.csv'), 'employeeNumber,firstName,lastName,workEmail,hireDate,terminationDate,status\n1,Ada,Okafor,ada@x.ai,2024-01-01,0000-00-00,Active\n2,Cy,Gone,cy@x.ai,2023-01-01,2025-05-08,Inactive\n');
    mkdirSync(join(dir, 'policies'), { recursive: true });
    writeFileSync(join(dir, 'policies', 'bcdr.md'), formatPolicy({ id: 'bcdr', title: 'Business Continuity Policy', version: '2.0', owner: 'Maya Chen', approved_by: 'Maya Chen', approved_at: '2026-01-10', next_review: '2027-01-10' }, policyBody('Business Continuity Policy', 'We restore service within a day.')));
    writeFileSync(join(dir, 'policies', 'draft.md'), formatPolicy({ id: 'draft', title: 'Draft Policy', version: '0.1', owner: 'Maya Chen', approved_by: null, approved_at: null, next_review: null }, policyBody('Draft Policy', 'Not yet.')));
    expect((await cli(['--workspace', dir, 'collect'])).code).toBe(0);

    const r = await cli(['--workspace', dir, '--json', 'policy', 'ack-links', '--base-url', 'https://fieldwork.example.com/']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { email: string; policy: string; version: string; bodySha256: string; url: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: 'ada@x.ai', policy: 'bcdr', version: '2.0', bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(rows[0].url).toMatch(/^https:\/\/fieldwork\.example\.com\/ack\/[A-Za-z0-9_-]{43}$/);

    const bad = await cli(['--workspace', dir, 'policy', 'ack-links', '--days', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days 0');
  });
});
