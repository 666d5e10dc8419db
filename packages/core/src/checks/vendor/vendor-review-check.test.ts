import { describe, expect, it } from 'vitest';
import type { RecordSet, VendorRecord, VendorReviewRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { vendorReviewCheck } from './vendor-review-check.js';

const A = 'a'.repeat(64);
let n = 0;
const vendor = (name: string, over: Partial<VendorRecord> = {}): VendorRecord => ({ kind: 'vendor', source: 'vendors', artifact: A, locator: `/${++n}`, name, criticality: 'critical', dataAccess: [], subservice: false, ...over });
const review = (vendorName: string, reviewedAt: string, signed = true): VendorReviewRecord => ({ kind: 'vendor_review', source: 'vendors', artifact: A, locator: `/${++n}`, vendor: vendorName, reviewedAt, reviewer: 'cto', signed });
const ctx = (records: RecordSet, over: Partial<CheckContext> = {}): CheckContext => ({
  period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params: { reviewMonths: 12, maxReportAgeMonths: 12 }, records, asOf: '2026-09-30', workspace: {}, ...over,
});
const rules = (out: { exceptions: { rule: string; subject: string }[] }) => out.exceptions.map((e) => `${e.rule} ${e.subject}`);

describe('vendor.review', () => {
  it('passes material vendors reviewed and signed within twelve months; low vendors are out of the population', () => {
    const out = vendorReviewCheck.run(ctx({ vendor: [vendor('Anthropic', { subservice: true, criticality: 'medium' }), vendor('Stripe', { criticality: 'high' }), vendor('Canva', { criticality: 'low' })], vendor_review: [review('anthropic', '2025-09-30'), review('Stripe', '2026-02-01')] }));
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.subject)).toEqual(['Anthropic', 'Stripe']);
  });

  it('reports an overdue or missing review, and an unsigned latest review', () => {
    const out = vendorReviewCheck.run(ctx({ vendor: [vendor('AWS'), vendor('Datadog', { criticality: 'high' }), vendor('OpenAI', { subservice: true })], vendor_review: [review('AWS', '2025-09-29'), review('OpenAI', '2025-01-01'), review('OpenAI', '2026-03-01', false)] }));
    expect(rules(out)).toEqual(['vendor.review_overdue AWS', 'vendor.review_overdue Datadog', 'vendor.review_unsigned OpenAI']);
  });
});
