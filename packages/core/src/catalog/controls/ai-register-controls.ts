/** @module Built-in control for the AI system register: models and providers seen against what was declared. */
import type { ControlInput } from '../control.js';

/** The AI system register: what production actually runs, held against declarations and the vendor list. */
export const aiRegisterControls: ControlInput[] = [
  {
    id: 'AGT-22',
    title: 'AI system register: models declared, providers reviewed',
    statement:
      'We keep a register of the AI our platform runs, derived from production traces: every model seen serving production was declared through a model change, and every model provider it reached is a vendor in our inventory with a current review.',
    criteria: ['CC9.2', 'CC8.1', 'CC7.1'],
    category: 'agent',
    frequency: 'continuous',
    ownerRole: 'ai-lead',
    evidenceSources: ['otlp-json', 'langfuse-export', 'model-changes-yaml', 'vendors-yaml', 'vendors-csv'],
    check: 'ai.system-register',
    audit: { unit: 'item', noun: 'model or provider seen in production', plural: 'models or providers seen in production', method: 'inspection', procedure: 'traced the model or provider seen in production traces to a declared model change, or to a vendor record with a review within twelve months' },
    params: {},
    owaspLlm: ['LLM03'],
    agent: true,
  },
];
