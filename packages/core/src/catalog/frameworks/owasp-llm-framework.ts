/** @module The OWASP Top 10 for LLM Applications (2025) as a framework, mapped from the controls' own `owaspLlm` ids. */
import type { Control } from '../control.js';
import { owaspLlm2025 } from '../owasp-llm.js';
import type { Framework } from './framework-schema.js';

// What each risk is about, in our words; the ids and names are OWASP's.
const SUMMARIES: Record<string, string> = {
  LLM01: 'Crafted input, direct or hidden in content the model reads, changes what the model or agent does.',
  LLM02: 'The model or its logs expose personal data, secrets or another customer\'s information.',
  LLM03: 'Models, providers, datasets or packages the application depends on are compromised or unvetted.',
  LLM04: 'Training, fine-tuning or retrieval data is tampered with so the model learns or repeats the wrong thing.',
  LLM05: 'Model output is passed to other systems without being checked, so it can act as code or commands.',
  LLM06: 'An agent has more tools, permissions or autonomy than its task needs, or acts without a human check.',
  LLM07: 'The system prompt holds secrets or authority that leak or can be turned against the application.',
  LLM08: 'Embeddings and vector stores leak across tenants or accept poisoned entries.',
  LLM09: 'The model states false or unsupported things that people or systems rely on.',
  LLM10: 'Usage is not limited, so cost, load or loops run away.',
};

/**
 * OWASP LLM Top 10 (2025) as a framework. Its mapping is not a data file: it follows the
 * `owaspLlm` ids each control already cites (relationship `intersect`: a control reduces part of
 * a risk), so a workspace control that cites an id shows up here too.
 */
export function owaspLlmFramework(controls: readonly Pick<Control, 'id' | 'owaspLlm'>[]): Framework {
  return Object.freeze({
    id: 'owasp-llm',
    name: 'OWASP Top 10 for LLM Applications',
    version: '2025',
    publisher: 'OWASP Foundation',
    url: 'https://genai.owasp.org/llm-top-10/',
    note: 'Risk ids and names are OWASP\'s; the summaries are Fieldwork\'s own. Mappings follow the owaspLlm ids of each control.',
    groups: [],
    requirements: owaspLlm2025.map((r) => ({ id: r.id, title: r.name, summary: SUMMARIES[r.id] ?? r.name, tags: [] })),
    mappings: controls.flatMap((c) => c.owaspLlm.map((id) => ({ control: c.id, requirement: id, relationship: 'intersect' as const }))),
  });
}
