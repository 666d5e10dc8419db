import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as cli } from '../../testing/run-cli-captured.js';

let root: string;
let dir: string;

const REQUIREMENTS = `# Our customer's AI assurance questionnaire, as a framework
id: acme-ai-questionnaire
name: Acme AI vendor questionnaire
version: "2026"
groups:
  - { id: Q1, title: Model governance }
requirements:
  - { id: Q1.1, group: Q1, title: Model inventory, summary: The vendor knows which models serve its product. }
  - { id: Q1.2, group: Q1, title: Human review, summary: A person reviews risky agent actions before they happen. }
  - { id: Q1.3, group: Q1, title: Bias testing, summary: The vendor tests outputs for unfair bias. }
`;
const MAPPING = `framework: acme-ai-questionnaire
mappings:
  - { control: AGT-22, requirement: Q1.1, relationship: equal }
  - { control: AGT-04, requirement: Q1.2, relationship: subset, rationale: 'Approval above a declared threshold, not every action.' }
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'fieldwork-frameworks-'));
  dir = join(root, 'ws');
  expect((await cli(['init', '--yes', '--workspace', dir, '--org', 'Acme AI', '--timezone', 'UTC'])).code).toBe(0);
  mkdirSync(join(dir, 'frameworks'));
  writeFileSync(join(dir, 'frameworks', 'acme-requirements.yaml'), REQUIREMENTS);
  writeFileSync(join(dir, 'frameworks', 'acme-mapping.yaml'), MAPPING);
  // A mapping alone adds to a built-in framework: here our policy lifecycle to the AI policy.
  writeFileSync(join(dir, 'frameworks', 'iso-extra.json'), JSON.stringify({ framework: 'iso42001', mappings: [{ control: 'GOV-05', requirement: 'A.2.2', relationship: 'intersect' }] }));
  appendFileSync(join(dir, 'fieldwork.yaml'), '\nframeworks:\n  - { requirements: frameworks/acme-requirements.yaml, mapping: frameworks/acme-mapping.yaml }\n  - { mapping: frameworks/iso-extra.json }\n');
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('fieldwork catalog frameworks', () => {
  it('lists the built-in frameworks with their mapping coverage', async () => {
    const r = await cli(['catalog', 'frameworks', '--all', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; requirements: number; mapped: number; unmapped: string[] }[];
    expect(rows.map((x) => [x.id, x.requirements])).toEqual([['iso42001', 38], ['nist-ai-rmf', 72], ['eu-ai-act', 32], ['owasp-llm', 10]]);
    for (const row of rows) expect(row.mapped + row.unmapped.length).toBe(row.requirements);
    const text = await cli(['catalog', 'frameworks', '--all']);
    expect(text.stdout).toMatch(/iso42001 +ISO\/IEC 42001 Annex A/);
  });

  it('shows one framework with the controls mapped to each requirement; an unknown id is a usage error', async () => {
    const r = await cli(['catalog', 'framework', 'eu-ai-act', '--all', '--json']);
    const fw = JSON.parse(r.stdout) as { requirements: { id: string; controls: { control: string; relationship: string }[] }[] };
    expect(fw.requirements.find((x) => x.id === 'Art. 14')?.controls).toContainEqual({ control: 'AGT-04', relationship: 'subset', rationale: expect.any(String) });
    const bad = await cli(['catalog', 'framework', 'iso27001', '--all']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no such framework[\s\S]*iso42001, nist-ai-rmf, eu-ai-act, owasp-llm/);
  });

  it('adds the workspace\'s frameworks and mappings as data', async () => {
    const rows = JSON.parse((await cli(['catalog', 'frameworks', '--json', '--workspace', dir])).stdout) as { id: string; mapped: number; unmapped: string[] }[];
    expect(rows.find((x) => x.id === 'acme-ai-questionnaire')).toMatchObject({ mapped: 2, unmapped: ['Q1.3'] });
    expect(rows.find((x) => x.id === 'iso42001')?.unmapped).not.toContain('A.2.2');
    // Without the workspace, the built-in mapping leaves A.2.2 without a control.
    expect(JSON.parse((await cli(['catalog', 'frameworks', '--all', '--json'])).stdout).find((x: { id: string }) => x.id === 'iso42001').unmapped).toContain('A.2.2');
  });
});

describe('fieldwork check --framework', () => {
  it('adds the framework view to the check run: figures, requirements and the unmapped list', async () => {
    const r = await cli(['check', '--framework', 'acme-ai-questionnaire', '--json', '--workspace', dir]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.length).toBeGreaterThan(0);
    // Nothing collected: the mapped requirements are untested, never served.
    expect(out.framework.summary).toEqual({ requirements: 3, mapped: 2, tested: 0, withExceptions: 0, served: 0, unmapped: ['Q1.3'] });
    expect(out.framework.requirements[1]).toEqual({ id: 'Q1.2', title: 'Human review', state: 'untested', controls: [{ control: 'AGT-04', relationship: 'subset', status: 'insufficient_evidence', exceptions: 0 }] });
    const text = await cli(['check', '--framework', 'iso42001', '--workspace', dir]);
    expect(text.stdout).toMatch(/ISO\/IEC 42001 Annex A .*\(2023\)\n\d+ of 38 requirements mapped to our controls; \d+ served by a tested control/);
    // GOV-05 finds the required policies missing: the AI policy requirement the workspace mapped shows it.
    expect(text.stdout).toMatch(/exceptions +A\.2\.2 AI policy GOV-05 exception/);
    expect(text.stdout).toMatch(/no control: A\.2\.3, /);
  });

  it('refuses an unknown framework before running any check', async () => {
    const r = await cli(['check', '--framework', 'soc3', '--json', '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'USAGE', message: '--framework soc3: no such framework.' });
    expect(JSON.parse(r.stdout).results).toBeUndefined();
  });

  it('names the file and the place of a bad mapping, and exits 3', async () => {
    writeFileSync(join(dir, 'frameworks', 'acme-mapping.yaml'), MAPPING.replace('AGT-22', 'AGT-99'));
    try {
      const r = await cli(['catalog', 'frameworks', '--workspace', dir]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/AGT-99/);
      expect(r.stderr).toMatch(/acme-mapping\.yaml/);
      expect(r.stderr).toMatch(/\/mappings\/0\/control/);
    } finally {
      writeFileSync(join(dir, 'frameworks', 'acme-mapping.yaml'), MAPPING);
    }
  });

  it('refuses framework files outside the workspace, broken YAML and mappings for an unknown framework', async () => {
    const yaml = join(dir, 'fieldwork.yaml');
    const original = readFileSync(yaml, 'utf8');
    const withEntry = (entry: string) => writeFileSync(yaml, `${original}  - ${entry}\n`);
    try {
      writeFileSync(join(root, 'outside.json'), JSON.stringify({ framework: 'iso42001', mappings: [] }));
      withEntry('{ mapping: ../outside.json }');
      let r = await cli(['catalog', 'frameworks', '--workspace', dir]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/outside the workspace/);

      writeFileSync(join(dir, 'frameworks', 'broken.yaml'), 'framework: iso42001\nmappings:\n  - { control: AGT-22, requirement: A.4.2\n');
      withEntry('{ mapping: frameworks/broken.yaml }');
      r = await cli(['catalog', 'frameworks', '--workspace', dir]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/broken\.yaml is not valid YAML or JSON/);

      writeFileSync(join(dir, 'frameworks', 'unknown.yaml'), 'framework: iso27001\nmappings: []\n');
      withEntry('{ mapping: frameworks/unknown.yaml }');
      r = await cli(['catalog', 'frameworks', '--workspace', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no framework "iso27001" to add mappings to/);
    } finally {
      writeFileSync(yaml, original);
    }
  });
});
