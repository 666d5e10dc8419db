import { canaryTenantHash } from './canary-tenant-hash.js';
import { findCanaries } from './find-canaries.js';

/**
 * Whether a canary token was planted for `tenant`. A response to tenant B containing a canary
 * that belongs to tenant A is a cross-tenant leak.
 *
 * @example
 * ```ts
 * import { canaryBelongsTo, makeCanary } from '@fieldwork/agent/probe';
 * const token = makeCanary('acme', 's1');
 * console.log(canaryBelongsTo(token, 'acme'), canaryBelongsTo(token, 'globex')); // true false
 * ```
 */
export function canaryBelongsTo(token: string, tenant: string): boolean {
  const [match] = findCanaries(token);
  return match !== undefined && match.index === 0 && match.token.length === token.length && match.tenantHash === canaryTenantHash(tenant);
}
