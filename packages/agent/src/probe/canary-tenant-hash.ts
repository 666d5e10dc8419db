import { sha256Hex } from './sha256-hex.js';

/**
 * The first eight hex digits of SHA-256 of the tenant id: the tenant part of its canaries. It
 * names the tenant without revealing the id.
 *
 * @example
 * ```ts
 * import { canaryTenantHash } from '@fieldwork/agent/probe';
 * console.log(canaryTenantHash('acme').length); // 8
 * ```
 */
export function canaryTenantHash(tenant: string): string {
  return sha256Hex(`fieldwork-canary-tenant\u0000${tenant}`).slice(0, 8);
}
