/** @module Public face of the catalog: criteria, OWASP LLM risks, controls and scope. */
export { auditDesignSchema, auditUnitKinds, controlSchema, controlCategories, frequencies, paramValue, testMethods, tscCategories } from './control.js';
export type { AuditDesign, AuditUnitKind, Control, TestMethod, ControlCategory, ControlInput, Criterion, Frequency, OwaspLlmRisk, TscCategory } from './control.js';
export { criteria } from './criteria.js';
export { owaspLlm2025, owaspLlmById } from './owasp-llm.js';
export {
  builtInControls,
  categoriesOfControl,
  checkIdsOfCatalog,
  controlsInScope,
  criteriaById,
  mergeControls,
} from './catalog.js';
export type { ControlOverride } from './catalog.js';
export { REQUIRED_POLICIES, POLICY_FOR_CATEGORY } from './required-policies.js';
export type { RequiredPolicy } from './required-policies.js';
export * from './frameworks/index.js';
