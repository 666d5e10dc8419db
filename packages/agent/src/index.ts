/**
 * @module Fieldwork SDK for agent platforms: PII detection and redaction, OpenTelemetry attributes
 * for auditable tool calls, tenant-scoped memory and isolation-probe canaries. No dependencies.
 */
export * from './memory/index.js';
export * from './otel/index.js';
export * from './pii/index.js';
export * from './probe/index.js';
