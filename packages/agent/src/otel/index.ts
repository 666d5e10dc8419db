/** @module OpenTelemetry attribute names and helpers that make agent spans auditable: tenant, end user, tool-call credential, approval. */
export { approvalAttributes, type Approval } from './approval-attributes.js';
export {
  APPROVAL_APPROVER,
  APPROVAL_AT,
  APPROVAL_ID,
  AUTHZ_ACTOR,
  AUTHZ_AUDIENCE,
  AUTHZ_GRANT_TYPE,
  AUTHZ_SCOPE,
  AUTHZ_SUBJECT,
  CREDENTIAL_ID,
  ENDUSER_ID,
  ENDUSER_PSEUDO_ID,
  TENANT_ID,
} from './attribute-names.js';
export {
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_SYSTEM,
  GEN_AI_TOOL_CALL_ID,
  GEN_AI_TOOL_NAME,
} from './gen-ai-attribute-names.js';
export { setAttributes, type AttributeSink } from './set-attributes.js';
export { tenantAttributes, type TenantContext } from './tenant-attributes.js';
export { toolCallAuthorizationAttributes, type ToolCallAuthorization } from './tool-call-authorization-attributes.js';
