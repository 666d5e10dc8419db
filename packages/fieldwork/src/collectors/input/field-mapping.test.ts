import { describe, expect, it } from 'vitest';
import { FieldMapping, fieldKey, fieldMappingSchema, inputPath } from './field-mapping.js';

const FIELDS = { key: ['id', 'ticket'], 'soc2.type': ['report type'], 'soc2.period_to': ['period end'], owner: [] };

describe('field mapping', () => {
  it('compares names without case, spaces, underscores, hyphens or dots', () => {
    expect(['SOC 2 report type', 'soc2_report_type', 'Soc2-Report.Type'].map(fieldKey)).toEqual(['soc2reporttype', 'soc2reporttype', 'soc2reporttype']);
  });

  it('reads canonical names, aliases and flat keys for nested fields, naming the rest', () => {
    const m = new FieldMapping(FIELDS).read({ Ticket: 'A-1', 'Report Type': 'II', soc2: { period_end: '2026-01-31', auditor: 'x' }, Website: 'w' });
    expect(m.value).toEqual({ key: 'A-1', soc2: { type: 'II', period_to: '2026-01-31' } });
    expect(m.ignored).toEqual(['soc2.auditor', 'Website']);
    expect(inputPath(m, ['soc2', 'type'])).toEqual(['Report Type']);
    expect(inputPath(m, ['soc2', 'period_to'])).toEqual(['soc2', 'period_end']);
  });

  it('keeps the best spelling of a field and names the second one as not read', () => {
    const m = new FieldMapping(FIELDS).read({ id: '1', key: '2' });
    expect(m.value).toEqual({ key: '2' });
    expect(m.ignored).toEqual(['id']);
  });

  it('lets a user mapping win over every accepted name, at any depth', () => {
    const m = new FieldMapping(FIELDS, { 'soc2.type': 'Attestation', key: 'Number' }).read({ key: 'k', Number: 'n', soc2: { type: 'I' }, Attestation: 'II' });
    expect(m.value).toEqual({ key: 'n', soc2: { type: 'II' } });
    expect(m.ignored).toEqual(['key', 'soc2.type']);
    expect(new FieldMapping(FIELDS, { owner: 'Account owner' }).unusedUserMappings(['key', 'Owner'])).toEqual([['owner', 'Account owner']]);
  });

  it('refuses a user mapping to a field the format does not have', () => {
    const schema = fieldMappingSchema(FIELDS);
    expect(schema.safeParse({ 'soc2.type': 'T' }).success).toBe(true);
    expect(schema.safeParse({ soc2_type: 'T' }).success).toBe(false);
  });

  it('hands a value of the wrong shape to validation instead of dropping it', () => {
    const m = new FieldMapping(FIELDS).read({ key: { nested: 1 }, soc2: 'Type II' });
    expect(m.value).toEqual({ key: { nested: 1 }, soc2: 'Type II' });
    expect(m.ignored).toEqual([]);
  });
});
