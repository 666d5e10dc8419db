/** @module Built-in controls for customer and personal data flowing through AI agents. */
import type { ControlInput } from '../control.js';

/** Agent data: prompt redaction, log retention and access, PII deletion, no training on our data. */
export const agentDataControls: ControlInput[] = [
  {
    id: 'AGT-18',
    title: 'Prompt redaction of personal data',
    statement:
      'Before prompts and completions are written to logs, and before sending them to providers where the use case allows, we detect and redact personal data, and we scan stored prompt logs for any that got through.',
    criteria: ['C1.1', 'P3.1', 'P4.1'],
    category: 'privacy',
    frequency: 'continuous',
    ownerRole: 'ai-lead',
    evidenceSources: ['prompt-log-jsonl', 'langfuse-export', 'otlp-json'],
    check: 'agent.prompt-pii',
    automated: true,
    zeroTolerance: true,
    audit: { unit: 'item', noun: 'prompt record', method: 'inspection', procedure: "inspected the record's personal-data findings after redaction" },
    params: {
      piiSeverity: {
        credit_card: 'high', us_ssn: 'high', iban: 'high', api_key: 'high', email: 'medium', phone: 'medium', ip_address: 'medium',
        person: 'medium', address: 'medium', date_of_birth: 'medium', date: 'low',
      },
      piiSeverityUnvalidated: {
        email: 'medium', phone: 'medium', ip_address: 'medium', person: 'low', address: 'low', date_of_birth: 'low', date: 'low',
      },
      piiExceptionAt: 'medium',
      piiCombine: true,
    },
    owaspLlm: ['LLM02'],
    agent: true,
  },
  {
    id: 'AGT-19',
    title: 'Prompt, completion and tool-trace log retention and access',
    statement:
      'Prompt, completion and tool-trace logs are kept for 30 days and then deleted automatically, and only the on-call and AI teams can read them, through an access path that is itself logged.',
    criteria: ['C1.2', 'P4.2', 'CC6.1'],
    category: 'agent',
    frequency: 'daily',
    ownerRole: 'ai-lead',
    evidenceSources: ['prompt-log-jsonl', 'langfuse-export', 'otlp-json'],
    check: 'agent.prompt-retention',
    audit: { unit: 'item', noun: 'log store', method: 'reperformance', procedure: "recomputed the age of the oldest kept record against the store's declared retention and checked deletion requests were honoured" },
    params: { retentionDays: 30, graceDays: 2 },
    owaspLlm: ['LLM02'],
    agent: true,
  },
  {
    id: 'AGT-20',
    title: 'Deletion of personal data from prompt logs',
    statement:
      'When a person or customer asks for deletion, or a contract ends, we delete their personal data from prompt logs, traces, agent memory and evaluation sets as well as primary stores, and record when each was done.',
    criteria: ['P4.3', 'C1.2', 'P4.2'],
    category: 'privacy',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: ['prompt-log-jsonl', 'jira-issues', 'linear-issues'],
    check: null,
    owaspLlm: ['LLM02'],
    agent: true,
  },
  {
    id: 'AGT-21',
    title: 'Model providers do not train on customer data',
    statement:
      'We use model providers only under terms that forbid training on our customers\' prompts and outputs (training opt-out or zero data retention), check those terms at each vendor review, and never use customer data to fine-tune models without written permission.',
    criteria: ['P4.1', 'P6.4', 'C1.1', 'CC9.2'],
    category: 'privacy',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: ['vendors-csv', 'vendors-yaml'],
    check: null,
    owaspLlm: ['LLM02', 'LLM04'],
    agent: true,
  },
];
