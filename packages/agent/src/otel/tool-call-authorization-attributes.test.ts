import { describe, expect, it } from 'vitest';
import { toolCallAuthorizationAttributes } from './tool-call-authorization-attributes.js';

const base = { subject: 'user:42', actor: 'agent:support-bot', audience: 'https://api.example.com' };

describe('toolCallAuthorizationAttributes', () => {
  it('maps the credential to app.authz.* attributes with scopes space-joined', () => {
    expect(
      toolCallAuthorizationAttributes({ ...base, scope: ['tickets:read', 'tickets:write'], grantType: 'client_credentials', credentialId: 'kid-7' }),
    ).toEqual({
      'app.authz.subject': 'user:42',
      'app.authz.actor': 'agent:support-bot',
      'app.authz.audience': 'https://api.example.com',
      'app.authz.scope': 'tickets:read tickets:write',
      'app.authz.grant_type': 'client_credentials',
      'app.authz.credential_id': 'kid-7',
    });
  });

  it('accepts an OAuth scope string and de-duplicates', () => {
    expect(toolCallAuthorizationAttributes({ ...base, scope: ' repo:read  repo:read issues:write ' })['app.authz.scope']).toBe(
      'repo:read issues:write',
    );
  });

  it('leaves out optional attributes that are not given', () => {
    expect(Object.keys(toolCallAuthorizationAttributes({ ...base, scope: 'a' }))).toHaveLength(4);
  });

  it.each([['*'], ['repo:*'], ['read', 'admin*']])('refuses the wildcard scope %j', (...scope) => {
    expect(() => toolCallAuthorizationAttributes({ ...base, scope })).toThrow(/wildcard scope/);
  });

  it.each([[[]], [''], ['   ']])('refuses an empty scope %j', (scope) => {
    expect(() => toolCallAuthorizationAttributes({ ...base, scope })).toThrow(new TypeError('toolCallAuthorizationAttributes: "scope" must name at least one scope'));
  });

  it('refuses missing identities with a message naming the field', () => {
    expect(() => toolCallAuthorizationAttributes({ ...base, subject: '', scope: 'a' })).toThrow(TypeError);
    expect(() => toolCallAuthorizationAttributes({ ...base, actor: ' ', scope: 'a' })).toThrow(/"actor" must be a non-empty string/);
    expect(() => toolCallAuthorizationAttributes({ ...base, audience: undefined as unknown as string, scope: 'a' })).toThrow(/"audience"/);
  });
});
