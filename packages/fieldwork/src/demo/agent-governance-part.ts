import { addDays } from '@fieldwork/core';
import { sha256Hex } from '@fieldwork/agent/probe';
import { stringify } from 'yaml';
import { PROBE_RUN_FORMAT } from '../probe/probe-run.js';
import type { ProbeRun, ProbeRunAttempt } from '../probe/probe-run.js';
import { planting } from './demo-plants.js';
import type { DemoContext, DemoPart, DemoPartOutput } from './demo-context.js';
import { DEMO_OWNERS } from './demo-owners.js';

/** A declared model of the agent platform, as the agent-traces part shares it in `ctx.shared.models`. */
interface DeclaredModel {
  service: string;
  environment: string;
  provider: string;
  requested: string;
  model: string;
  fromModel?: string;
  at: string;
}
interface SharedModels {
  declared: DeclaredModel[];
  /** Absent when the traces part did not plant the swap. */
  silentSwap?: { observed: string; firstSpanId: string; from: string };
}

/** Used when the agent-traces part is absent (the same facts it shares). */
const FALLBACK_MODELS: SharedModels = {
  declared: [
    { service: 'relay-agent', environment: 'production', provider: 'openai', requested: 'gpt-4.1', model: 'gpt-4.1-2025-04-14', at: '2026-03-02T17:00:00.000Z' },
    { service: 'relay-agent', environment: 'production', provider: 'openai', requested: 'gpt-5', model: 'gpt-5-2025-08-07', fromModel: 'gpt-4.1-2025-04-14', at: '2026-07-15T17:00:00.000Z' },
  ],
  silentSwap: { observed: 'gpt-5-mini-2025-08-07', firstSpanId: '', from: '2026-08-20T00:00:00.000Z' },
};

const AI_LEAD = DEMO_OWNERS.aiLead.email;
const ENG_LEAD = DEMO_OWNERS.engineeringLead.email;
const PROBE_TENANTS = ['fieldwork-probe-a', 'fieldwork-probe-b'];
const HELD_OUT = 'relay-support-heldout-v4';

/**
 * A probe run exactly as `runProbe(memoryAdapter(), …)` writes it for the SDK's tenant-scoped
 * in-memory store (demo generation is synchronous; a test holds the two equal).
 */
export function demoProbeRun(runId: string, at: string, store: string, tenants = PROBE_TENANTS): ProbeRun {
  const id = (t: string) => `fwprobe-${sha256Hex(`${runId}\u0000${t}`).slice(0, 16)}`;
  const attempts: ProbeRunAttempt[] = [];
  for (const from of tenants) {
    for (const target of tenants) {
      if (from === target) continue;
      const a = { fromTenant: from, targetTenant: target };
      attempts.push({ op: 'query', ...a, outcome: 'empty', detail: `1 result(s), none of ${target}` });
      attempts.push({ op: 'get', ...a, outcome: 'empty', detail: 'nothing returned' });
      attempts.push({ op: 'update', ...a, outcome: 'denied', detail: `no record ${id(target)} for tenant ${from}` });
      attempts.push({ op: 'delete', ...a, outcome: 'denied', detail: `no record ${id(target)} for tenant ${from}` });
    }
  }
  attempts.push({ op: 'no_tenant', targetTenant: tenants[0], outcome: 'denied', detail: 'TENANT_CONTEXT_REQUIRED: TenantScopedMemory.query: a tenant id is required; call forTenant(id) or configure a tenant resolver' });
  return { format: PROBE_RUN_FORMAT, runId, store, adapter: 'memory', startedAt: at, finishedAt: at, tenants, canaries: tenants.length, attempts, leaks: 0, passed: true, notes: [] };
}

/** A promptfoo `eval -o results.json` output for one provider: `passes` of `tests` passed. */
function promptfooOutput(ctx: DemoContext, o: { evalId: string; provider: string; at: string; tests: number; passes: number; description: string }): string {
  const results = Array.from({ length: o.tests }, (_, i) => {
    const pass = i < o.passes;
    const reason = pass ? 'All assertions passed' : 'The answer cites a refund window the policy does not grant';
    return {
      cost: 0, gradingResult: { pass, score: pass ? 1 : 0, reason, namedScores: { groundedness: pass ? 1 : 0 }, componentResults: [{ pass, score: pass ? 1 : 0, reason, assertion: { type: 'llm-rubric', metric: 'groundedness', value: 'Answers only from the policy excerpt' } }] },
      id: ctx.rng.uuid(), latencyMs: ctx.rng.int(700, 4200), namedScores: { groundedness: pass ? 1 : 0 }, prompt: { raw: 'Support question', label: 'support-answer' },
      promptId: 'a9c1e0f3', promptIdx: 0, provider: { id: o.provider, label: '' }, response: { output: pass ? 'Refunds are possible within 30 days.' : 'Refunds are possible within 90 days.' },
      score: pass ? 1 : 0, success: pass, testCase: { vars: { question: `held-out question ${i + 1}` } }, testIdx: i, vars: { question: `held-out question ${i + 1}` }, metadata: {}, failureReason: pass ? 0 : 1,
    };
  });
  const stats = { successes: o.passes, failures: o.tests - o.passes, errors: 0 };
  return JSON.stringify({
    evalId: o.evalId,
    results: {
      version: 3, timestamp: o.at,
      prompts: [{ raw: 'Support question', label: 'support-answer', id: 'a9c1e0f3', provider: o.provider, metrics: { score: o.passes, testPassCount: o.passes, testFailCount: o.tests - o.passes, testErrorCount: 0 } }],
      results, stats,
    },
    config: { description: o.description, tags: { 'held-out': 'true' }, prompts: ['file://prompts/support-answer.txt'], providers: [{ id: o.provider }], tests: 'file://evals/heldout-v4.csv', outputPath: ['results.json'] },
    shareableUrl: null,
    metadata: { promptfooVersion: '0.118.14', nodeVersion: 'v22.20.0', platform: 'linux', arch: 'x64', evaluationCreatedAt: o.at, exportedAt: new Date(Date.parse(o.at) + 11 * 60_000).toISOString() },
  }, null, 2) + '\n';
}

/**
 * Relay's AI governance evidence: declared model changes (YAML in git), eval runs (our JSON and
 * a promptfoo output on the held-out set), monthly isolation probe runs of the agent memory,
 * and the incident register — with planted problems: a self-approved model change, an eval
 * that finished after the model went live, the silent swap the traces show (not in the
 * register, never evaluated), a month without a held-out eval, and three register problems
 * (a late first response, a missing postmortem, an unknown category). The incident taxonomy
 * comes from the tickets part (`incidents.taxonomy`).
 */
export const agentGovernancePart: DemoPart = {
  name: 'agent-governance',
  generate(ctx): DemoPartOutput {
    const shared = (ctx.shared.models as SharedModels | undefined) ?? FALLBACK_MODELS;
    const runtime = ctx.shared.agentRuntime as { crossTenantRetrievalSpanId?: string } | undefined;
    const prod = shared.declared.filter((d) => d.environment === 'production');
    const [m41, m5] = [prod[0], prod[prod.length - 1]];
    const planted: DemoPartOutput['planted'] = [];
    const files: Record<string, string> = {};

    // Model changes: every declared model, the first production change approved by its own requester.
    const evalId = (d: DeclaredModel, day: string) => `ev-${d.requested.replace(/[^a-z0-9]/gi, '')}-${day}`;
    // Switched off, each plant is its compliant version: a second approver, the gate eval the day
    // before go-live, a May eval of gpt-4.1, and incidents answered, written up and categorised.
    const evalLate = planting(ctx, 'governance.eval_late');
    const evalDayOf = (d: DeclaredModel) => (d === m5 && evalLate ? '2026-07-16' : addDays(d.at.slice(0, 10), -1));
    const changes = shared.declared.map((d, i) => ({
      id: `MC-${String(i + 1).padStart(3, '0')}`, service: d.service, environment: d.environment, ...(d.fromModel ? { from: d.fromModel } : {}),
      to: d.requested, ...(d.model !== d.requested ? { aliases: [d.model] } : {}), provider: d.provider, ticket: `ENG-${410 + i * 17}`,
      requested_by: AI_LEAD, approved_by: d === m41 && planting(ctx, 'governance.self_approved') ? AI_LEAD : ENG_LEAD, approved_at: new Date(Date.parse(d.at) - 20 * 3_600_000).toISOString(),
      effective_at: d.at, evals: d.environment === 'production' ? [evalId(d, evalDayOf(d))] : [],
    }));
    files['governance/model-changes.yaml'] = '# Model changes of the agent platform, reviewed like code: one entry per swap, with its ticket, approver and evals.\n' + stringify({ changes }, { lineWidth: 140 });
    if (planting(ctx, 'governance.self_approved')) planted.push({ rule: 'modelchange.self_approved', subject: m41.model, why: `${m41.requested} in production was approved by its requester ${AI_LEAD}` });

    // Eval runs: held-out runs roughly monthly; May skipped for gpt-4.1; the gpt-5 gate ran the morning after go-live.
    const run = (d: DeclaredModel, day: string, hour: number, score: number, extra: object = {}) => ({
      id: evalId(d, day), model: d.requested, dataset: HELD_OUT, held_out: true, score, threshold: 0.85, tests: 240, failures: Math.round(240 * (1 - score)),
      started_at: `${day}T${String(hour).padStart(2, '0')}:00:00Z`, finished_at: `${day}T${String(hour).padStart(2, '0')}:42:00Z`, ...extra,
    });
    const runs = [
      run(m41, evalDayOf(m41), 18, 0.91),
      ...['2026-03-27', '2026-04-24', ...(planting(ctx, 'governance.eval_stale') ? [] : ['2026-05-22']), '2026-06-19', '2026-07-10'].map((day) => run(m41, day, 17, 0.89 + ctx.rng.int(0, 4) / 100)),
      run(m5, '2026-07-01', 20, 0.83, { id: 'ev-gpt5-devset-2026-07-01', dataset: 'relay-support-dev', held_out: false }),
      run(m5, evalDayOf(m5), 16, 0.93),
      run(m5, '2026-09-08', 17, 0.92),
    ];
    files['exports/evals/eval-runs.json'] = JSON.stringify({ runs }, null, 2) + '\n';
    if (evalLate) planted.push({ rule: 'modelchange.eval_late', subject: m5.model, why: `the held-out eval gating ${m5.requested} finished on 2026-07-16, after production switched at ${m5.at}` });
    if (planting(ctx, 'governance.eval_stale')) planted.push({ rule: 'eval.stale', subject: m41.model, why: 'no held-out eval of gpt-4.1 between 2026-04-24 and 2026-06-19' });
    files['exports/evals/promptfoo/heldout-gpt5-2026-08-12.json'] = promptfooOutput(ctx, {
      evalId: 'eval-R7k-2026-08-12T17:05:11', provider: `openai:chat:${m5.requested}`, at: '2026-08-12T17:05:11.000Z', tests: 40, passes: 38, description: HELD_OUT,
    });

    // The silent swap the traces show: not declared, never evaluated, and not in the register.
    const swap = planting(ctx, 'traces.silent_swap') ? shared.silentSwap?.observed : undefined;
    if (swap) planted.push({ rule: 'modelchange.silent_swap', subject: swap, why: `production answered with ${swap} from ${shared.silentSwap?.from.slice(0, 10)} while ${m5.model} was declared` });
    if (swap) planted.push({ rule: 'eval.missing', subject: swap, why: `${swap} served production without any eval run` });
    // The AI system register shows the same model: seen serving production, named by no declared change.
    if (swap) planted.push({ rule: 'ai.model_undeclared', subject: swap, why: `the register lists ${swap} among the production models, and no model change declares it` });
    // In the story, support caught the swap and logged it (SEC-INC-8 names the model); with every problem, nobody did.
    const swapLogged = swap !== undefined && !planting(ctx, 'governance.swap_not_logged');
    if (swap && !swapLogged) planted.push({ rule: 'incidentcoverage.missing', subject: swap, why: 'the silent model swap was never logged as an incident' });

    // Isolation probe runs of the agent memory, monthly, each as the probe command stores it.
    const probeStore = 'relay-memory';
    for (const day of ['2026-04-14', '2026-05-13', '2026-06-12', '2026-07-13', '2026-08-12', '2026-09-11']) {
      const runId = `probe-${day.replace(/-/g, '')}T160000Z-demo`;
      files[`exports/probes/${runId}.json`] = JSON.stringify(demoProbeRun(runId, `${day}T16:00:00.000Z`, probeStore), null, 2) + '\n';
    }

    // The incident register kept as a file (the Jira INC project holds the rest).
    const leakSpan = runtime?.crossTenantRetrievalSpanId;
    const incidents = [
      { key: 'SEC-INC-7', title: 'Knowledge-base search for acme returned globex documents', category: 'cross-tenant-exposure', severity: 'critical', opened_at: '2026-08-06T16:02:00Z', responded_at: '2026-08-06T16:24:00Z', closed_at: '2026-08-07T21:30:00Z', postmortem: 'https://wiki.relaylabs.ai/postmortems/2026-08-06-kb-tenant-filter', related: leakSpan ? [leakSpan] : [] },
      { key: 'SEC-INC-4', title: 'Agent API latency above 10 s for EU tenants', category: 'availability', severity: 'high', opened_at: '2026-06-11T15:00:00Z', responded_at: planting(ctx, 'governance.incident_late') ? '2026-06-11T18:10:00Z' : '2026-06-11T15:35:00Z', closed_at: '2026-06-11T23:05:00Z', postmortem: 'https://wiki.relaylabs.ai/postmortems/2026-06-11-eu-latency', related: [] },
      { key: 'SEC-INC-5', title: 'Instructions hidden in a support ticket made the agent quote internal notes', category: 'prompt-injection', severity: 'high', opened_at: '2026-07-02T17:30:00Z', responded_at: '2026-07-02T18:05:00Z', closed_at: '2026-07-03T22:00:00Z', postmortem: planting(ctx, 'governance.incident_no_postmortem') ? null : 'https://wiki.relaylabs.ai/postmortems/2026-07-02-ticket-injection', related: [] },
      { key: 'SEC-INC-8', title: 'Answers got vaguer after the provider update', category: planting(ctx, 'governance.incident_uncategorized') ? 'quality' : 'model-regression', severity: 'medium', opened_at: '2026-09-02T16:00:00Z', responded_at: '2026-09-02T17:10:00Z', closed_at: '2026-09-04T01:00:00Z', postmortem: null, related: swapLogged ? [swap] : [] },
    ];
    files['governance/incidents.json'] = JSON.stringify({ incidents }, null, 2) + '\n';
    if (planting(ctx, 'governance.incident_late')) planted.push({ rule: 'incident.late_response', subject: 'SEC-INC-4', why: 'first response 3.2 h after opening; availability allows 1 h' });
    if (planting(ctx, 'governance.incident_no_postmortem')) planted.push({ rule: 'incident.no_postmortem', subject: 'SEC-INC-5', why: 'a high-severity prompt injection closed without a postmortem' });
    if (planting(ctx, 'governance.incident_uncategorized')) planted.push({ rule: 'incident.uncategorized', subject: 'SEC-INC-8', why: '"quality" is not a category of the taxonomy' });

    return {
      files,
      sources: [
        { name: 'model-changes', kind: 'model-changes-yaml', path: 'governance/model-changes.yaml' },
        { name: 'eval-runs', kind: 'eval-runs-json', path: 'exports/evals/eval-runs.json', options: { tool: 'relay-evals' } },
        { name: 'promptfoo-heldout', kind: 'promptfoo-results', glob: 'exports/evals/promptfoo/*.json', options: { threshold: 0.9 } },
        { name: 'relay-memory-probe', kind: 'isolation-probe-json', glob: 'exports/probes/*.json' },
        { name: 'incident-register', kind: 'incidents-json', path: 'governance/incidents.json' },
      ],
      workspace: { probe: { adapter: 'memory', source: 'relay-memory-probe', store: probeStore, tenants: PROBE_TENANTS } },
      planted,
    };
  },
};
