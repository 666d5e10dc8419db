/** @module The frameworks Fieldwork ships as data: ISO/IEC 42001 Annex A, NIST AI RMF, the EU AI Act and OWASP LLM. */
import { builtInControls } from '../catalog.js';
import { defineFramework } from './define-framework.js';
import type { Framework } from './framework-schema.js';
import { owaspLlmFramework } from './owasp-llm-framework.js';
import euAiActMapping from './eu-ai-act/mapping.json' with { type: 'json' };
import euAiActRequirements from './eu-ai-act/requirements.json' with { type: 'json' };
import iso42001Mapping from './iso42001/mapping.json' with { type: 'json' };
import iso42001Requirements from './iso42001/requirements.json' with { type: 'json' };
import nistAiRmfMapping from './nist-ai-rmf/mapping.json' with { type: 'json' };
import nistAiRmfRequirements from './nist-ai-rmf/requirements.json' with { type: 'json' };

const controlIds = builtInControls.map((c) => c.id);

/**
 * The data-defined frameworks, validated when this module loads: a typo in a mapping (an unknown
 * control or requirement id) fails at start-up, not as a silently unmapped requirement.
 */
export const dataFrameworks: readonly Framework[] = Object.freeze([
  defineFramework(iso42001Requirements, iso42001Mapping, controlIds),
  defineFramework(nistAiRmfRequirements, nistAiRmfMapping, controlIds),
  defineFramework(euAiActRequirements, euAiActMapping, controlIds),
]);

/**
 * Every built-in framework for a catalog: the data-defined ones and OWASP LLM Top 10, whose
 * mapping follows the catalog's own `owaspLlm` ids.
 *
 * @example
 * builtInFrameworks().map((f) => f.id); // ['iso42001', 'nist-ai-rmf', 'eu-ai-act', 'owasp-llm']
 */
export function builtInFrameworks(controls = builtInControls): Framework[] {
  return [...dataFrameworks, owaspLlmFramework(controls)];
}
