import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInChecks } from '@fieldwork/core';
import type { CheckContext, FieldworkRecord, RecordSet } from '@fieldwork/core';
import { otlpCollector } from '../collectors/otlp/otlp-collector.js';
import { promptLogCollector } from '../collectors/prompt-log/prompt-log-collector.js';
import { parseFile } from '../testing/index.js';
import { agentTracesPart, RELAY_MODELS } from './agent-traces-part.js';
import type { DemoContext } from './demo-context.js';
import type { DemoProblems } from './demo-plants.js';
import { generatePeople } from './demo-people.js';
import { DEMO_COMPANY } from './generate-demo.js';
import { Random } from './random.js';

async function generate(problems: DemoProblems = 'all') {
  const rng = new Random(1);
  const ctx: DemoContext = {
    rng, seed: 1, organization: DEMO_COMPANY.organization, domain: DEMO_COMPANY.domain, timezone: DEMO_COMPANY.timezone,
    period: { ...DEMO_COMPANY.period }, people: generatePeople(rng, DEMO_COMPANY.domain, DEMO_COMPANY.period), shared: {}, problems,
  };
  const out = agentTracesPart.generate(ctx);
  const dir = mkdtempSync(join(tmpdir(), 'agent-traces-part-'));
  const records: FieldworkRecord[] = [];
  for (const [rel, content] of Object.entries(out.files)) {
    const p = join(dir, rel.replace(/\//g, '_'));
    writeFileSync(p, content);
    const traces = rel.startsWith('exports/otel/');
    const source = traces ? 'relay-traces' : 'relay-prompt-log';
    const rs = await parseFile(traces ? otlpCollector : promptLogCollector, p, { store: source }, ctx.timezone);
    records.push(...rs.map((r) => ({ ...r, source })));
  }
  return { ctx, out, records };
}

function run(id: string, records: FieldworkRecord[], workspace: Record<string, unknown>) {
  const set: Record<string, FieldworkRecord[]> = {};
  for (const r of records) (set[r.kind] ??= []).push(r);
  const ctx: CheckContext = { period: DEMO_COMPANY.period, timezone: DEMO_COMPANY.timezone, params: { retentionDays: 30, graceDays: 2 }, records: set as RecordSet, asOf: DEMO_COMPANY.period.to, workspace };
  return builtInChecks[id].run(ctx);
}

describe('agent traces demo part', () => {
  for (const problems of ['all', 'story'] as const) {
    it(`plants exactly the problems the runtime checks find, and nothing compliant is flagged (--problems ${problems})`, async () => {
      const { out, records } = await generate(problems);
      const found = ['agent.tool-authorization', 'agent.human-approval', 'agent.prompt-retention', 'agent.prompt-pii']
        .flatMap((id) => run(id, records, out.workspace ?? {}).exceptions.map((e) => `${e.rule} ${e.subject}`));
      const leaks = records.filter((r) => r.kind === 'retrieval' && r.crossTenant).map((r) => `isolation.runtime_leak ${r.kind === 'retrieval' && r.spanId}`);
      expect([...found, ...leaks].sort()).toEqual(out.planted.map((p) => `${p.rule} ${p.subject}`).sort());
      expect(out.planted.map((p) => p.rule).sort()).toEqual(problems === 'all'
        ? ['hitl.missing', 'hitl.no_incident', 'isolation.runtime_leak', 'pii.high_risk', 'pii.high_risk', 'retention.exceeded', 'toolauth.audience_mismatch', 'toolauth.confused_deputy', 'toolauth.missing', 'toolauth.token_passthrough']
        : ['pii.high_risk', 'pii.high_risk']);
    });
  }

  it('writes about 2,000 traces over the period with the declared models, one silent swap, and a refund exactly at the threshold', async () => {
    const { ctx, records } = await generate();
    const runs = records.filter((r) => r.kind === 'agent_run');
    expect(runs.length).toBeGreaterThan(1800);
    expect(runs.length).toBeLessThan(2300);
    const prodModels = new Set(records.flatMap((r) => (r.kind === 'model_observation' && r.environment === 'production' ? [r.responseModel] : [])));
    expect([...prodModels].sort()).toEqual(['gpt-4.1-2025-04-14', 'gpt-5-2025-08-07', 'gpt-5-mini-2025-08-07']);
    expect((ctx.shared.models as typeof RELAY_MODELS).silentSwap.firstSpanId).toMatch(/^[0-9a-f]{16}$/);
    const at500 = records.filter((r) => r.kind === 'tool_call' && r.tool === 'refunds.issue' && r.args['app.refund.amount'] === 500 && !r.approval && r.environment === 'production');
    expect(at500).toHaveLength(1);
  });
});
