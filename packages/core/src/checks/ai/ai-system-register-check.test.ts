import { describe, expect, it } from 'vitest';
import type { VendorRecord, VendorReviewRecord } from '../../records/index.js';
import { rules, runCheck } from '../agent/agent-test-support.js';
import { change, observation } from '../agent/governance-test-support.js';
import { toolCall, recordSet } from '../agent/agent-test-support.js';
import { aiSystemRegisterCheck } from './ai-system-register-check.js';
import { aiSystemRegister } from './ai-system-register.js';
import { vendorNameKey } from './provider-vendors.js';

const cite = (locator: string) => ({ source: 'vendors', artifact: 'c'.repeat(64), locator });
const vendor = (name: string, extra: Partial<VendorRecord> = {}): VendorRecord => ({ kind: 'vendor', ...cite(`/vendors/${name}`), name, criticality: 'critical', dataAccess: [], subservice: true, ...extra });
const review = (name: string, reviewedAt: string): VendorReviewRecord => ({ kind: 'vendor_review', ...cite(`/vendors/${name}/last_review`), vendor: name, reviewedAt, reviewer: 'ana@example.com', signed: true });

const period = { from: '2026-04-01', to: '2026-09-30' };

describe('ai.system-register', () => {
  it('passes several models in force at once when every one is declared, with providers reviewed under other names', () => {
    const out = runCheck(aiSystemRegisterCheck, [
      observation('gpt-4.1', '2026-04-02T00:00:00.000Z'),
      observation('text-embedding-3-small', '2026-04-02T00:00:00.000Z', { operation: 'embeddings' }),
      observation('claude-haiku-4-5', '2026-05-01T00:00:00.000Z', { provider: 'aws.bedrock', responseModel: 'claude-haiku-4-5-20251001', requestedModel: 'claude-haiku-4-5' }),
      change('1', 'gpt-4.1', '2026-03-01T00:00:00.000Z'),
      change('2', 'text-embedding-3-small', '2026-03-01T00:00:00.000Z'),
      change('3', 'claude-haiku-4-5', '2026-04-20T00:00:00.000Z', { toAliases: ['claude-haiku-4-5-20251001'] }),
      vendor('OpenAI, L.L.C.'), review('OpenAI, L.L.C.', '2026-02-10'),
      vendor('Amazon Bedrock'), review('amazon  bedrock', '2026-01-15'),
    ]);
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBeUndefined();
    expect(out.items.map((i) => i.subject).sort()).toEqual(['aws.bedrock', 'claude-haiku-4-5-20251001', 'gpt-4.1', 'openai', 'text-embedding-3-small']);
  });

  it('flags a production model no change declares, but not one seen only in staging', () => {
    const out = runCheck(aiSystemRegisterCheck, [
      observation('gpt-4.1', '2026-04-02T00:00:00.000Z'),
      observation('gpt-5-mini', '2026-08-20T00:00:00.000Z', { requestedModel: 'gpt-5' }),
      observation('o4-mini', '2026-06-01T00:00:00.000Z', { environment: 'staging' }),
      change('1', 'gpt-4.1', '2026-03-01T00:00:00.000Z'),
      vendor('OpenAI'), review('OpenAI', '2026-02-10'),
    ]);
    expect(rules(out)).toEqual(['ai.model_undeclared gpt-5-mini']);
    expect(out.exceptions[0].detail).toContain('Requested as gpt-5');
    expect(out.exceptions[0].citations[0].locator).toBe('line 1#gpt-5-mini');
    expect(out.items.map((i) => i.subject)).not.toContain('o4-mini');
  });

  it('a staging-only change does not declare a production model', () => {
    const out = runCheck(aiSystemRegisterCheck, [
      observation('gpt-5', '2026-07-01T00:00:00.000Z'),
      change('1', 'gpt-5', '2026-06-01T00:00:00.000Z', { environment: 'staging' }),
      change('2', 'gpt-4.1', '2026-03-01T00:00:00.000Z'),
      vendor('OpenAI'), review('OpenAI', '2026-02-10'),
    ]);
    expect(rules(out)).toEqual(['ai.model_undeclared gpt-5']);
  });

  it('flags a provider missing from the vendor list, and one whose review is stale', () => {
    const out = runCheck(aiSystemRegisterCheck, [
      observation('mistral-small-2506', '2026-05-01T00:00:00.000Z', { provider: 'mistral_ai' }),
      observation('gpt-4.1', '2026-04-02T00:00:00.000Z'),
      change('1', 'mistral-small-2506', '2026-04-01T00:00:00.000Z'),
      change('2', 'gpt-4.1', '2026-03-01T00:00:00.000Z'),
      vendor('OpenAI'), review('OpenAI', '2025-08-01'),
    ]);
    expect(rules(out)).toEqual(['ai.provider_unreviewed mistral_ai', 'ai.provider_unreviewed openai']);
    const stale = out.exceptions.find((e) => e.subject === 'openai')!;
    expect(stale.detail).toContain('last reviewed on 2025-08-01');
  });

  it('accepts a provider the workspace maps to its vendor name', () => {
    const records = [
      observation('llama-3.3-70b', '2026-05-01T00:00:00.000Z', { provider: 'relay-gateway' }),
      change('1', 'llama-3.3-70b', '2026-04-01T00:00:00.000Z'),
      vendor('Together Computer, Inc.'), review('Together Computer, Inc.', '2026-03-01'),
    ];
    expect(rules(runCheck(aiSystemRegisterCheck, records))).toEqual(['ai.provider_unreviewed relay-gateway']);
    expect(rules(runCheck(aiSystemRegisterCheck, records, { ai: { providers: { 'relay-gateway': 'Together Computer' } } }))).toEqual([]);
  });

  it('is insufficient evidence, not a failure, without model changes or a vendor list', () => {
    const out = runCheck(aiSystemRegisterCheck, [observation('gpt-4.1', '2026-04-02T00:00:00.000Z')]);
    expect(out.exceptions).toEqual([]);
    expect(out.status).toBe('insufficient_evidence');
    expect(out.notes?.join(' ')).toMatch(/model-changes-yaml/);
    expect(out.notes?.join(' ')).toMatch(/vendors-yaml/);
    // One half missing still keeps the control from a pass…
    const half = runCheck(aiSystemRegisterCheck, [observation('gpt-4.1', '2026-04-02T00:00:00.000Z'), change('1', 'gpt-4.1', '2026-03-01T00:00:00.000Z')]);
    expect(half.status).toBe('insufficient_evidence');
    // …but exceptions the other half found stand.
    const found = runCheck(aiSystemRegisterCheck, [observation('gpt-5', '2026-04-02T00:00:00.000Z'), change('1', 'gpt-4.1', '2026-03-01T00:00:00.000Z')]);
    expect(rules(found)).toEqual(['ai.model_undeclared gpt-5']);
  });
});

describe('aiSystemRegister', () => {
  it('lists agents and tools with declared autonomy and oversight, deriving oversight from an approval threshold', () => {
    const reg = aiSystemRegister({
      period, timezone: 'UTC', records: recordSet([
        toolCall('s1', { tool: 'refunds.issue', approval: { approver: 'lead@example.com' } }),
        toolCall('s2', { tool: 'refunds.issue' }),
        toolCall('s3', { tool: 'crm.lookup' }),
        toolCall('s4', { tool: 'shell.exec', environment: 'staging' }),
        toolCall('s5', { tool: 'web.fetch' }),
      ]),
      workspace: { tools: [
        { name: 'refunds.issue', identity: 'delegated-user', risk: 'high', autonomy: 'bounded', approvalThreshold: { argument: 'app.refund.amount', above: 500 } },
        { name: 'crm.lookup', identity: 'delegated-user', autonomy: 'autonomous', oversight: 'monitoring' },
      ] },
    });
    const byName = Object.fromEntries(reg.tools.map((t) => [t.tool, t]));
    expect(byName['refunds.issue']).toMatchObject({ declared: true, autonomy: 'bounded', oversight: 'approval-above-threshold', oversightSource: 'approval threshold', productionCalls: 2, approvedCalls: 1, agents: ['relay'] });
    expect(byName['crm.lookup']).toMatchObject({ autonomy: 'autonomous', oversight: 'monitoring', oversightSource: 'declared', productionCalls: 1 });
    expect(byName['web.fetch']).toMatchObject({ declared: false, productionCalls: 1 });
    expect(byName['shell.exec']).toBeUndefined();
    expect(reg.agents).toEqual([{ agent: 'relay', services: ['relay-agent'], runs: 0, tools: ['crm.lookup', 'refunds.issue', 'web.fetch'] }]);
  });

  it('keeps staging-only models apart and names providers the traces do not', () => {
    const reg = aiSystemRegister({
      period, timezone: 'UTC', workspace: {}, records: recordSet([
        observation('gpt-4.1', '2026-04-02T00:00:00.000Z', { provider: undefined }),
        observation('gpt-4.1', '2026-04-03T00:00:00.000Z', { environment: 'staging' }),
        observation('o4-mini', '2026-04-03T00:00:00.000Z', { environment: 'staging' }),
      ]),
    });
    expect(reg.models.map((m) => m.model)).toEqual(['gpt-4.1']);
    expect(reg.nonProductionModels.map((m) => m.model)).toEqual(['o4-mini']);
    expect(reg.gaps.join(' ')).toMatch(/name no provider for gpt-4.1/);
  });
});

describe('vendorNameKey', () => {
  it('drops punctuation and company forms', () => {
    expect(vendorNameKey('OpenAI, L.L.C.')).toBe('openai');
    expect(vendorNameKey('Anthropic PBC')).toBe('anthropic');
    expect(vendorNameKey('Google (Vertex AI / Gemini API)')).toBe('google vertex ai gemini api');
    expect(vendorNameKey('Inc')).toBe('inc');
  });
});
