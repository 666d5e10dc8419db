import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { recordSchemas } from '@fieldwork/core/records';
import type { CuecRecord, FieldworkRecord, VendorRecord, VendorReviewRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { parseFile, parseFileReport } from '../../testing/index.js';
import { subservicePresets } from '../../vendors/subservice-presets.js';
import { vendorsCsvCollector } from './vendors-csv-collector.js';
import { vendorsYamlCollector } from './vendors-yaml-collector.js';

const yamlFixture = new URL('./fixtures/vendors.yaml', import.meta.url).pathname;
const csvFixture = new URL('./fixtures/vendors.csv', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'vendors-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}
async function records(c: Collector<any>, path: string): Promise<FieldworkRecord[]> {
  const out = await parseFile(c, path);
  for (const r of out) expect((recordSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>)[r.kind].safeParse(r).success).toBe(true);
  return out;
}
const of = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], kind: K) => rs.filter((r) => r.kind === kind) as Extract<FieldworkRecord, { kind: K }>[];
async function failure(c: Collector<any>, path: string, options: unknown = {}) {
  const e = await parseFile(c, path, options).then(() => undefined, (err: unknown) => err);
  if (!isFieldworkError(e)) throw new Error(`expected a FieldworkError, got ${String(e)}`);
  return e;
}
const openai = subservicePresets.find((p) => p.id === 'openai')!;
const bedrock = subservicePresets.find((p) => p.id === 'aws-bedrock')!;

describe('vendors-yaml', () => {
  it('yields vendors with normalized criticality and SOC 2 type, each citing its line', async () => {
    const rs = await records(vendorsYamlCollector, yamlFixture);
    const v = of(rs, 'vendor');
    expect(v.map((x) => x.name)).toEqual(['Amazon Web Services', 'OpenAI', 'Amazon Bedrock', 'Notion']);
    expect(v[1]).toMatchObject<Partial<VendorRecord>>({
      criticality: 'critical', soc2Type: 'Type II', reportPeriodFrom: '2025-01-01', reportPeriodTo: '2025-06-30', bridgeLetterTo: '2025-12-31',
      subservice: true, dataAccess: ['prompts', 'completions'], locator: 'line 17',
    });
    expect(v[3]).toMatchObject({ criticality: 'low', subservice: false, dataAccess: [] });
    expect(v[3].soc2Type).toBeUndefined();
  });

  it('yields the latest review of each reviewed vendor, signed or not', async () => {
    const r = of(await records(vendorsYamlCollector, yamlFixture), 'vendor_review');
    expect(r.map((x) => [x.vendor, x.reviewedAt, x.signed])).toEqual([
      ['Amazon Web Services', '2026-05-04', true], ['OpenAI', '2026-02-10', true], ['Amazon Bedrock', '2026-02-11', false],
    ]);
    expect(r[0]).toMatchObject<Partial<VendorReviewRecord>>({ reviewer: 'maya.chen@relaylabs.ai', locator: 'line 9' });
  });

  it('preloads the CUECs of a model provider by preset or by name, and lets the entry override one', async () => {
    const c = of(await records(vendorsYamlCollector, yamlFixture), 'cuec');
    const oa = c.filter((x) => x.vendor === 'OpenAI');
    expect(oa.map((x) => x.id)).toEqual(openai.cuecs.map((x) => x.id));
    expect(oa.find((x) => x.id === 'OPENAI-03')).toMatchObject<Partial<CuecRecord>>({ mappedControl: 'ACC-03', text: openai.cuecs[2].text, locator: 'line 24' });
    expect(oa.find((x) => x.id === 'OPENAI-01')).toMatchObject({ mappedControl: 'AGT-02', locator: 'line 17#preset:openai/OPENAI-01' });
    expect(c.filter((x) => x.vendor === 'Amazon Bedrock').map((x) => x.id)).toEqual(bedrock.cuecs.map((x) => x.id));
  });

  it('keeps a CUEC mapped to no control (control: null) as unmapped', async () => {
    const c = of(await records(vendorsYamlCollector, yamlFixture), 'cuec').filter((x) => x.vendor === 'Amazon Web Services');
    expect(c.map((x) => [x.id, x.mappedControl])).toEqual([['AWS-01', 'ACC-05'], ['AWS-02', undefined]]);
  });

  it('turns a preset off with preset: none', async () => {
    const rs = await records(vendorsYamlCollector, file('none.yaml', 'vendors:\n  - name: OpenAI\n    preset: none\n    criticality: low\n'));
    expect(of(rs, 'cuec')).toEqual([]);
    expect(of(rs, 'vendor')[0].subservice).toBe(false);
  });

  it('accepts an empty inventory and refuses a file without vendors:', async () => {
    expect(await records(vendorsYamlCollector, file('empty-list.yaml', 'vendors: []\n'))).toEqual([]);
    const e = await failure(vendorsYamlCollector, file('other.yaml', 'resource: x\nresult: success\n'));
    expect(e.code).toBe('INPUT_WRONG_FORMAT');
  });

  it('names an unknown key as not read, at its first line, instead of dropping it', async () => {
    const text = readFileSync(yamlFixture, 'utf8');
    const { records: rs, ignored } = await parseFileReport(vendorsYamlCollector, file('t.yaml', `version: 2\n${text.replace('    owner: platform-lead', '    ownr: platform-lead')}`));
    expect(ignored).toEqual([{ field: 'version', at: 'line 1' }, { field: 'ownr', at: 'line 8' }]);
    expect(of(rs, 'vendor')[0].owner).toBeUndefined();
    expect((await parseFileReport(vendorsYamlCollector, yamlFixture)).ignored).toEqual([]);
  });

  it('reads other key names for the same fields, flat or nested, and a user mapping that wins', async () => {
    const yaml = `vendors:
  - Vendor Name: OpenAI
    Risk Tier: Critical
    Data shared: prompts; completions
    SOC 2 report type: "2"
    Period End: 2025-06-30
    Bridge Letter: 2025-12-31
    Reviewed by: maya.chen@relaylabs.ai
    Last reviewed: 2026-02-10
    Signed off: yes
    Website: https://openai.com
  - name: Notion
    criticality: low
    soc2: { Report Type: Type I, audit_period_end: 2025-09-30, auditor: Prescient }
    Attestation: SOC 2 Type II
`;
    const { records: rs, ignored } = await parseFileReport(vendorsYamlCollector, file('aliases.yaml', yaml));
    expect(of(rs, 'vendor').map((v) => [v.name, v.criticality, v.soc2Type, v.reportPeriodTo, v.bridgeLetterTo, v.dataAccess])).toEqual([
      ['OpenAI', 'critical', 'Type II', '2025-06-30', '2025-12-31', ['prompts', 'completions']],
      ['Notion', 'low', 'Type I', '2025-09-30', undefined, []],
    ]);
    expect(of(rs, 'vendor_review')).toMatchObject([{ vendor: 'OpenAI', reviewedAt: '2026-02-10', reviewer: 'maya.chen@relaylabs.ai', signed: true }]);
    expect(ignored).toEqual([{ field: 'Website', at: 'line 11' }, { field: 'soc2.auditor', at: 'line 14' }, { field: 'Attestation', at: 'line 15' }]);

    const mapped = await parseFileReport(vendorsYamlCollector, file('aliases.yaml', yaml), { fields: { 'soc2.type': 'Attestation' } });
    expect(of(mapped.records, 'vendor')[1].soc2Type).toBe('Type II');
    expect(mapped.ignored.map((f) => f.field)).toEqual(['Website', 'soc2.Report Type', 'soc2.auditor']);
  });

  it('refuses a mapping to a field the format does not have', () => {
    expect(vendorsYamlCollector.options.safeParse({ fields: { soc2_type: 'Report' } }).success).toBe(false);
    expect(vendorsCsvCollector.options.safeParse({ columns: { 'soc2.type': 'Report' } }).success).toBe(true);
  });

  it('names the line of a bad value, an unknown preset, a duplicate and a CUEC without text', async () => {
    const text = readFileSync(yamlFixture, 'utf8');
    const crit = await failure(vendorsYamlCollector, file('c.yaml', text.replace('criticality: high', 'criticality: severe')));
    expect(crit).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 27, pointer: '/vendors/2/criticality' } });
    const renamed = await failure(vendorsYamlCollector, file('r.yaml', text.replace('criticality: high', 'Risk tier: severe')));
    expect(renamed).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 27, pointer: '/vendors/2/Risk tier' } });
    const preset = await failure(vendorsYamlCollector, file('p.yaml', text.replace('preset: openai', 'preset: open-ai')));
    expect(preset.message).toMatch(/unknown preset "open-ai"/);
    expect(preset.where?.line).toBe(18);
    const dup = await failure(vendorsYamlCollector, file('d.yaml', text.replace('name: Notion', 'name: openai')));
    expect(dup.message).toMatch(/listed twice/);
    const noText = await failure(vendorsYamlCollector, file('n.yaml', text.replace('id: OPENAI-03', 'id: OPENAI-99')));
    expect(noText).toMatchObject({ where: { line: 24 } });
    const type = await failure(vendorsYamlCollector, file('s.yaml', text.replace('type: 2,', 'type: ISO 27001,')));
    expect(type.message).toMatch(/not a SOC 2 report type/);
    const date = await failure(vendorsYamlCollector, file('x.yaml', text.replace('period_to: 2025-06-30', 'period_to: mid 2025')));
    expect(date.code).toBe('INPUT_INVALID_RECORD');
  });

  it('refuses broken and truncated YAML', async () => {
    const text = readFileSync(yamlFixture, 'utf8');
    const broken = await failure(vendorsYamlCollector, file('b.yaml', text.replace('data_access: [prompts, completions]', 'data_access: [prompts, completions')));
    expect(broken.code).toBe('INPUT_MALFORMED');
    const truncated = await failure(vendorsYamlCollector, file('h.yaml', text.slice(0, text.indexOf('text: We decide'))));
    expect(isFieldworkError(truncated)).toBe(true);
  });
});

describe('vendors-csv', () => {
  it('reads one row per vendor with flat columns; a model provider by name gets its preset', async () => {
    const rs = await records(vendorsCsvCollector, csvFixture);
    const v = of(rs, 'vendor');
    expect(v.map((x) => [x.name, x.criticality, x.subservice])).toEqual([['Anthropic', 'critical', true], ['GitHub', 'high', false], ['Loom', 'low', false]]);
    expect(v[0]).toMatchObject({ dataAccess: ['prompts', 'completions'], soc2Type: 'Type II', reportPeriodTo: '2026-02-28', owner: 'ai-lead', locator: 'line 2' });
    expect(of(rs, 'vendor_review').map((r) => [r.vendor, r.reviewedAt, r.signed])).toEqual([['Anthropic', '2026-03-15', true], ['GitHub', '2026-03-20', false]]);
    expect(of(rs, 'cuec').every((c) => c.vendor === 'Anthropic' && c.mappedControl)).toBe(true);
    expect(of(rs, 'cuec').length).toBe(subservicePresets.find((p) => p.id === 'anthropic')!.cuecs.length);
  });

  it('refuses the wrong file and names the line and column of a bad value', async () => {
    const wrong = await failure(vendorsCsvCollector, file('people.csv', 'employeeNumber,workEmail\n1,a@b.c\n'));
    expect(wrong.code).toBe('INPUT_WRONG_FORMAT');
    const text = readFileSync(csvFixture, 'utf8');
    const bad = await failure(vendorsCsvCollector, file('bad.csv', text.replace('GitHub,high,source code,no', 'GitHub,high,source code,maybe')));
    expect(bad).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 3, pointer: '/subservice' } });
    const signed = await failure(vendorsCsvCollector, file('s.csv', text.replace('maya.chen@relaylabs.ai,no,eng-lead', 'maya.chen@relaylabs.ai,sort of,eng-lead')));
    expect(signed.where).toMatchObject({ line: 3, pointer: '/last_review_signed' });
    expect((await failure(vendorsCsvCollector, file('empty.csv', ''))).code).toBe('INPUT_MALFORMED');
  });

  it('reads a sheet whose titles differ from ours, names the columns it did not read, and takes options.columns', async () => {
    const csv = [
      'Vendor,Risk Level,Data Accessed,SOC 2 Report Type,Audit Period Start,Period End,Bridge Letter,Review Date,Reviewed By,Signed Off,Business Owner,Website,Contract Value',
      'Anthropic,Critical,prompts|completions,Type 2,2025-03-01,2026-02-28,2026-06-30,2026-03-15,maya.chen@relaylabs.ai,Yes,ai-lead,https://anthropic.com,120000',
      'Loom,low,,,,,,,,,,https://loom.com,',
    ].join('\n');
    const { records: rs, ignored } = await parseFileReport(vendorsCsvCollector, file('sheet.csv', csv));
    expect(of(rs, 'vendor').map((v) => [v.name, v.criticality, v.soc2Type, v.reportPeriodFrom, v.reportPeriodTo, v.bridgeLetterTo, v.owner])).toEqual([
      ['Anthropic', 'critical', 'Type II', '2025-03-01', '2026-02-28', '2026-06-30', 'ai-lead'],
      ['Loom', 'low', undefined, undefined, undefined, undefined, undefined],
    ]);
    expect(of(rs, 'vendor_review')).toMatchObject([{ vendor: 'Anthropic', reviewedAt: '2026-03-15', signed: true }]);
    expect(ignored).toEqual([{ field: 'Website', at: 'line 1' }, { field: 'Contract Value', at: 'line 1' }]);
    expect((await parseFileReport(vendorsCsvCollector, csvFixture)).ignored).toEqual([]);

    const renamed = csv.replace('Bridge Letter,', 'Gap Coverage Through,').replace('Vendor,', 'Supplier Legal Name,');
    const mapped = await parseFileReport(vendorsCsvCollector, file('sheet2.csv', renamed), { columns: { name: 'Supplier Legal Name', 'soc2.bridge_letter_to': 'Gap Coverage Through' } });
    expect(of(mapped.records, 'vendor').map((v) => [v.name, v.bridgeLetterTo])).toEqual([['Anthropic', '2026-06-30'], ['Loom', undefined]]);
    expect(mapped.ignored.map((f) => f.field)).toEqual(['Website', 'Contract Value']);
  });

  it('refuses a sheet without a name or criticality column under any accepted name, and a mapped column it lacks', async () => {
    const noCrit = await failure(vendorsCsvCollector, file('nocrit.csv', 'Vendor,Owner\nAcme,x\n'));
    expect(noCrit).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { line: 1 } });
    expect(noCrit.message).toMatch(/for criticality \(criticality, risk/);
    const lacks = await failure(vendorsCsvCollector, file('lacks.csv', 'Vendor,Tier\nAcme,high\n'), { columns: { owner: 'Account Owner' } });
    expect(lacks.message).toMatch(/"Account Owner" \(options\.columns\.owner\)/);
    expect(await parseFile(vendorsCsvCollector, file('header-only.csv', 'Vendor,Tier\n'))).toEqual([]);
  });

  it('names a column without a title by its position', async () => {
    const { ignored } = await parseFileReport(vendorsCsvCollector, file('untitled.csv', 'name,criticality,,Website\nAcme,high,secret,https://a.com\n'));
    expect(ignored).toEqual([{ field: 'column 3 (no title)', at: 'line 1' }, { field: 'Website', at: 'line 1' }]);
  });

  it('reads a "SOC 2" column holding the report type (in YAML, soc2: is still the group)', async () => {
    const rs = await parseFile(vendorsCsvCollector, file('soc2col.csv', 'Vendor,Tier,SOC 2\nAcme,high,Type 1\n'));
    expect(of(rs, 'vendor')[0].soc2Type).toBe('Type I');
    const yaml = await parseFile(vendorsYamlCollector, file('soc2group.yaml', 'vendors:\n  - { name: Acme, criticality: high, soc2: { type: 2 } }\n  - { name: Beta, criticality: low, SOC2: II }\n'));
    expect(of(yaml, 'vendor').map((v) => v.soc2Type)).toEqual(['Type II', 'Type II']);
  });
});
