import { describe, expect, it } from 'vitest';
import type { RecordSet, VendorRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { soc2CoverageCheck } from './soc2-coverage-check.js';

const A = 'a'.repeat(64);
let n = 0;
const vendor = (name: string, over: Partial<VendorRecord> = {}): VendorRecord => ({ kind: 'vendor', source: 'vendors', artifact: A, locator: `/${++n}`, name, criticality: 'critical', dataAccess: [], subservice: false, ...over });
const ctx = (records: RecordSet, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { reviewMonths: 12, maxReportAgeMonths: 12 }, records, asOf: '2026-09-30', workspace: {}, ...over,
});
const rules = (out: { exceptions: { rule: string; subject: string }[] }) => out.exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('vendor.soc2-coverage', () => {
  it('passes a recent report, and a stale one carried forward by a bridge letter', () => {
    const out = soc2CoverageCheck.run(ctx({ vendor: [vendor('AWS', { reportPeriodTo: '2026-03-31' }), vendor('OpenAI', { subservice: true, criticality: 'high', reportPeriodTo: '2025-06-30', bridgeLetterTo: '2026-06-30' })] }));
    expect(out.exceptions).toEqual([]);
  });

  it('reports a report ending more than twelve months before the period end, a short bridge letter, and a missing report', () => {
    const out = soc2CoverageCheck.run(ctx({ vendor: [
      vendor('Pinecone', { subservice: true, reportPeriodTo: '2025-08-31' }),
      vendor('Cohere', { subservice: true, reportPeriodTo: '2025-03-31', bridgeLetterTo: '2025-06-30' }),
      vendor('Vercel'),
      vendor('Notion', { criticality: 'low' }),
    ] }));
    expect(rules(out)).toEqual(['vendor.report_stale Pinecone', 'vendor.report_stale Cohere', 'vendor.report_missing Vercel']);
  });
});
