import { describe, expect, it } from 'vitest';
import * as otel from './index.js';

/** The shape of an @opentelemetry/api Span, as far as setAttribute goes. */
class FakeSpan {
  readonly attributes: Record<string, string | number | boolean> = {};
  setAttribute(key: string, value: string | number | boolean): this {
    this.attributes[key] = value;
    return this;
  }
}

describe('setAttributes', () => {
  it('sets every defined attribute and returns the span', () => {
    const span = new FakeSpan();
    const result = otel.setAttributes(span, {
      ...otel.tenantAttributes({ tenantId: 'acme' }),
      ...otel.toolCallAuthorizationAttributes({ subject: 'user:1', actor: 'agent:a', audience: 'api', scope: 'read' }),
      [otel.GEN_AI_TOOL_NAME]: 'lookup',
      'app.retries': 2,
      'app.cached': false,
      'app.skipped': undefined,
    });
    expect(result).toBe(span);
    expect(span.attributes).toEqual({
      'tenant.id': 'acme',
      'app.authz.subject': 'user:1',
      'app.authz.actor': 'agent:a',
      'app.authz.audience': 'api',
      'app.authz.scope': 'read',
      'gen_ai.tool.name': 'lookup',
      'app.retries': 2,
      'app.cached': false,
    });
  });
});

describe('attribute names', () => {
  it('are the documented strings', () => {
    expect({ ...otel }).toMatchObject({
      TENANT_ID: 'tenant.id',
      ENDUSER_ID: 'enduser.id',
      ENDUSER_PSEUDO_ID: 'enduser.pseudo.id',
      AUTHZ_SUBJECT: 'app.authz.subject',
      AUTHZ_ACTOR: 'app.authz.actor',
      AUTHZ_AUDIENCE: 'app.authz.audience',
      AUTHZ_SCOPE: 'app.authz.scope',
      AUTHZ_GRANT_TYPE: 'app.authz.grant_type',
      CREDENTIAL_ID: 'app.authz.credential_id',
      APPROVAL_APPROVER: 'app.approval.approver',
      APPROVAL_AT: 'app.approval.at',
      APPROVAL_ID: 'app.approval.id',
      GEN_AI_OPERATION_NAME: 'gen_ai.operation.name',
      GEN_AI_TOOL_NAME: 'gen_ai.tool.name',
      GEN_AI_TOOL_CALL_ID: 'gen_ai.tool.call.id',
      GEN_AI_REQUEST_MODEL: 'gen_ai.request.model',
      GEN_AI_RESPONSE_MODEL: 'gen_ai.response.model',
      GEN_AI_PROVIDER_NAME: 'gen_ai.provider.name',
      GEN_AI_SYSTEM: 'gen_ai.system',
    });
  });
});
