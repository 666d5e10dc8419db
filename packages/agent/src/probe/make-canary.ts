import { canaryTenantHash } from './canary-tenant-hash.js';
import { sha256Hex } from './sha256-hex.js';

/**
 * A deterministic canary token for a tenant: `FWCANARY-<tenant-hash8>-<hex16>`. Plant it in one
 * tenant's memory, then query as other tenants: if it ever shows up in their answers, retrieval
 * crosses tenants. The same tenant and seed always give the same token, so a probe run can be
 * repeated and audited; the token cannot occur by chance in ordinary text.
 *
 * @example
 * ```ts
 * import { makeCanary } from '@fieldwork/agent/probe';
 * const token = makeCanary('acme', 'probe-2025-03-01#1');
 * console.log(/^FWCANARY-[0-9a-f]{8}-[0-9a-f]{16}$/.test(token)); // true
 * ```
 */
export function makeCanary(tenant: string, seed: string): string {
  if (typeof tenant !== 'string' || tenant === '') throw new TypeError('makeCanary: tenant must be a non-empty string');
  if (typeof seed !== 'string') throw new TypeError('makeCanary: seed must be a string');
  const body = sha256Hex(`fieldwork-canary\u0000${tenant}\u0000${seed}`).slice(0, 16);
  return `FWCANARY-${canaryTenantHash(tenant)}-${body}`;
}
