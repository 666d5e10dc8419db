export type { Check, CheckContext, CheckOutcome, CheckException, CheckStatus, PopulationItem, TraceStep, WorkspaceFacts } from './check.js';
export { builtInChecks, findCheck } from './registry.js';
export { emptyPopulationNote, runChecks, withoutSelfTests } from './run-checks.js';
export { agentAttributeNamesSchema, agentSection, agentSectionSchema, agentStoreSchema, findTool, isProduction, toolDeclarationSchema, toolIdentityModes, toolInventory } from './agent/agent-inventory.js';
export type { AgentAttributeNames, AgentSection, AgentStore, ToolDeclaration, ToolIdentityMode } from './agent/agent-inventory.js';
export type { ControlResult, CheckRun } from './run-checks.js';
export { risksSection } from './risk/risk-workspace.js';
