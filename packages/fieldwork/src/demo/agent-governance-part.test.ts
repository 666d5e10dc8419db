import { describe, expect, it } from 'vitest';
import { memoryAdapter } from '../probe/adapters/memory-adapter.js';
import { runProbe } from '../probe/run-probe.js';
import { agentGovernancePart, demoProbeRun } from './agent-governance-part.js';
import { agentTracesPart } from './agent-traces-part.js';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { ticketsPart } from './tickets-part.js';

const GOVERNANCE = /^(modelchange|eval|isolation|incident|incidentcoverage)\./;

describe('agent-governance demo part', () => {
  it('the checks find exactly what the part (and the traces part) planted, and nothing compliant', async () => {
    // Traces first (models and spans the part builds on), tickets for the taxonomy and the Jira incidents.
    const { outputs, run } = await checkDemoParts([agentTracesPart, ticketsPart, agentGovernancePart], ['AGT-16', 'AGT-14', 'AGT-05', 'INC-02', 'INC-04']);
    const found = foundRules(run).filter((r) => GOVERNANCE.test(r));
    expect(found).toEqual(plantedRules(outputs, GOVERNANCE));
    expect(found).toEqual(expect.arrayContaining([
      'modelchange.self_approved gpt-4.1-2025-04-14', 'modelchange.eval_late gpt-5-2025-08-07', 'modelchange.silent_swap gpt-5-mini-2025-08-07',
      'eval.stale gpt-4.1-2025-04-14', 'incident.late_response SEC-INC-4', 'incident.no_postmortem SEC-INC-5', 'incident.uncategorized SEC-INC-8',
      'incidentcoverage.missing gpt-5-mini-2025-08-07',
    ]));
    const byControl = new Map(run.results.map((r) => [r.control, r]));
    expect(byControl.get('AGT-05')?.population).toBeGreaterThanOrEqual(6);
    expect(byControl.get('INC-02')?.population).toBeGreaterThanOrEqual(8);
  });

  it('story: only the silent swap (logged by support, never declared nor evaluated); every other fact compliant', async () => {
    const { outputs, run } = await checkDemoParts([agentTracesPart, ticketsPart, agentGovernancePart], ['AGT-16', 'AGT-14', 'AGT-05', 'INC-02', 'INC-04'], 'story');
    const found = foundRules(run).filter((r) => GOVERNANCE.test(r));
    expect(found).toEqual(plantedRules(outputs, GOVERNANCE));
    expect(found).toEqual(['eval.missing gpt-5-mini-2025-08-07', 'modelchange.silent_swap gpt-5-mini-2025-08-07']);
    const byControl = new Map(run.results.map((r) => [r.control, r]));
    // The compliant versions still form a population: the incidents and model changes are there, just clean.
    expect(byControl.get('INC-02')?.population).toBeGreaterThanOrEqual(8);
    expect(byControl.get('INC-04')?.population).toBeGreaterThanOrEqual(1);
  });

  it('writes probe runs exactly as the probe command would for the SDK memory store', async () => {
    const at = '2026-06-12T16:00:00.000Z';
    const real = await runProbe(memoryAdapter(), { store: 'relay-memory', tenants: ['fieldwork-probe-a', 'fieldwork-probe-b'], runId: 'probe-x', now: () => new Date(at) });
    expect(demoProbeRun('probe-x', at, 'relay-memory')).toEqual(real);
  });
});
