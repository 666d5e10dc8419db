/** @module Built-in controls for incident response. */
import type { ControlInput } from '../control.js';

/** Incident response: the plan, the register, exercises and agent incident categories. */
export const incidentControls: ControlInput[] = [
  {
    id: 'INC-01',
    title: 'Incident response plan',
    statement:
      'We keep an incident response plan with severities, roles, escalation paths, customer communication templates and evidence handling, and review it every year.',
    criteria: ['CC7.3', 'CC7.4', 'CC7.5'],
    category: 'incident',
    frequency: 'annual',
    ownerRole: 'security-lead',
    evidenceSources: ['policies-md'],
    check: null,
  },
  {
    id: 'INC-02',
    title: 'Incident register kept and worked',
    statement:
      'Every incident is logged in one register with a category and severity, gets a first response within the time set for its severity, and the most severe ones get a written postmortem with follow-up actions.',
    criteria: ['CC7.3', 'CC7.4', 'CC7.5', 'CC4.2'],
    category: 'incident',
    frequency: 'per_event',
    ownerRole: 'security-lead',
    evidenceSources: ['incidents-json', 'jira-issues', 'linear-issues'],
    check: 'incident.register',
    audit: { unit: 'event', noun: 'incident', method: 'inspection', procedure: "inspected the incident for a category in the taxonomy, a first response within the category's hours and, when required, a postmortem" },
    params: {},
  },
  {
    id: 'INC-03',
    title: 'Incident response exercise',
    statement:
      'Once a year we run a tabletop exercise of a realistic scenario, such as a leaked model API key or an agent acting outside its authority, and fold the lessons into the plan.',
    criteria: ['CC7.4', 'CC7.5'],
    category: 'incident',
    frequency: 'annual',
    ownerRole: 'security-lead',
    evidenceSources: ['policies-md', 'jira-issues', 'linear-issues'],
    check: null,
  },
  {
    id: 'INC-04',
    title: 'Incident definitions cover agent incidents',
    statement:
      'Our incident taxonomy names agent incidents (prompt injection that led to action, unauthorized tool calls, cross-tenant data in an output, runaway model spend, harmful output) and we confirm that such events found in traces were logged as incidents.',
    criteria: ['CC7.3', 'CC7.4'],
    category: 'incident',
    frequency: 'per_event',
    ownerRole: 'ai-lead',
    evidenceSources: ['incidents-json', 'jira-issues', 'linear-issues', 'otlp-json', 'langfuse-export'],
    check: 'agent.incident-coverage',
    audit: { unit: 'event', noun: 'agent incident event', method: 'inspection', procedure: 'traced the event (a cross-tenant retrieval, a leaking probe, a silent model swap) to an incident that names it' },
    params: {},
    owaspLlm: ['LLM01', 'LLM02', 'LLM06', 'LLM10'],
    agent: true,
  },
];
