import { describe, expect, it } from 'vitest';
import type { CuecRecord, RecordSet } from '../../records/index.js';
import type { CheckContext, CheckStatus } from '../check.js';
import { cuecMappingCheck } from './cuec-mapping-check.js';

const A = 'a'.repeat(64);
let n = 0;
const cuec = (vendorName: string, id: string, mappedControl?: string): CuecRecord => ({ kind: 'cuec', source: 'vendors', artifact: A, locator: `/${++n}`, vendor: vendorName, id, text: 'Customers manage their API keys', ...(mappedControl ? { mappedControl } : {}) });
const ctx = (records: RecordSet, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { reviewMonths: 12, maxReportAgeMonths: 12 }, records, asOf: '2026-09-30', workspace: {}, ...over,
});
const rules = (out: { exceptions: { rule: string; subject: string }[] }) => out.exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('vendor.cuec-mapping', () => {
  const results = new Map<string, CheckStatus>([['ACC-03', 'pass'], ['CHG-01', 'exception'], ['VUL-04', 'not_tested']]);
  it('reports unmapped CUECs and CUECs whose control has exceptions, and notes untested ones', () => {
    const out = cuecMappingCheck.run(ctx({ cuec: [cuec('OpenAI', 'CUEC-1', 'ACC-03'), cuec('OpenAI', 'CUEC-2'), cuec('AWS', 'CUEC-3', 'CHG-01'), cuec('AWS', 'CUEC-4', 'VUL-04'), cuec('AWS', 'CUEC-5', 'ZZZ-99')] }, { results }));
    expect(rules(out)).toEqual(['cuec.unmapped OpenAI', 'cuec.control_failing AWS'])
    expect(out.exceptions.map((e) => e.itemId)).toEqual(['OpenAI CUEC-2', 'AWS CUEC-3']);
    // The exception names the vendor a person looks up; the audit's unit names the CUEC (a vendor has several).
    expect(out.items.map((i) => i.subject)).toEqual(['OpenAI CUEC-1', 'OpenAI CUEC-2', 'AWS CUEC-3', 'AWS CUEC-4', 'AWS CUEC-5']);
    expect(out.notes).toEqual(['AWS CUEC-4 maps to VUL-04, whose result is not tested.', 'AWS CUEC-5 maps to ZZZ-99, which has no result in this run (unknown id or out of scope).']);
    expect(cuecMappingCheck.after).toBe(true);
  });
});
