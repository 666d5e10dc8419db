import { describe, expect, it } from 'vitest';
import type { Check } from '../check.js';
import { humanApprovalCheck } from './human-approval-check.js';
import { incidentCoverageCheck } from './incident-coverage-check.js';
import { modelChangeCheck } from './model-change-check.js';
import { evalCoverageCheck } from './eval-coverage-check.js';
import { promptPiiCheck } from './prompt-pii-check.js';
import { promptRetentionCheck } from './prompt-retention-check.js';
import { productionScope } from './production-scope.js';
import { tenantIsolationCheck } from './tenant-isolation-check.js';
import { toolAuthorizationCheck } from './tool-authorization-check.js';
import { promptRecord, runCheck, toolCall } from './agent-test-support.js';
import { observation, retrieval } from './governance-test-support.js';

// One workspace setting, read by every agent check: this organization calls production `live`.
const WS = {
  agent: { productionEnvironments: ['live'], stores: [{ name: 'prompt-log', kind: 'prompt-log', retentionDays: 30 }] },
  tools: [{ name: 'refund', identity: 'delegated-user', resource: 'https://pay', requiredScopes: ['refund'], risk: 'high' }],
};

// Each pair: the same failing fact in staging (a compliant look-alike: not production evidence) and in live.
const cases: { check: Check; staging: Parameters<typeof runCheck>[1]; live: Parameters<typeof runCheck>[1]; rule: string }[] = [
  { check: toolAuthorizationCheck, staging: [toolCall('s1', { environment: 'staging', tool: 'shell' })], live: [toolCall('l1', { environment: 'live', tool: 'shell' })], rule: 'toolauth.undeclared_tool' },
  { check: humanApprovalCheck, staging: [toolCall('s2', { environment: 'staging', tool: 'refund' })], live: [toolCall('l2', { environment: 'LIVE', tool: 'refund' })], rule: 'hitl.missing' },
  { check: tenantIsolationCheck, staging: [retrieval('s3', '2026-05-02T10:00:00.000Z', { environment: 'staging' })], live: [retrieval('l3', '2026-05-02T10:00:00.000Z', { environment: 'live' })], rule: 'isolation.runtime_leak' },
  { check: incidentCoverageCheck, staging: [retrieval('s4', '2026-05-02T10:00:00.000Z', { environment: 'dev' })], live: [retrieval('l4', '2026-05-02T10:00:00.000Z', { environment: 'live' })], rule: 'incidentcoverage.missing' },
  { check: promptPiiCheck, staging: [promptRecord('s5', { environment: 'staging', highRisk: ['credit_card'], pii: { credit_card: 1 } })], live: [promptRecord('l5', { environment: 'live', highRisk: ['credit_card'], pii: { credit_card: 1 } })], rule: 'pii.high_risk' },
  // A prompt log kept past its retention: a staging record of 1 May in a 30-day store is no production evidence.
  { check: promptRetentionCheck, staging: [promptRecord('s6', { environment: 'staging', at: '2026-05-01T00:00:00.000Z' }), promptRecord('s7', { environment: 'staging', at: '2026-09-29T00:00:00.000Z' })], live: [promptRecord('l6', { environment: 'live', at: '2026-05-01T00:00:00.000Z' }), promptRecord('l7', { environment: 'live', at: '2026-09-29T00:00:00.000Z' })], rule: 'retention.exceeded' },
  // A model served with no eval run: only in staging it needs none.
  { check: evalCoverageCheck, staging: [observation('gpt-s', '2026-05-01T00:00:00.000Z', { environment: 'staging' })], live: [observation('gpt-l', '2026-05-01T00:00:00.000Z', { environment: 'live' })], rule: 'eval.missing' },
  { check: modelChangeCheck, staging: [observation('gpt-x', '2026-05-01T00:00:00.000Z', { environment: 'staging' })], live: [observation('gpt-y', '2026-05-01T00:00:00.000Z', { environment: 'live' })], rule: 'modelchange.undeclared' },
];

describe('productionScope: one environment rule for every agent check', () => {
  it('reads agent.productionEnvironments once, case-insensitively, with production/prod as the default', () => {
    expect(productionScope({ params: {}, workspace: WS }).environments).toEqual(['live']);
    expect(productionScope({ params: {}, workspace: WS }).includes('Live')).toBe(true);
    expect(productionScope({ params: {}, workspace: WS }).includes('production')).toBe(false);
    expect(productionScope({ params: {}, workspace: {} }).includes('prod')).toBe(true);
    expect(productionScope({ params: {}, workspace: {} }).includes('staging')).toBe(false);
  });

  for (const c of cases) {
    it(`${c.check.id}: staging traffic is no production evidence; the same fact in production is ${c.rule}`, () => {
      const staging = runCheck(c.check, c.staging, WS);
      expect(staging.exceptions.filter((e) => e.rule === c.rule)).toEqual([]);
      const live = runCheck(c.check, c.live, WS);
      expect(live.exceptions.map((e) => e.rule)).toContain(c.rule);
    });
  }
});
