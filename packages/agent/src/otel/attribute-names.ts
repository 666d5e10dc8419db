/**
 * Tenant the span's work is done for. Not defined by the OpenTelemetry semantic conventions;
 * a Fieldwork convention, set on every span that touches tenant data.
 *
 * @example
 * ```ts
 * import { TENANT_ID } from '@fieldwork/agent/otel';
 * console.log(TENANT_ID); // tenant.id
 * ```
 */
export const TENANT_ID = 'tenant.id';

/**
 * End user the work is done for (OpenTelemetry semantic conventions, development status). It is
 * PII; prefer {@link ENDUSER_PSEUDO_ID} when a pseudonymous id will do.
 *
 * @example
 * ```ts
 * import { ENDUSER_ID } from '@fieldwork/agent/otel';
 * const attributes = { [ENDUSER_ID]: 'user-42' };
 * ```
 */
export const ENDUSER_ID = 'enduser.id';

/**
 * Pseudonymous end-user id, not directly linkable to a person (OpenTelemetry semantic
 * conventions, development status).
 *
 * @example
 * ```ts
 * import { ENDUSER_PSEUDO_ID } from '@fieldwork/agent/otel';
 * const attributes = { [ENDUSER_PSEUDO_ID]: 'QdH5CAWJgqVT4rOr0qtumf' };
 * ```
 */
export const ENDUSER_PSEUDO_ID = 'enduser.pseudo.id';

/**
 * Principal a tool call's credential acts for: the end user or the tenant's service account,
 * never the agent itself (the `sub` of an OAuth token-exchange token, RFC 8693). Fieldwork
 * convention.
 *
 * @example
 * ```ts
 * import { AUTHZ_SUBJECT } from '@fieldwork/agent/otel';
 * const attributes = { [AUTHZ_SUBJECT]: 'user:42@tenant-a' };
 * ```
 */
export const AUTHZ_SUBJECT = 'app.authz.subject';

/**
 * Party actually making the call on the subject's behalf, usually the agent (the `act` claim of
 * RFC 8693). Fieldwork convention.
 *
 * @example
 * ```ts
 * import { AUTHZ_ACTOR } from '@fieldwork/agent/otel';
 * const attributes = { [AUTHZ_ACTOR]: 'agent:support-bot' };
 * ```
 */
export const AUTHZ_ACTOR = 'app.authz.actor';

/**
 * Resource server or API the credential is valid for (the token `aud`). Fieldwork convention.
 *
 * @example
 * ```ts
 * import { AUTHZ_AUDIENCE } from '@fieldwork/agent/otel';
 * const attributes = { [AUTHZ_AUDIENCE]: 'https://api.github.com' };
 * ```
 */
export const AUTHZ_AUDIENCE = 'app.authz.audience';

/**
 * Space-separated scopes the credential carried (as in OAuth `scope`). Fieldwork convention.
 *
 * @example
 * ```ts
 * import { AUTHZ_SCOPE } from '@fieldwork/agent/otel';
 * const attributes = { [AUTHZ_SCOPE]: 'repo:read issues:write' };
 * ```
 */
export const AUTHZ_SCOPE = 'app.authz.scope';

/**
 * How the credential was obtained, e.g. `urn:ietf:params:oauth:grant-type:token-exchange` or
 * `client_credentials`. Fieldwork convention.
 *
 * @example
 * ```ts
 * import { AUTHZ_GRANT_TYPE } from '@fieldwork/agent/otel';
 * const attributes = { [AUTHZ_GRANT_TYPE]: 'client_credentials' };
 * ```
 */
export const AUTHZ_GRANT_TYPE = 'app.authz.grant_type';

/**
 * Identifier of the credential used (a key id or token id, never the secret). Fieldwork
 * convention.
 *
 * @example
 * ```ts
 * import { CREDENTIAL_ID } from '@fieldwork/agent/otel';
 * const attributes = { [CREDENTIAL_ID]: 'kid-2024-11' };
 * ```
 */
export const CREDENTIAL_ID = 'app.authz.credential_id';

/**
 * Person who approved a consequential action before the agent took it. Fieldwork convention.
 *
 * @example
 * ```ts
 * import { APPROVAL_APPROVER } from '@fieldwork/agent/otel';
 * const attributes = { [APPROVAL_APPROVER]: 'alice@example.com' };
 * ```
 */
export const APPROVAL_APPROVER = 'app.approval.approver';

/**
 * When the approval was given, as an ISO 8601 UTC instant. Fieldwork convention.
 *
 * @example
 * ```ts
 * import { APPROVAL_AT } from '@fieldwork/agent/otel';
 * const attributes = { [APPROVAL_AT]: new Date().toISOString() };
 * ```
 */
export const APPROVAL_AT = 'app.approval.at';

/**
 * Identifier of the approval record (ticket, request id). Fieldwork convention.
 *
 * @example
 * ```ts
 * import { APPROVAL_ID } from '@fieldwork/agent/otel';
 * const attributes = { [APPROVAL_ID]: 'CHG-1042' };
 * ```
 */
export const APPROVAL_ID = 'app.approval.id';
