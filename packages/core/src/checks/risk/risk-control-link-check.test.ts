import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../check.js';
import { riskControlLinkCheck } from './risk-control-link-check.js';
import { risk, riskContext } from './risk-test-support.js';

const results = new Map<string, CheckStatus>([['AGT-03', 'pass'], ['AGT-07', 'exception'], ['GOV-01', 'not_tested'], ['GOV-02', 'not_tested']]);

describe('risk.agent_unlinked', () => {
  it('flags an agent risk linked to no control; the look-alike linked to a checked control passes', () => {
    const out = riskControlLinkCheck.run(riskContext([
      risk('R-1', { category: 'prompt-injection' }),
      risk('R-2', { category: 'prompt-injection', controls: ['GOV-01', 'AGT-07'] }),
    ], '2026-10-01', { results }));
    expect(out.items.map((i) => i.id)).toEqual(['R-1', 'R-2']);
    expect(out.exceptions).toEqual([expect.objectContaining({ rule: 'risk.agent_unlinked', subject: 'R-1' })]);
  });

  it('names the manual (and unknown) controls when an agent risk links only to those', () => {
    const out = riskControlLinkCheck.run(riskContext([risk('R-3', { category: 'model-drift', controls: ['GOV-01', 'GOV-02', 'XYZ-99'] })], '2026-10-01', { results }));
    expect(out.exceptions[0]).toMatchObject({ rule: 'risk.agent_manual_only', subject: 'R-3' });
    expect(out.exceptions[0].detail).toMatch(/GOV-01, GOV-02 \(manual\); XYZ-99 \(not in the catalog in scope\)/);
  });

  it('does not count a manual control tested from submitted evidence as an automated check', () => {
    const withManualEvidence = new Map<string, CheckStatus>([['AGT-04', 'pass'], ['GOV-01', 'pass']]);
    const ctx = { results: withManualEvidence, automatedControls: new Set(['AGT-04']) };
    const out = riskControlLinkCheck.run(riskContext([
      risk('R-6', { category: 'tool-misuse', controls: ['GOV-01'] }),
      risk('R-7', { category: 'tool-misuse', controls: ['GOV-01', 'AGT-04'] }),
    ], '2026-10-01', ctx));
    expect(out.exceptions).toEqual([expect.objectContaining({ rule: 'risk.agent_manual_only', subject: 'R-6', detail: expect.stringContaining('GOV-01 (manual)') })]);
  });

  it('leaves risks outside the agent categories to the other checks', () => {
    const out = riskControlLinkCheck.run(riskContext([risk('R-4', { category: 'vendor' }), risk('R-5', { category: 'provider-outage', controls: ['AGT-03'] })], '2026-10-01', { results }));
    expect(out.items.map((i) => i.id)).toEqual(['R-5']);
    expect(out.exceptions).toEqual([]);
  });
});
