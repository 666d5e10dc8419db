export type { Check, CheckContext, CheckOutcome, CheckException, CheckStatus, PopulationItem, TraceStep, WorkspaceFacts } from './check.js';
export { builtInChecks, findCheck } from './registry.js';
export { emptyPopulationNote, runChecks, withoutSelfTests } from './run-checks.js';
export { agentAttributeNamesSchema, agentSection, agentSectionSchema, agentStoreSchema, findTool, isProduction, toolAutonomyLevels, toolDeclarationSchema, toolIdentityModes, toolInventory, toolOversightMechanisms } from './agent/agent-inventory.js';
export type { AgentAttributeNames, AgentSection, AgentStore, ToolAutonomy, ToolDeclaration, ToolIdentityMode, ToolOversight } from './agent/agent-inventory.js';
export type { ControlResult, CheckRun } from './run-checks.js';
export { aiSystemRegister, providerAliases } from './ai/ai-system-register.js';
export type { AiSystemRegister, AiSystemRegisterInput, RegisterAgent, RegisterModel, RegisterProvider, RegisterTool } from './ai/ai-system-register.js';
export { PROVIDER_VENDOR_NAMES, providerVendorKeys, vendorNameKey } from './ai/provider-vendors.js';
