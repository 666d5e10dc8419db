import { describe, expect, it } from 'vitest';
import { rules, runCheck, toolCall } from './agent-test-support.js';
import { toolAuthorizationCheck } from './tool-authorization-check.js';

const tools = [
  { name: 'crm.lookup', resource: 'https://crm.relay.test', requiredScopes: ['crm.read'], identity: 'delegated-user', risk: 'low' },
  { name: 'kb.search', resource: 'https://kb.relay.test', requiredScopes: ['kb.read'], identity: 'tenant-service', risk: 'low' },
  { name: 'ops.pager', resource: 'https://pager.relay.test', requiredScopes: ['pager.page'], identity: 'agent-service', justification: 'paging on-call is the agent\'s own duty', risk: 'medium' },
  { name: 'ops.unjustified', resource: 'https://ops.relay.test', requiredScopes: [], identity: 'agent-service', risk: 'low' },
];
const ws = { tools, agent: { serviceIdentities: ['svc:relay-agent'] } };
const delegated = (extra: object = {}) => ({ subject: 'user-1', actor: 'svc:relay-agent', audience: 'https://crm.relay.test', scopes: ['crm.read'], ...extra });

describe('agent.tool-authorization', () => {
  it('passes a delegated call with the user as subject, the agent as actor, the exact audience and declared scopes', () => {
    const out = runCheck(toolAuthorizationCheck, [toolCall('s1', { credential: delegated() })], ws);
    expect(out.exceptions).toEqual([]);
    expect(out.items.map((i) => i.subject)).toEqual(['s1']);
  });

  it('reports a call without authorization evidence, and one to an undeclared tool', () => {
    const out = runCheck(toolAuthorizationCheck, [toolCall('s1'), toolCall('s2', { tool: 'shell.exec', credential: delegated() })], ws);
    expect(rules(out)).toEqual(['toolauth.missing s1', 'toolauth.undeclared_tool s2']);
  });

  it('tests only production calls in the period (staging and other periods are out of the population)', () => {
    const out = runCheck(toolAuthorizationCheck, [toolCall('s1', { environment: 'staging' }), toolCall('s2', { at: '2026-03-01T00:00:00.000Z' })], ws);
    expect(out.items).toEqual([]);
  });

  it('reports subject, audience, scope, wildcard and tenant mismatches of a delegated credential', () => {
    const out = runCheck(toolAuthorizationCheck, [
      toolCall('sub', { credential: delegated({ subject: 'user-2' }) }),
      toolCall('aud', { credential: delegated({ audience: 'https://crm.relay.test/' }) }),
      toolCall('scp', { credential: delegated({ scopes: ['crm.read', 'crm.write'] }) }),
      toolCall('wld', { credential: delegated({ scopes: ['crm.*'] }) }),
      toolCall('ten', { credential: delegated({ tenant: 'globex' }) }),
      toolCall('act', { credential: delegated({ actor: undefined }) }),
    ], ws);
    expect(rules(out)).toEqual([
      'toolauth.actor_mismatch act', 'toolauth.audience_mismatch aud', 'toolauth.scope_excess scp',
      'toolauth.subject_mismatch sub', 'toolauth.tenant_mismatch ten', 'toolauth.wildcard_scope wld',
    ]);
  });

  it('reports a delegated call whose trace names no end user', () => {
    const out = runCheck(toolAuthorizationCheck, [toolCall('s1', { endUser: undefined, credential: delegated() })], ws);
    expect(rules(out)).toEqual(['toolauth.subject_mismatch s1']);
  });

  it('reports the agent\'s own identity on a delegated tool as a confused deputy, accepts it on a justified agent-service tool', () => {
    const own = { subject: 'svc:relay-agent', actor: 'svc:relay-agent', scopes: ['crm.read'] };
    const out = runCheck(toolAuthorizationCheck, [
      toolCall('dep', { credential: { ...own, audience: 'https://crm.relay.test' } }),
      toolCall('ok', { tool: 'ops.pager', credential: { ...own, audience: 'https://pager.relay.test', scopes: ['pager.page'] } }),
      toolCall('nojust', { tool: 'ops.unjustified', credential: { ...own, audience: 'https://ops.relay.test', scopes: [] } }),
    ], ws);
    expect(rules(out)).toEqual(['toolauth.confused_deputy dep', 'toolauth.confused_deputy nojust']);
  });

  it('recognises the agent identity by subject = actor or the agent name even without serviceIdentities', () => {
    const out = runCheck(toolAuthorizationCheck, [
      toolCall('a', { credential: { subject: 'agent:relay', actor: 'x', audience: 'https://crm.relay.test', scopes: ['crm.read'] } }),
    ], { tools });
    expect(rules(out)).toContain('toolauth.confused_deputy a');
  });

  it('accepts a tenant-service principal on a tenant-service tool', () => {
    const out = runCheck(toolAuthorizationCheck, [toolCall('kb', { tool: 'kb.search', credential: { subject: 'svc:acme', audience: 'https://kb.relay.test', scopes: ['kb.read'], tenant: 'acme' } })], ws);
    expect(out.exceptions).toEqual([]);
  });

  it('reports one credential id used for two audiences or two tenants as token passthrough, once', () => {
    const out = runCheck(toolAuthorizationCheck, [
      toolCall('p1', { at: '2026-05-01T00:00:00.000Z', credential: delegated({ credentialId: 'tok-x' }) }),
      toolCall('p2', { at: '2026-05-02T00:00:00.000Z', tool: 'kb.search', credential: delegated({ credentialId: 'tok-x', audience: 'https://kb.relay.test', scopes: ['kb.read'] }) }),
      toolCall('p3', { at: '2026-05-03T00:00:00.000Z', tool: 'kb.search', credential: delegated({ credentialId: 'tok-x', audience: 'https://kb.relay.test', scopes: ['kb.read'] }) }),
      toolCall('q1', { at: '2026-05-01T00:00:00.000Z', credential: delegated({ credentialId: 'tok-y' }) }),
      toolCall('q2', { at: '2026-05-02T00:00:00.000Z', tenant: 'globex', credential: delegated({ credentialId: 'tok-y' }) }),
    ], ws);
    const passthrough = out.exceptions.filter((e) => e.rule === 'toolauth.token_passthrough');
    expect(passthrough.map((e) => e.subject)).toEqual(['p2', 'q2']);
    expect(passthrough[0].citations).toHaveLength(2);
    expect(passthrough[1].detail).toContain('two tenants');
  });

  it('does not report the agent\'s own key on a justified agent-service tool across tenants as passthrough', () => {
    const own = { subject: 'svc:relay-agent', actor: 'svc:relay-agent', audience: 'https://pager.relay.test', scopes: ['pager.page'], credentialId: 'pager-key' };
    const out = runCheck(toolAuthorizationCheck, [
      toolCall('g1', { tool: 'ops.pager', tenant: 'acme', credential: own }),
      toolCall('g2', { tool: 'ops.pager', tenant: 'globex', credential: own }),
    ], ws);
    expect(out.exceptions).toEqual([]);
  });

  it('says so when no tool inventory is declared', () => {
    const out = runCheck(toolAuthorizationCheck, [toolCall('s1', { credential: delegated() })], {});
    expect(rules(out)).toEqual(['toolauth.undeclared_tool s1']);
    expect(out.notes?.[0]).toMatch(/No tools are declared/);
  });
});
