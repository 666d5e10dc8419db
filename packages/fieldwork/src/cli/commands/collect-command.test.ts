import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

const VENDORS = 'Vendor,Risk Level,SOC 2 Report Type,Period End,Website,Contract Value\nAnthropic,critical,Type II,2026-02-28,https://anthropic.com,120000\nLoom,low,,,https://loom.com,\n';
const INCIDENTS = JSON.stringify({ incidents: [{ id: 'INC-1', opened_at: '2026-06-02T10:00:00Z', postmortem_url: 'https://wiki/pm/1', Commander: 'ana' }] }, null, 2);
const CLEAN = 'name,criticality\nGitHub,high\n';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-collect-ignored-'));
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Test AI', 'timezone: UTC', 'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }',
    'owners:', '  compliance: { name: Pat, email: pat@x.ai }', 'sources:',
    '  - { name: vendors, kind: vendors-csv, path: vendors.csv }',
    '  - { name: incident-register, kind: incidents-json, path: incidents.json }',
    '  - { name: clean, kind: vendors-csv, path: clean.csv }',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'vendors.csv'), VENDORS);
  writeFileSync(join(dir, 'incidents.json'), INCIDENTS);
  writeFileSync(join(dir, 'clean.csv'), CLEAN);
  return dir;
}

describe('collect names the fields it did not read', () => {
  it('prints one warning line per source, naming the file, the fields and the mapping option', async () => {
    const r = await cli(['collect', '--workspace', workspace()]);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('did not read'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('source "vendors" (vendors-csv) did not read vendors.csv: "Website" (line 1), "Contract Value" (line 1); map them with options.columns');
    expect(warnings[1]).toContain('source "incident-register" (incidents-json) did not read incidents.json: "Commander" (/incidents/0/Commander); map them with options.fields');
    expect(r.stderr).not.toContain('source "clean"');
  });

  it('lists them in --json as ignored, per source and per artifact with the first place', async () => {
    const r = await cli(['collect', '--workspace', workspace(), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sources: { name: string; records: number; ignored: string[]; artifacts: { ignored: { field: string; at: string }[] }[] }[] };
    const by = Object.fromEntries(out.sources.map((s) => [s.name, s]));
    expect(by.vendors).toMatchObject({ status: 'collected', ignored: ['Website', 'Contract Value'] });
    expect(by.vendors.artifacts[0].ignored).toEqual([{ field: 'Website', at: 'line 1' }, { field: 'Contract Value', at: 'line 1' }]);
    expect(by['incident-register'].ignored).toEqual(['Commander']);
    expect(by.clean).toMatchObject({ ignored: [], artifacts: [{ ignored: [] }] });
  });
});
