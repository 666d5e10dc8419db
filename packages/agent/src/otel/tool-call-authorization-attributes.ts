import {
  AUTHZ_ACTOR,
  AUTHZ_AUDIENCE,
  AUTHZ_GRANT_TYPE,
  AUTHZ_SCOPE,
  AUTHZ_SUBJECT,
  CREDENTIAL_ID,
} from './attribute-names.js';
import { requireText } from './require-text.js';

/**
 * The credential a tool call ran with, described for the auditor.
 *
 * @example
 * ```ts
 * import type { ToolCallAuthorization } from '@fieldwork/agent/otel';
 * const authz: ToolCallAuthorization = {
 *   subject: 'user:42', actor: 'agent:support-bot', audience: 'https://api.example.com', scope: ['tickets:read'],
 * };
 * ```
 */
export interface ToolCallAuthorization {
  /** Who the call acts for: the end user or the tenant's principal, never the agent itself. */
  readonly subject: string;
  /** Who makes the call: the agent (RFC 8693 `act`). */
  readonly actor: string;
  /** The API the credential is for (token `aud`). */
  readonly audience: string;
  /** Granted scopes, as a list or an OAuth space-separated string. No wildcards. */
  readonly scope: readonly string[] | string;
  /** How the credential was obtained (OAuth grant type). */
  readonly grantType?: string;
  /** Key or token id of the credential (never the secret itself). */
  readonly credentialId?: string;
}

const HELPER = 'toolCallAuthorizationAttributes';

/**
 * Span attributes that show which credential a tool call used, so a check can tell a call made
 * with the user's or tenant's scoped, delegated credential from one made with the agent's own
 * broad identity. Scopes are de-duplicated and space-joined; an empty scope or one containing
 * `*` throws a `TypeError`, because a wildcard grant is exactly what the control looks for.
 *
 * @example
 * ```ts
 * import { toolCallAuthorizationAttributes } from '@fieldwork/agent/otel';
 * const attrs = toolCallAuthorizationAttributes({
 *   subject: 'user:42',
 *   actor: 'agent:support-bot',
 *   audience: 'https://api.example.com',
 *   scope: ['tickets:read', 'tickets:write'],
 *   grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
 * });
 * console.log(attrs['app.authz.scope']); // tickets:read tickets:write
 * ```
 */
export function toolCallAuthorizationAttributes(authz: ToolCallAuthorization): Record<string, string> {
  const attrs: Record<string, string> = {
    [AUTHZ_SUBJECT]: requireText(HELPER, 'subject', authz.subject),
    [AUTHZ_ACTOR]: requireText(HELPER, 'actor', authz.actor),
    [AUTHZ_AUDIENCE]: requireText(HELPER, 'audience', authz.audience),
    [AUTHZ_SCOPE]: normalizeScope(authz.scope),
  };
  if (authz.grantType !== undefined) attrs[AUTHZ_GRANT_TYPE] = requireText(HELPER, 'grantType', authz.grantType);
  if (authz.credentialId !== undefined) attrs[CREDENTIAL_ID] = requireText(HELPER, 'credentialId', authz.credentialId);
  return attrs;
}

function normalizeScope(scope: readonly string[] | string): string {
  let parts: readonly unknown[];
  if (typeof scope === 'string') parts = scope.split(/\s+/);
  else if (Array.isArray(scope)) parts = scope;
  else throw new TypeError(`${HELPER}: "scope" must be a string or an array of strings`);
  const scopes: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') throw new TypeError(`${HELPER}: every scope must be a string`);
    for (const s of part.split(/\s+/)) {
      if (s === '') continue;
      if (s.includes('*')) {
        throw new TypeError(`${HELPER}: wildcard scope "${s}" is not allowed; grant the specific scopes the tool needs`);
      }
      if (!scopes.includes(s)) scopes.push(s);
    }
  }
  if (scopes.length === 0) throw new TypeError(`${HELPER}: "scope" must name at least one scope`);
  return scopes.join(' ');
}
