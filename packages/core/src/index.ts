/**
 * @module The Fieldwork domain: catalog, normalized records, checks and the audit engine.
 * Pure functions over records; no files, no network, no database.
 */
export * from './errors/index.js';
export * from './time/index.js';
export * from './records/index.js';
export * from './catalog/index.js';
export * from './checks/index.js';
export * from './audit/index.js';
export * from './readiness/index.js';
export * from './history/index.js';
export * from './requests/index.js';
