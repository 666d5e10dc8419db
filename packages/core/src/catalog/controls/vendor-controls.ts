/** @module Built-in controls for vendor and subservice organization risk. */
import type { ControlInput } from '../control.js';

const vendors = ['vendors-csv', 'vendors-yaml'];

/** Vendors: inventory and review, SOC 2 coverage, CUEC mapping, model providers, contracts. */
export const vendorControls: ControlInput[] = [
  {
    id: 'VEN-01',
    title: 'Vendor inventory and risk review',
    statement:
      'We keep an inventory of vendors with their criticality and the data they touch, and review each critical vendor\'s risk at least every twelve months and before signing.',
    criteria: ['CC9.2', 'P6.4'],
    category: 'vendor',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: vendors,
    check: 'vendor.review',
    audit: { unit: 'item', noun: 'critical vendor', method: 'inspection', procedure: "inspected the vendor's latest risk review for a signed review within the last twelve months" },
    params: { reviewMonths: 12 },
  },
  {
    id: 'VEN-02',
    title: 'Current SOC 2 reports from critical vendors',
    statement:
      'For each critical vendor and subservice organization, model providers included, we obtain a SOC 2 Type II report (with a bridge letter when needed) no older than twelve months and note any exceptions that affect us.',
    criteria: ['CC9.2', 'CC4.1'],
    category: 'vendor',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: vendors,
    check: 'vendor.soc2-coverage',
    audit: { unit: 'item', noun: 'critical vendor', method: 'inspection', procedure: "inspected the vendor's SOC 2 report (or bridge letter) for a period ending within the last twelve months" },
    params: { maxReportAgeMonths: 12 },
    owaspLlm: ['LLM03'],
  },
  {
    id: 'VEN-03',
    title: 'Complementary user entity controls mapped',
    statement:
      'For every complementary user entity control listed in a vendor\'s SOC 2 report we name the control of ours that meets it, so nothing the vendor relies on us for is left uncovered.',
    criteria: ['CC9.2', 'CC2.3'],
    category: 'vendor',
    frequency: 'annual',
    ownerRole: 'compliance-owner',
    evidenceSources: vendors,
    check: 'vendor.cuec-mapping',
    audit: { unit: 'item', noun: 'complementary user entity control', method: 'inspection', procedure: "inspected the CUEC's mapping to one of our controls and that control's result in the same run" },
    params: {},
  },
  {
    id: 'VEN-04',
    title: 'Model providers treated as subservice organizations',
    statement:
      'We list every model provider our agents call as a subservice organization in our system description, state whether it is carved out, and allow agents to call only providers that are on that list.',
    criteria: ['CC9.2', 'CC2.3', 'CC6.7'],
    category: 'vendor',
    frequency: 'annual',
    ownerRole: 'ai-lead',
    evidenceSources: [...vendors, 'otlp-json', 'langfuse-export'],
    check: null,
    owaspLlm: ['LLM03'],
    agent: true,
  },
  {
    id: 'VEN-05',
    title: 'Security and privacy terms in vendor contracts',
    statement:
      'Contracts with vendors that handle customer or personal data bind them to confidentiality, security measures, data processing terms and notice to us of any breach within an agreed time.',
    criteria: ['CC9.2', 'P6.4', 'P6.5', 'C1.1'],
    category: 'vendor',
    frequency: 'per_event',
    ownerRole: 'compliance-owner',
    evidenceSources: vendors,
    check: null,
  },
];
