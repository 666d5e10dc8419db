/** @module Built-in controls for availability commitments. */
import type { ControlInput } from '../control.js';

/** Availability: capacity, service-level monitoring and redundant infrastructure. */
export const availabilityControls: ControlInput[] = [
  {
    id: 'AVL-01',
    title: 'Capacity monitoring and planning',
    statement:
      'We watch CPU, memory, storage, queue depth and model provider rate-limit headroom, alert before thresholds are reached, and review capacity against forecast demand every month.',
    criteria: ['A1.1'],
    category: 'availability',
    frequency: 'monthly',
    ownerRole: 'engineering-lead',
    evidenceSources: ['otlp-json'],
    check: null,
    owaspLlm: ['LLM10'],
  },
  {
    id: 'AVL-02',
    title: 'Service-level monitoring and status page',
    statement:
      'External probes measure availability against our published objectives, outages page the on-call engineer, and customers see the current state on a public status page.',
    criteria: ['A1.1', 'CC7.2', 'CC2.3'],
    category: 'availability',
    frequency: 'continuous',
    ownerRole: 'engineering-lead',
    evidenceSources: ['incidents-json', 'otlp-json'],
    check: null,
  },
  {
    id: 'AVL-03',
    title: 'Redundant production infrastructure',
    statement:
      'Production services and data stores run across at least two availability zones, so the loss of one zone does not take the service down.',
    criteria: ['A1.2'],
    category: 'availability',
    frequency: 'quarterly',
    ownerRole: 'engineering-lead',
    evidenceSources: ['prowler-ocsf'],
    check: null,
  },
];
