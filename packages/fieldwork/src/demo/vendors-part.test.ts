import { describe, expect, it } from 'vitest';
import type { CuecRecord } from '@fieldwork/core';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { identityPart } from './identity-part.js';
import { vendorsPart } from './vendors-part.js';

describe('vendors demo part', () => {
  it('plants exactly what the vendor checks find (HR-05 from the identity part fails, so its CUECs do too)', async () => {
    const { outputs, run } = await checkDemoParts([identityPart, vendorsPart], ['HR-05', 'VEN-01', 'VEN-02', 'VEN-03']);
    const vendorRules = foundRules(run).filter((r) => /^(vendor|cuec)\./.test(r));
    expect(vendorRules).toEqual(plantedRules(outputs, /^(vendor|cuec)\./));
    expect(vendorRules).toHaveLength(6);
  });

  it('story: one vendor without a current SOC 2 report, and the CUECs that lean on HR-05 (one late leaver)', async () => {
    const { outputs, run } = await checkDemoParts([identityPart, vendorsPart], ['HR-05', 'VEN-01', 'VEN-02', 'VEN-03'], 'story');
    const vendorRules = foundRules(run).filter((r) => /^(vendor|cuec)\./.test(r));
    expect(vendorRules).toEqual(plantedRules(outputs, /^(vendor|cuec)\./));
    expect(vendorRules).toEqual(['cuec.control_failing Anthropic', 'cuec.control_failing OpenAI', 'vendor.report_stale Linear']);
  });

  it('preloads the four model providers with mapped CUECs', async () => {
    const { records } = await checkDemoParts([vendorsPart], []);
    const cuecs = records.filter((r): r is CuecRecord => r.kind === 'cuec');
    for (const v of ['OpenAI', 'Anthropic', 'Google Vertex AI', 'Amazon Bedrock']) {
      const mine = cuecs.filter((c) => c.vendor === v);
      expect(mine.length, v).toBeGreaterThanOrEqual(6);
      expect(mine.every((c) => c.mappedControl), v).toBe(true);
    }
  });
});
