import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../testing/index.js';
import { riskRegisterCollector } from '../collectors/risk-register/risk-register-collector.js';
import { writeRiskEntry } from './write-risk-entry.js';

const REGISTER = `# Reviewed each quarter.
risks:
  # The one we worry about most.
  - id: R-01
    title: Prompt injection through tickets
    category: prompt-injection
    inherent: { likelihood: 4, impact: 5 } # before the approval gate
    controls: [AGT-04]
    reviewed: 2026-07-01
    ticket_ref: SEC-12
  - id: R-02
    title: Provider outage
    category: provider-outage
    inherent: { likelihood: 3, impact: 4 }
`;
const scale = { likelihood: 5, impact: 5 };

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'risk-write-'));
  writeFileSync(join(dir, 'risks.yaml'), REGISTER);
  return { dir, file: join(dir, 'risks.yaml') };
}

describe('writeRiskEntry', () => {
  it('edits one risk in place, keeping comments, flow style and keys Fieldwork does not own; the collector reads the result', async () => {
    const { dir, file } = workspace();
    writeRiskEntry(file, {
      id: 'R-02', title: 'Provider outage', category: 'provider-outage', owner: 'priya@relaylabs.ai', inherent: { likelihood: 3, impact: 4 },
      residual: { likelihood: 2, impact: 4 }, treatment: { type: 'mitigate', owner: 'priya@relaylabs.ai', due: '2026-12-01' }, controls: ['AGT-11', 'VEN-02'], reviewed: '2026-10-02',
    }, { mode: 'edit', root: dir, scale });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Reviewed each quarter.');
    expect(text).toContain('# The one we worry about most.');
    expect(text).toContain('inherent: { likelihood: 4, impact: 5 } # before the approval gate');
    expect(text).toContain('ticket_ref: SEC-12');
    expect(text).toContain('controls: [ AGT-11, VEN-02 ]');
    const records = await parseFile(riskRegisterCollector, file);
    expect(records[1]).toMatchObject({ id: 'R-02', owner: 'priya@relaylabs.ai', residual: { likelihood: 2, impact: 4 }, treatment: { type: 'mitigate', due: '2026-12-01' }, reviewedOn: '2026-10-02' });
    expect(records[0]).toMatchObject({ id: 'R-01', reviewedOn: '2026-07-01', controls: ['AGT-04'] });
  });

  it('removes a field cleared in the form and appends a new risk', async () => {
    const { dir, file } = workspace();
    writeRiskEntry(file, { id: 'R-01', title: 'Prompt injection through tickets', category: 'prompt-injection', inherent: { likelihood: 4, impact: 5 }, controls: ['AGT-04'] }, { mode: 'edit', root: dir, scale });
    writeRiskEntry(file, { id: 'R-03', title: 'Insider refund fraud', category: 'fraud', inherent: { likelihood: 2, impact: 3 }, created: '2026-10-01' }, { mode: 'add', root: dir, scale });
    const records = await parseFile(riskRegisterCollector, file);
    expect(records[0]).not.toHaveProperty('reviewedOn');
    expect(records.map((r) => (r as { id: string }).id)).toEqual(['R-01', 'R-02', 'R-03']);
  });

  it('refuses a rating off the scale, an unknown id and a duplicate, leaving the file as it was', () => {
    const { dir, file } = workspace();
    const base = { title: 't', category: 'fraud' as const, inherent: { likelihood: 2, impact: 3 } };
    expect(() => writeRiskEntry(file, { ...base, id: 'R-01', inherent: { likelihood: 6, impact: 3 } }, { mode: 'edit', root: dir, scale })).toThrow(/above the workspace scale/);
    expect(() => writeRiskEntry(file, { ...base, id: 'R-09' }, { mode: 'edit', root: dir, scale })).toThrow(/No risk R-09/);
    expect(() => writeRiskEntry(file, { ...base, id: 'R-02' }, { mode: 'add', root: dir, scale })).toThrow(/already/);
    expect(() => writeRiskEntry(file, { ...base, id: 'R-01', category: 'weather' as never }, { mode: 'edit', root: dir, scale })).toThrow(/category/);
    expect(readFileSync(file, 'utf8')).toBe(REGISTER);
  });

  it('refuses to write through a symlink that leads out of the workspace', () => {
    const { dir } = workspace();
    const outside = mkdtempSync(join(tmpdir(), 'risk-outside-'));
    writeFileSync(join(outside, 'risks.yaml'), REGISTER);
    symlinkSync(join(outside, 'risks.yaml'), join(dir, 'linked.yaml'));
    expect(() => writeRiskEntry(join(dir, 'linked.yaml'), { id: 'R-01', title: 't', category: 'fraud', inherent: { likelihood: 1, impact: 1 } }, { mode: 'edit', root: dir, scale })).toThrow();
    expect(readFileSync(join(outside, 'risks.yaml'), 'utf8')).toBe(REGISTER);
  });
});
