/** @module Frameworks as data: requirement catalogs, mappings from our controls, and coverage views. */
export { frameworkMappingEntrySchema, frameworkMappingSchema, frameworkRequirementSchema, frameworkRequirementsSchema, mappingRelationships } from './framework-schema.js';
export type { Framework, FrameworkMapping, FrameworkMappingEntry, FrameworkMappingInput, FrameworkRequirement, FrameworkRequirements, FrameworkRequirementsInput, MappingRelationship } from './framework-schema.js';
export { defineFramework, FrameworkDataError } from './define-framework.js';
export { builtInFrameworks, dataFrameworks } from './built-in-frameworks.js';
export { owaspLlmFramework } from './owasp-llm-framework.js';
export { findFramework, frameworkCoverage } from './framework-coverage.js';
export type { FrameworkCoverage, RequirementCoverage, RequirementState, ResultForCoverage, ServingControl } from './framework-coverage.js';
