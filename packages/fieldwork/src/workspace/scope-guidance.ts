import type { TscCategory } from '@fieldwork/core';

/** What `fieldwork init` asks to recommend a scope. */
export interface ScopeAnswers {
  /** Sells to businesses (B2B). */
  b2b: boolean;
  /** Commits to a measurable uptime or response SLA in contracts. */
  measurableSla: boolean;
  /** Processes personal data of consumers (not only business users). */
  consumerPersonalData: boolean;
  /** The agent makes high-stakes decisions: financial calculations, clinical decisions. */
  highStakes: boolean;
}

export interface ScopeRecommendation {
  categories: TscCategory[];
  reasons: { category: TscCategory; included: boolean; why: string }[];
}

/**
 * Applies our scoping guidance: Security always; Confidentiality for B2B platforms (customers
 * hand over their data); Availability only with a measurable SLA; Privacy with consumer
 * personal data; Processing Integrity for high-stakes outputs.
 */
export function recommendScope(a: ScopeAnswers): ScopeRecommendation {
  const reasons: ScopeRecommendation['reasons'] = [
    { category: 'security', included: true, why: 'Security (the common criteria) is in every SOC 2 report.' },
    { category: 'confidentiality', included: a.b2b, why: a.b2b ? 'B2B customers entrust you with their data and prompts; they will ask for Confidentiality.' : 'Not B2B: Confidentiality is optional; add it if customers send you confidential data.' },
    { category: 'availability', included: a.measurableSla, why: a.measurableSla ? 'You promise a measurable SLA, so Availability tests that you keep it.' : 'No measurable SLA: leave Availability out rather than test a promise you have not made.' },
    { category: 'privacy', included: a.consumerPersonalData, why: a.consumerPersonalData ? 'Consumer personal data is in scope, so Privacy applies.' : 'No consumer personal data: Privacy stays out (Confidentiality covers business data).' },
    { category: 'processing_integrity', included: a.highStakes, why: a.highStakes ? 'Agent outputs drive high-stakes outcomes (money, health), so Processing Integrity applies.' : 'No high-stakes calculations or decisions: Processing Integrity stays out.' },
  ];
  return { categories: reasons.filter((r) => r.included).map((r) => r.category), reasons };
}
