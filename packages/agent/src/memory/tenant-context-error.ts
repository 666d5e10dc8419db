/**
 * Stable codes of {@link TenantContextError}.
 *
 * @example
 * ```ts
 * import type { TenantContextErrorCode } from '@fieldwork/agent/memory';
 * const code: TenantContextErrorCode = 'TENANT_CONTEXT_REQUIRED';
 * ```
 */
export type TenantContextErrorCode = 'TENANT_CONTEXT_REQUIRED' | 'TENANT_MISMATCH';

/**
 * Thrown when memory is used without a tenant (`TENANT_CONTEXT_REQUIRED`) or when a store hands
 * back a record that belongs to another tenant (`TENANT_MISMATCH`). Both fail closed: no data
 * is returned.
 *
 * @example
 * ```ts
 * import { InMemoryVectorStore, TenantContextError, TenantScopedMemory } from '@fieldwork/agent/memory';
 * const memory = new TenantScopedMemory(new InMemoryVectorStore<string>());
 * try {
 *   await memory.get('doc-1');
 * } catch (e) {
 *   if (e instanceof TenantContextError) console.log(e.code); // TENANT_CONTEXT_REQUIRED
 * }
 * ```
 */
export class TenantContextError extends Error {
  override readonly name = 'TenantContextError';
  readonly code: TenantContextErrorCode;

  constructor(code: TenantContextErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Returns the tenant id or throws `TENANT_CONTEXT_REQUIRED` for anything but a non-blank string. */
export function requireTenant(tenant: unknown, operation: string): string {
  if (typeof tenant !== 'string' || tenant.trim() === '') {
    throw new TenantContextError(
      'TENANT_CONTEXT_REQUIRED',
      `${operation}: a tenant id is required; call forTenant(id) or configure a tenant resolver`,
    );
  }
  return tenant;
}
