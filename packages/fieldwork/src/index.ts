/**
 * @module Fieldwork, the application: store, evidence, collectors, report and CLI.
 */
export * from './workspace/index.js';
export * from './store/index.js';
export * from './evidence/index.js';
export * from './collectors/index.js';
export * from './report/index.js';
export * from './demo/index.js';
export { checkWorkspace, checkRunJson, summarize } from './pipeline/check-workspace.js';
export { collectWorkspace } from './pipeline/collect-workspace.js';
export { auditTypeOne, auditTypeTwo, roleHolder } from './pipeline/audit-workspace.js';
export { spillItems } from './pipeline/spill-items.js';
export * from './server/index.js';
export * from './policies/index.js';
export * from './manual-evidence/index.js';
export * from './schedule/index.js';
export * from './notify/index.js';
export { runCli } from './cli/program.js';
