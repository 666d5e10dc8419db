import { describe, expect, it } from 'vitest';
import { riskReviewCheck } from './risk-review-check.js';
import { risk, riskContext } from './risk-test-support.js';

describe('risk.review_overdue', () => {
  it('flags a risk last reviewed beyond its cadence; the look-alike reviewed inside it passes', () => {
    const out = riskReviewCheck.run(riskContext([
      risk('R-1', { reviewedOn: '2025-09-30' }),
      risk('R-2', { reviewedOn: '2025-10-02' }),
    ], '2026-10-01'));
    expect(out.items.map((i) => i.id)).toEqual(['R-1', 'R-2']);
    expect(out.exceptions).toHaveLength(1);
    expect(out.exceptions[0]).toMatchObject({ rule: 'risk.review_overdue', subject: 'R-1', at: '2026-09-30' });
    expect(out.exceptions[0].detail).toMatch(/last reviewed 2025-09-30; a review was due by 2026-09-30 \(every 12 months\)/);
    expect(out.exceptions[0].citations[0]).toMatchObject({ source: 'risk-register', locator: 'line 1#/risks/R-1' });
  });

  it('does not call a recently created, never reviewed risk overdue; an old never-reviewed one is', () => {
    const out = riskReviewCheck.run(riskContext([
      risk('R-new', { createdOn: '2026-09-01' }),
      risk('R-old', { createdOn: '2025-06-01' }),
    ], '2026-10-01'));
    expect(out.exceptions.map((e) => e.subject)).toEqual(['R-old']);
    expect(out.exceptions[0].detail).toMatch(/created 2025-06-01 and never reviewed/);
  });

  it('uses the risk\'s own cadence first, then the control parameter, then the workspace default', () => {
    const risks = [risk('R-q', { reviewedOn: '2026-05-01', reviewMonths: 3 }), risk('R-y', { reviewedOn: '2026-05-01' })];
    expect(riskReviewCheck.run(riskContext(risks, '2026-10-01')).exceptions.map((e) => e.subject)).toEqual(['R-q']);
    expect(riskReviewCheck.run(riskContext(risks, '2026-10-01', { workspace: { risks: { reviewMonths: 4 } } })).exceptions.map((e) => e.subject)).toEqual(['R-q', 'R-y']);
    expect(riskReviewCheck.run(riskContext(risks, '2026-10-01', { params: { reviewMonths: 6 }, workspace: { risks: { reviewMonths: 4 } } })).exceptions.map((e) => e.subject)).toEqual(['R-q']);
  });

  it('names an entry with no date at all, and leaves out risks created after the evidence date', () => {
    const out = riskReviewCheck.run(riskContext([risk('R-x', { createdOn: undefined }), risk('R-later', { createdOn: '2026-11-01' })], '2026-10-01'));
    expect(out.items.map((i) => i.id)).toEqual(['R-x']);
    expect(out.exceptions[0]).toMatchObject({ rule: 'risk.review_undated', subject: 'R-x' });
  });
});
