export type { Check, CheckContext, CheckOutcome, CheckException, CheckStatus, PopulationItem, TraceStep, WorkspaceFacts } from './check.js';
export { builtInChecks, findCheck } from './registry.js';
export { runChecks } from './run-checks.js';
export type { ControlResult, CheckRun } from './run-checks.js';
