/** @module Built-in controls for running AI agents reliably and changing them safely. */
import type { ControlInput } from '../control.js';

const traces = ['otlp-json', 'langfuse-export'];

/** Agent operations: failover, durable work, resumption, evals, output checks, model changes, tracing. */
export const agentOperationsControls: ControlInput[] = [
  {
    id: 'AGT-11',
    title: 'Model provider failover',
    statement:
      'Every production agent has a tested fallback model at a second provider or region, and we switch to it automatically when the primary errors or times out beyond a set rate.',
    criteria: ['A1.2', 'CC9.1'],
    category: 'availability',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: traces,
    check: null,
    owaspLlm: ['LLM10'],
    agent: true,
  },
  {
    id: 'AGT-12',
    title: 'Durable work queue for agent runs',
    statement:
      'Agent runs and tool calls are queued in durable, replicated storage with at-least-once delivery and idempotency keys, so accepted work survives the loss of a worker without being done twice.',
    criteria: ['A1.2', 'PI1.5'],
    category: 'availability',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: traces,
    check: null,
    agent: true,
  },
  {
    id: 'AGT-13',
    title: 'Agent runs resume after restart',
    statement:
      'Agents checkpoint their state after each step, so after a deploy or crash a run resumes from its last completed step rather than restarting or being lost; we exercise this in a quarterly restart drill.',
    criteria: ['PI1.3', 'PI1.5', 'A1.2'],
    category: 'availability',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: traces,
    check: null,
    agent: true,
  },
  {
    id: 'AGT-14',
    title: 'Evaluation on a held-out set',
    statement:
      'Each production agent is scored at least monthly, and before every release, on a held-out evaluation set kept apart from prompt tuning data, and it must meet its documented threshold for accuracy and groundedness.',
    criteria: ['PI1.3', 'CC4.1', 'PI1.1'],
    category: 'processing_integrity',
    frequency: 'monthly',
    ownerRole: 'ai-lead',
    evidenceSources: ['eval-runs-json', 'promptfoo-results'],
    check: 'agent.eval-coverage',
    audit: { unit: 'item', noun: 'production model', method: 'inspection', procedure: 'traced the model to a passing evaluation on a held-out set that finished before it served production' },
    params: { cadence: 'monthly' },
    owaspLlm: ['LLM09', 'LLM04'],
    agent: true,
  },
  {
    id: 'AGT-15',
    title: 'Model output validated against schemas',
    statement:
      'Structured model output is parsed and validated against a schema before any tool or downstream system uses it; invalid output is retried or rejected, never passed on as is.',
    criteria: ['PI1.3', 'PI1.4', 'PI1.2'],
    category: 'processing_integrity',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: traces,
    check: null,
    owaspLlm: ['LLM05'],
    agent: true,
  },
  {
    id: 'AGT-16',
    title: 'Model swaps go through change management',
    statement:
      'Changing the model or model version behind a production agent needs a ticket, an evaluation run that meets the threshold and a reviewer\'s approval, and we compare the models seen in traces with the approved changes.',
    criteria: ['CC8.1', 'CC3.4'],
    category: 'change',
    frequency: 'per_event',
    ownerRole: 'ai-lead',
    evidenceSources: ['model-changes-yaml', 'eval-runs-json', ...traces],
    check: 'agent.model-change',
    zeroToleranceRules: ['modelchange.silent_swap'],
    audit: { unit: 'event', noun: 'model served in production', plural: 'models served in production', method: 'inspection', procedure: 'traced the model seen in production to an approved change record (approver other than the requester) and a passing evaluation before first use' },
    params: {},
    owaspLlm: ['LLM03', 'LLM09'],
    agent: true,
  },
  {
    id: 'AGT-17',
    title: 'Every model and tool call traced',
    statement:
      'Our agent runtime emits a trace span for every model call, tool call and approval with tenant, user, model and credential scope, which feeds monitoring and lets us reconstruct what an agent did.',
    criteria: ['CC7.2', 'CC2.1', 'PI1.3'],
    category: 'logging',
    frequency: 'continuous',
    ownerRole: 'ai-lead',
    evidenceSources: traces,
    check: null,
    owaspLlm: ['LLM06'],
    agent: true,
  },
];
