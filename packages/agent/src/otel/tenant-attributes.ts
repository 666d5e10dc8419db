import { ENDUSER_ID, ENDUSER_PSEUDO_ID, TENANT_ID } from './attribute-names.js';
import { requireText } from './require-text.js';

/**
 * Who a span's work is for.
 *
 * @example
 * ```ts
 * import type { TenantContext } from '@fieldwork/agent/otel';
 * const ctx: TenantContext = { tenantId: 'acme', endUserId: 'u-81f2', pseudonymous: true };
 * ```
 */
export interface TenantContext {
  readonly tenantId: string;
  readonly endUserId?: string;
  /** The end-user id is a pseudonym: record it as `enduser.pseudo.id` instead of `enduser.id`. */
  readonly pseudonymous?: boolean;
}

const HELPER = 'tenantAttributes';

/**
 * Span attributes naming the tenant and, optionally, the end user. With `pseudonymous: true` the
 * user id goes to `enduser.pseudo.id`, keeping a direct identifier out of the traces.
 *
 * @example
 * ```ts
 * import { tenantAttributes } from '@fieldwork/agent/otel';
 * console.log(tenantAttributes({ tenantId: 'acme', endUserId: 'u-81f2', pseudonymous: true }));
 * // { 'tenant.id': 'acme', 'enduser.pseudo.id': 'u-81f2' }
 * ```
 */
export function tenantAttributes(ctx: TenantContext): Record<string, string> {
  const attrs: Record<string, string> = { [TENANT_ID]: requireText(HELPER, 'tenantId', ctx.tenantId) };
  if (ctx.endUserId !== undefined) {
    attrs[ctx.pseudonymous === true ? ENDUSER_PSEUDO_ID : ENDUSER_ID] = requireText(HELPER, 'endUserId', ctx.endUserId);
  }
  return attrs;
}
