/** @module Canary tokens for the cross-tenant isolation probe: plant per tenant, find in answers, tell whose they are. */
export { canaryBelongsTo } from './canary-belongs-to.js';
export { canaryTenantHash } from './canary-tenant-hash.js';
export { findCanaries, type CanaryMatch } from './find-canaries.js';
export { makeCanary } from './make-canary.js';
export { sha256Hex } from './sha256-hex.js';
