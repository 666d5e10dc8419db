import { describe, expect, it } from 'vitest';
import { builtInControls } from '../catalog.js';
import { builtInFrameworks, dataFrameworks } from './built-in-frameworks.js';
import { defineFramework, FrameworkDataError } from './define-framework.js';
import { findFramework, frameworkCoverage } from './framework-coverage.js';
import type { ResultForCoverage } from './framework-coverage.js';

const ids = builtInControls.map((c) => c.id);
const byId = (id: string) => builtInFrameworks().find((f) => f.id === id)!;

const tiny = {
  id: 'tiny', name: 'A tiny framework', version: '1',
  requirements: [
    { id: 'T.1', title: 'Logging', summary: 'Events are logged and kept.' },
    { id: 'T.2', title: 'Oversight', summary: 'A person can step in.' },
    { id: 'T.3', title: 'Suppliers', summary: 'Suppliers are reviewed.' },
    { id: 'T.4', title: 'Nothing maps', summary: 'No control of ours serves this one.' },
  ],
};
const tinyMap = {
  framework: 'tiny',
  mappings: [
    { control: 'AGT-17', requirement: 'T.1', relationship: 'subset' },
    { control: 'AGT-04', requirement: 'T.2', relationship: 'subset' },
    { control: 'AGT-01', requirement: 'T.2', relationship: 'intersect' },
    { control: 'VEN-01', requirement: 'T.3', relationship: 'equal' },
  ],
};

describe('built-in frameworks', () => {
  it('ship the requirement ids of each framework', () => {
    expect(dataFrameworks.map((f) => [f.id, f.requirements.length])).toEqual([['iso42001', 38], ['nist-ai-rmf', 72], ['eu-ai-act', 32]]);
    const iso = byId('iso42001').requirements.map((r) => r.id);
    expect(iso[0]).toBe('A.2.2');
    expect(iso.at(-1)).toBe('A.10.4');
    expect(iso).toContain('A.6.2.8');
    for (const id of iso) expect(id).toMatch(/^A\.\d+\.\d+(\.\d+)?$/);
    const nist = byId('nist-ai-rmf').requirements.map((r) => r.id);
    expect(nist.filter((id) => id.startsWith('GOVERN')).length).toBe(19);
    expect(nist.filter((id) => id.startsWith('MAP')).length).toBe(18);
    expect(nist.filter((id) => id.startsWith('MEASURE')).length).toBe(22);
    expect(nist.filter((id) => id.startsWith('MANAGE')).length).toBe(13);
    expect(nist).toContain('MANAGE 4.3');
    const eu = byId('eu-ai-act').requirements.map((r) => r.id);
    for (const art of ['Art. 12', 'Art. 14', 'Art. 15', 'Art. 26(6)', 'Art. 50(1)', 'Art. 53(1)(a)', 'Art. 55(1)(c)']) expect(eu).toContain(art);
    expect(byId('owasp-llm').requirements.map((r) => r.id)).toEqual(['LLM01', 'LLM02', 'LLM03', 'LLM04', 'LLM05', 'LLM06', 'LLM07', 'LLM08', 'LLM09', 'LLM10']);
  });

  it('map only to controls in the catalog and cover logging, human oversight and accuracy in the EU AI Act', () => {
    const eu = byId('eu-ai-act');
    const mapped = (req: string) => eu.mappings.filter((m) => m.requirement === req).map((m) => m.control);
    expect(mapped('Art. 12')).toContain('AGT-17');
    expect(mapped('Art. 14')).toContain('AGT-04');
    expect(mapped('Art. 15')).toContain('AGT-14');
    expect(byId('nist-ai-rmf').mappings.find((m) => m.requirement === 'GOVERN 1.6')).toMatchObject({ control: 'AGT-22', relationship: 'equal' });
  });

  it('OWASP LLM follows the controls\' own ids', () => {
    const owasp = byId('owasp-llm');
    const fromControls = builtInControls.flatMap((c) => c.owaspLlm.map((id) => `${c.id}|${id}`)).sort();
    expect(owasp.mappings.map((m) => `${m.control}|${m.requirement}`).sort()).toEqual(fromControls);
  });

  it('find by id, case aside', () => {
    expect(findFramework(builtInFrameworks(), 'ISO42001')?.name).toMatch(/42001/);
    expect(findFramework(builtInFrameworks(), 'iso27001')).toBeUndefined();
  });
});

describe('defineFramework', () => {
  it('validates the data and names the bad place', () => {
    expect(defineFramework(tiny, tinyMap, ids).mappings).toHaveLength(4);
    const bad = (req: unknown, map: unknown) => {
      try {
        defineFramework(req, map, ids);
      } catch (e) {
        return e as FrameworkDataError;
      }
      throw new Error('expected a FrameworkDataError');
    };
    expect(bad(tiny, { ...tinyMap, mappings: [{ control: 'AGT-99', requirement: 'T.1', relationship: 'equal' }] })).toMatchObject({ file: 'mapping', pointer: '/mappings/0/control' });
    expect(bad(tiny, { ...tinyMap, mappings: [{ control: 'AGT-01', requirement: 'T.9', relationship: 'equal' }] })).toMatchObject({ file: 'mapping', pointer: '/mappings/0/requirement' });
    expect(bad(tiny, { ...tinyMap, mappings: [{ control: 'AGT-01', requirement: 'T.1', relationship: 'same' }] })).toMatchObject({ file: 'mapping', pointer: '/mappings/0/relationship' });
    expect(bad(tiny, { ...tinyMap, framework: 'other' })).toMatchObject({ file: 'mapping', pointer: '/framework' });
    expect(bad({ ...tiny, requirements: [...tiny.requirements, tiny.requirements[0]] }, tinyMap)).toMatchObject({ file: 'requirements', pointer: '/requirements/4/id' });
    expect(bad({ ...tiny, requirements: [{ id: 'T.1', title: 'x' }] }, tinyMap)).toMatchObject({ file: 'requirements', pointer: '/requirements/0/title' });
    expect(bad(tiny, { ...tinyMap, mappings: [tinyMap.mappings[0], tinyMap.mappings[0]] }).message).toMatch(/more than once/);
  });
});

describe('frameworkCoverage', () => {
  const fw = defineFramework(tiny, tinyMap, ids);
  const result = (control: string, status: ResultForCoverage['status'], exceptions: { rule: string; subject: string }[] = []): ResultForCoverage => ({ control, status, exceptions });

  it('counts mapped, tested, excepted and unmapped requirements from the check results', () => {
    const cov = frameworkCoverage(fw, builtInControls, [
      result('AGT-17', 'not_tested'),
      result('AGT-04', 'exception', [{ rule: 'hitl.missing', subject: 'span-1' }]),
      result('AGT-01', 'pass'),
      result('VEN-01', 'pass'),
    ]);
    expect(cov.summary).toEqual({ requirements: 4, mapped: 3, tested: 2, withExceptions: 1, served: 1, unmapped: ['T.4'] });
    expect(cov.requirements.map((r) => [r.id, r.state])).toEqual([['T.1', 'untested'], ['T.2', 'exceptions'], ['T.3', 'served'], ['T.4', 'unmapped']]);
    expect(cov.requirements[1].controls.find((c) => c.control === 'AGT-04')?.exceptions).toEqual([{ rule: 'hitl.missing', subject: 'span-1' }]);
  });

  it('a requirement whose only control is out of scope is unmapped for this workspace, and names the control', () => {
    const cov = frameworkCoverage(fw, builtInControls.filter((c) => c.id !== 'VEN-01'), [result('VEN-01', 'pass')]);
    const t3 = cov.requirements.find((r) => r.id === 'T.3')!;
    expect(t3.state).toBe('unmapped');
    expect(t3.outOfScope).toEqual(['VEN-01']);
    expect(cov.summary.unmapped).toEqual(['T.3', 'T.4']);
  });

  it('without a check run, mapped requirements are untested, never served', () => {
    const cov = frameworkCoverage(fw, builtInControls);
    expect(cov.summary).toMatchObject({ mapped: 3, tested: 0, served: 0 });
    expect(cov.requirements[0].controls[0].status).toBe('not_run');
  });
});
