import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

describe('fieldwork catalog sources', () => {
  it('--all --markdown prints docs/source-coverage.md', async () => {
    const r = await cli(['catalog', 'sources', '--all', '--markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(new URL('../../../../../docs/source-coverage.md', import.meta.url), 'utf8'));
  });

  it('for a workspace with only an identity log and policies, names the controls in scope it cannot serve and the kinds that would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldwork-sources-'));
    expect((await cli(['init', '--yes', '--workspace', dir])).code).toBe(0);
    const yaml = readFileSync(join(dir, 'fieldwork.yaml'), 'utf8');
    writeFileSync(join(dir, 'fieldwork.yaml'), yaml.replace(/^sources:\n/m, 'sources:\n  - { name: entra, kind: entra-audit, path: exports/entra/audits.json }\n'));
    const json = await cli(['catalog', 'sources', '--json', '--workspace', dir]);
    expect(json.code).toBe(0);
    const { workspace } = JSON.parse(json.stdout) as { workspace: { configured: string[]; gaps: { control: string; status: string; missing: string[]; wouldServe: string[] }[] } };
    expect(workspace.configured).toEqual(['entra-audit', 'policies-md']);
    const byId = new Map(workspace.gaps.map((g) => [g.control, g]));
    expect(byId.get('HR-05')).toMatchObject({ status: 'not_served', missing: ['person'], wouldServe: ['bamboohr-csv', 'hr-csv'] });
    expect(byId.get('ACC-03')?.status).toBe('served');
    expect(byId.get('GOV-05')?.status).toBe('served');
    const text = await cli(['catalog', 'sources', '--workspace', dir]);
    expect(text.stdout).toMatch(/HR-05 .*no person; add one of: bamboohr-csv, hr-csv/);
  });
});
