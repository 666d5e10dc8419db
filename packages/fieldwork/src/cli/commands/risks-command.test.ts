import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../workspace/index.js';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

describe('fieldwork risks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-risks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a risk to risks.yaml and collects it; list prints it with its scores; a bad rating exits 3 and changes nothing', async () => {
    initWorkspace({
      dir, organization: 'Relay Labs', timezone: 'UTC', owner: { name: 'Maya Chen', email: 'maya@x.ai' }, categories: ['security'],
      report: { type: 2, from: '2026-01-01', to: '2026-06-30' }, startDate: '2025-01-01', b2b: true,
      sources: [{ name: 'risk-register', kind: 'risk-register-yaml', path: 'risks.yaml' }], force: true,
    });
    writeFileSync(join(dir, 'risks.yaml'), '# our register\nrisks:\n  - { id: R-01, title: Vendor breach, category: vendor, inherent: { likelihood: 2, impact: 3 } }\n');
    const empty = await cli(['--workspace', dir, 'risks', 'list']);
    expect(empty.stdout).toContain('No risks collected');

    const added = await cli(['--workspace', dir, 'risks', 'add', '--id', 'R-02', '--title', 'Injected instructions in tickets', '--category', 'prompt-injection',
      '--likelihood', '4', '--impact', '5', '--residual-likelihood', '2', '--residual-impact', '4', '--controls', 'AGT-03,AGT-04', '--treatment', 'mitigate', '--treatment-owner', 'noor@x.ai', '--due', '2026-12-01']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added R-02 .* collected as new evidence/);
    expect(readFileSync(join(dir, 'risks.yaml'), 'utf8')).toMatch(/^# our register\n[\s\S]*id: R-02/);

    const list = JSON.parse((await cli(['--workspace', dir, '--json', 'risks', 'list'])).stdout);
    expect(list.risks.map((r: { id: string }) => r.id)).toEqual(['R-01', 'R-02']);
    expect(list.risks[1]).toMatchObject({ inherentScore: 20, inherentLevel: 'high', residualScore: 8, residualLevel: 'medium', controls: ['AGT-03', 'AGT-04'] });
    expect((await cli(['--workspace', dir, 'risks', 'list'])).stdout).toMatch(/R-02 +8 medium .*\(inherent 20\) Injected instructions in tickets/);

    const before = readFileSync(join(dir, 'risks.yaml'), 'utf8');
    const bad = await cli(['--workspace', dir, 'risks', 'add', '--id', 'R-03', '--title', 't', '--category', 'fraud', '--likelihood', '7', '--impact', '1']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('above the workspace scale (1–5)');
    expect(readFileSync(join(dir, 'risks.yaml'), 'utf8')).toBe(before);
  });
});
