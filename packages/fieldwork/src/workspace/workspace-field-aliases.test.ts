import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core';
import { parseWorkspace } from './load-workspace.js';

const BASE = ['organization: Test AI', 'timezone: UTC', 'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-04-01, to: 2026-09-30 }', 'owners:', '  compliance: { name: Pat, email: pat@x.ai }'].join('\n');

function refusal(text: string) {
  try {
    parseWorkspace(text, 'fieldwork.yaml');
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected fieldwork.yaml to be refused');
}

describe('fieldwork.yaml sections read through other names', () => {
  it('reads the tool inventory, agent stores and incident taxonomy under the names teams use', () => {
    const ws = parseWorkspace(`${BASE}
tools:
  - Tool Name: issue_refund
    Env: production
    Token Audience: https://payments.internal
    Scopes: [refunds:write]
    Identity Mode: delegated-user
    Risk Level: high
    Approval: { Amount Attribute: app.refund.amount, Threshold: 100 }
agent:
  stores:
    - { Store: prompt-logs, Type: prompt-log, Retention: 30, Grace: 2 }
incidents:
  taxonomy:
    - { Key: cross-tenant-exposure, Title: Cross-tenant exposure, OWASP: [LLM02], Default Severity: critical, Owner Role: security-lead, SLA Hours: 1 }
`, 'fieldwork.yaml');
    expect(ws.tools?.[0]).toMatchObject({ name: 'issue_refund', environment: 'production', audience: 'https://payments.internal', requiredScopes: ['refunds:write'], identity: 'delegated-user', risk: 'high', approvalThreshold: { argument: 'app.refund.amount', above: 100 } });
    expect(ws.agent?.stores[0]).toMatchObject({ name: 'prompt-logs', kind: 'prompt-log', retentionDays: 30, graceDays: 2 });
    expect(ws.incidents?.taxonomy[0]).toMatchObject({ id: 'cross-tenant-exposure', name: 'Cross-tenant exposure', owaspLlm: ['LLM02'], severity: 'critical', owner: 'security-lead', responseHours: 1 });
  });

  it('still refuses a key no field takes, naming it and the accepted names', () => {
    const e = refusal(`${BASE}\ntools:\n  - { name: issue_refund, identity: delegated-user, scopse: [a] }\n`);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/scopse/);
    expect(e.hint).toMatch(/requiredScopes \(also: scopes, oauth scopes\)/);
    const twice = refusal(`${BASE}\nagent:\n  stores:\n    - { name: p, kind: trace, retentionDays: 30, retention: 60 }\n`);
    expect(twice.message).toMatch(/retention/);
  });
});
