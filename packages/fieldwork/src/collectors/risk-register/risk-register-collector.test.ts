import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { parseFile, parseFileReport } from '../../testing/index.js';
import { riskRegisterCollector } from './risk-register-collector.js';
import { riskRegisterDefaults } from './risk-register-config.js';
import { riskRegisterJsonSchema } from './risk-register-entry.js';

const dir = mkdtempSync(join(tmpdir(), 'risk-register-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function failure(path: string, options: unknown = {}) {
  try {
    await parseFile(riskRegisterCollector, path, options);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

const YAML = `# Risk register, reviewed each quarter by the security lead.
risks:
  - id: R-01
    title: Injected instructions in retrieved documents make the support agent call tools
    category: prompt-injection
    owner: raj@relaylabs.ai
    inherent: { likelihood: 4, impact: 5 }
    residual: { likelihood: 2, impact: 4 }
    treatment:
      type: mitigate
      plan: Tool calls above the approval threshold need a human
      owner: raj@relaylabs.ai
      due: 2026-12-01
    controls: [AGT-03, AGT-04]
    created: 2026-01-10
    reviewed: "2026-07-01"
    review_months: 6
  - id: R-02
    title: Card data exposed through a vendor
    category: vendor
    inherent: { likelihood: 2, impact: 4 }
    treatment: { type: accept, approved_by: ceo@relaylabs.ai }
`;

describe('risk-register-yaml', () => {
  it('reads each risk with its ratings, treatment, links and dates, citing line and pointer', async () => {
    const records = await parseFile(riskRegisterCollector, file('risks.yaml', YAML));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      kind: 'risk', id: 'R-01', category: 'prompt-injection', owner: 'raj@relaylabs.ai',
      inherent: { likelihood: 4, impact: 5 }, residual: { likelihood: 2, impact: 4 },
      treatment: { type: 'mitigate', owner: 'raj@relaylabs.ai', due: '2026-12-01' }, controls: ['AGT-03', 'AGT-04'],
      createdOn: '2026-01-10', reviewedOn: '2026-07-01', reviewMonths: 6, locator: 'line 3#/risks/0',
    });
    expect(records[1]).toMatchObject({ id: 'R-02', treatment: { type: 'accept', approvedBy: 'ceo@relaylabs.ai' }, controls: [], locator: 'line 18#/risks/1' });
    expect(records[1]).not.toHaveProperty('residual');
  });

  it('refuses a rating above the workspace scale, naming its line; the same rating on a wider scale is read', async () => {
    const p = file('scale.yaml', YAML.replace('likelihood: 4, impact: 5', 'likelihood: 4, impact: 6'));
    const err = await failure(p);
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 7, pointer: '/risks/0/inherent/impact' } });
    expect(err.message).toMatch(/above the workspace scale \(1–5\)/);
    const wide = riskRegisterDefaults({ risks: { scale: { likelihood: 5, impact: 7 } } });
    expect((await parseFile(riskRegisterCollector, p, wide))[0]).toMatchObject({ inherent: { impact: 6 } });
  });

  it('refuses an unknown category, a missing title and duplicate ids, naming the place', async () => {
    const cat = await failure(file('cat.yaml', YAML.replace('category: vendor', 'category: vendors')));
    expect(cat).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 20, pointer: '/risks/1/category' } });
    const untitled = await failure(file('untitled.yaml', 'risks:\n  - id: R-1\n    category: fraud\n    inherent: { likelihood: 1, impact: 1 }\n'));
    expect(untitled).toMatchObject({ where: { pointer: '/risks/0/title' } });
    const e = '  - { id: R-1, title: t, category: fraud, inherent: { likelihood: 1, impact: 1 } }\n';
    expect((await failure(file('dup.yaml', `risks:\n${e}${e}`))).message).toMatch(/twice/);
  });

  it('refuses broken YAML and a file that is not a register', async () => {
    expect((await failure(file('broken.yaml', 'risks:\n  - id: [R-1\n'))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('other.yaml', 'vendors:\n  - name: x\n'))).code).toBe('INPUT_WRONG_FORMAT');
  });

  it('names every key it did not read, in entries, treatments and at the top', async () => {
    const text = `version: 2\n${YAML.replace('    review_months: 6\n', '    review_months: 6\n    velocity: fast\n').replace('approved_by: ceo@relaylabs.ai }', 'approved_by: ceo@relaylabs.ai, memo: M-1 }')}`;
    const { ignored } = await parseFileReport(riskRegisterCollector, file('extra.yaml', text));
    expect(ignored).toEqual([{ field: 'version', at: 'line 1' }, { field: 'velocity', at: 'line 19' }, { field: 'treatment.memo', at: 'line 24' }]);
  });

  it('has a JSON Schema for editors that lists the categories', () => {
    expect(JSON.stringify(riskRegisterJsonSchema())).toContain('cross-tenant-leakage');
  });
});
