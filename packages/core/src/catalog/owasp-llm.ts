/** @module The OWASP Top 10 for LLM Applications (2025) risk ids that controls cite. */
import type { OwaspLlmRisk } from './control.js';

/** LLM01…LLM10 of the OWASP Top 10 for LLM Applications, 2025 edition. */
export const owaspLlm2025: readonly OwaspLlmRisk[] = Object.freeze([
  { id: 'LLM01', name: 'Prompt Injection' },
  { id: 'LLM02', name: 'Sensitive Information Disclosure' },
  { id: 'LLM03', name: 'Supply Chain' },
  { id: 'LLM04', name: 'Data and Model Poisoning' },
  { id: 'LLM05', name: 'Improper Output Handling' },
  { id: 'LLM06', name: 'Excessive Agency' },
  { id: 'LLM07', name: 'System Prompt Leakage' },
  { id: 'LLM08', name: 'Vector and Embedding Weaknesses' },
  { id: 'LLM09', name: 'Misinformation' },
  { id: 'LLM10', name: 'Unbounded Consumption' },
]);

/** The OWASP LLM risk with `id` (`LLM06`), or undefined. */
export function owaspLlmById(id: string): OwaspLlmRisk | undefined {
  return owaspLlm2025.find((r) => r.id === id);
}
