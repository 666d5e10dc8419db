import { describe, expect, it } from 'vitest';
import { AGENT_RISK_CATEGORIES, builtInControls } from '@fieldwork/core';
import type { RiskRecord } from '@fieldwork/core';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { risksPart } from './risks-part.js';

// Every control, so the agent-risk check sees which linked controls have an automated check.
const CONTROLS = builtInControls.map((c) => c.id);
const riskRules = (run: Parameters<typeof foundRules>[0]) => foundRules(run).filter((r) => r.startsWith('risk.'));

describe('risks demo part', () => {
  it('plants exactly what the risk checks find', async () => {
    const { outputs, run } = await checkDemoParts([risksPart], CONTROLS);
    expect(riskRules(run)).toEqual(plantedRules(outputs, /^risk\./));
    expect(riskRules(run)).toEqual(['risk.agent_manual_only R-04', 'risk.high_untreated R-05', 'risk.review_overdue R-09']);
  });

  it('story: one lapsed review and one high residual risk without a treatment; agent risks all linked to checked controls', async () => {
    const { outputs, run } = await checkDemoParts([risksPart], CONTROLS, 'story');
    expect(riskRules(run)).toEqual(plantedRules(outputs, /^risk\./));
    expect(riskRules(run)).toEqual(['risk.high_untreated R-05', 'risk.review_overdue R-09']);
    expect(run.results.find((r) => r.control === 'GOV-08')).toMatchObject({ status: 'pass', population: 5 });
  });

  it('is a realistic register: 20 risks covering every agent risk category', async () => {
    const { records } = await checkDemoParts([risksPart], []);
    const risks = records.filter((r): r is RiskRecord => r.kind === 'risk');
    expect(risks).toHaveLength(20);
    for (const c of AGENT_RISK_CATEGORIES) expect(risks.some((r) => r.category === c), c).toBe(true);
  });
});
