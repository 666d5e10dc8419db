import { aiSystemRegister } from '@fieldwork/core';
import type { RecordSet } from '@fieldwork/core';
import { describe, expect, it } from 'vitest';
import { agentGovernancePart } from './agent-governance-part.js';
import { agentTracesPart } from './agent-traces-part.js';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { DEMO_COMPANY } from './demo-company.js';
import { vendorsPart } from './vendors-part.js';

const AI = /^ai\./;

describe('the AI system register on the demo', () => {
  for (const problems of ['story', 'all'] as const) {
    it(`${problems}: the register check finds exactly the planted undeclared model, and the provider reviewed as a vendor`, async () => {
      const { outputs, run, records } = await checkDemoParts([agentTracesPart, vendorsPart, agentGovernancePart], ['AGT-22'], problems);
      const found = foundRules(run).filter((r) => AI.test(r));
      expect(found).toEqual(plantedRules(outputs, AI));
      expect(found).toEqual(['ai.model_undeclared gpt-5-mini-2025-08-07']);
      const set: RecordSet = {};
      for (const r of records) ((set as Record<string, unknown[]>)[r.kind] ??= []).push(r);
      const workspace = Object.assign({}, ...outputs.map((o) => o.workspace ?? {}));
      const reg = aiSystemRegister({ records: set, period: DEMO_COMPANY.period, timezone: DEMO_COMPANY.timezone, workspace });
      // Declared models in force one after the other and the swap; staging's early gpt-5 is a production model later, staging's o4-mini stays apart.
      expect(reg.models.map((m) => [m.model, m.declaredBy?.id ?? null])).toEqual([
        ['gpt-4.1-2025-04-14', 'MC-001'], ['gpt-5-2025-08-07', 'MC-004'], ['gpt-5-mini-2025-08-07', null],
      ]);
      expect(reg.nonProductionModels.map((m) => [m.model, m.environments])).toEqual([['o4-mini-2025-04-16', ['staging']]]);
      expect(reg.providers).toEqual([expect.objectContaining({ provider: 'openai', reviewed: true, vendor: expect.objectContaining({ name: 'OpenAI' }) })]);
      expect(reg.tools.find((t) => t.tool === 'refunds.issue')).toMatchObject({ autonomy: 'bounded', oversight: 'approval-above-threshold', declared: true });
      expect(reg.agents.map((a) => a.agent)).toEqual(['relay']);
    });
  }
});
