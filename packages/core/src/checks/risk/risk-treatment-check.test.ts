import { describe, expect, it } from 'vitest';
import { riskTreatmentCheck } from './risk-treatment-check.js';
import { risk, riskContext } from './risk-test-support.js';

const high = { likelihood: 4, impact: 4 } as const;

describe('risk.high_untreated', () => {
  it('flags a high residual risk without a treatment; the look-alike with an owned, dated plan passes', () => {
    const out = riskTreatmentCheck.run(riskContext([
      risk('R-1', { inherent: { likelihood: 5, impact: 5 }, residual: high }),
      risk('R-2', { inherent: { likelihood: 5, impact: 5 }, residual: high, treatment: { type: 'mitigate', plan: 'add egress allow-list', owner: 'raj@example.com', due: '2026-12-01' } }),
    ], '2026-10-01'));
    expect(out.items.map((i) => i.id)).toEqual(['R-1', 'R-2']);
    expect(out.exceptions).toHaveLength(1);
    expect(out.exceptions[0]).toMatchObject({ rule: 'risk.high_untreated', subject: 'R-1' });
    expect(out.exceptions[0].detail).toMatch(/residual 4×4 = 16 \(high\)/);
  });

  it('names what a plan lacks (owner, date)', () => {
    const out = riskTreatmentCheck.run(riskContext([risk('R-3', { residual: high, treatment: { type: 'mitigate', plan: 'p' } })], '2026-10-01'));
    expect(out.exceptions[0].detail).toMatch(/lacks an owner and a due date/);
  });

  it('takes an accepted risk with an approver as treated; an acceptance without one is not', () => {
    const out = riskTreatmentCheck.run(riskContext([
      risk('R-4', { residual: high, treatment: { type: 'accept', approvedBy: 'ceo@example.com' } }),
      risk('R-5', { residual: high, treatment: { type: 'accept', owner: 'ana@example.com', due: '2026-12-01' } }),
    ], '2026-10-01'));
    expect(out.exceptions.map((e) => e.subject)).toEqual(['R-5']);
    expect(out.exceptions[0].detail).toMatch(/approved_by/);
  });

  it('reads levels from the workspace scale and takes the inherent rating when no residual is stated', () => {
    const risks = [risk('R-6', { inherent: { likelihood: 3, impact: 3 } })];
    expect(riskTreatmentCheck.run(riskContext(risks, '2026-10-01')).items).toHaveLength(0);
    const strict = riskTreatmentCheck.run(riskContext(risks, '2026-10-01', { workspace: { risks: { levels: { medium: 4, high: 9 } } } }));
    expect(strict.exceptions[0].detail).toMatch(/none stated; inherent taken/);
  });
});
