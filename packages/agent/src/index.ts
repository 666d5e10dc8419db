/** @module Fieldwork SDK for agent platforms: PII detection, OTel tool-call attributes, tenant-scoped memory, isolation canaries. */
export * from './memory/index.js';
export * from './otel/index.js';
export * from './pii/index.js';
export * from './probe/index.js';
