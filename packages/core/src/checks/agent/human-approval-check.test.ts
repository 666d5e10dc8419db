import { describe, expect, it } from 'vitest';
import { incident, rules, runCheck, toolCall } from './agent-test-support.js';
import { humanApprovalCheck } from './human-approval-check.js';

const ws = {
  tools: [
    { name: 'refunds.issue', resource: 'https://pay.relay.test', requiredScopes: ['refunds.write'], identity: 'delegated-user', risk: 'high', approvalThreshold: { argument: 'app.refund.amount', above: 500 } },
    { name: 'accounts.delete', resource: 'https://crm.relay.test', identity: 'delegated-user', risk: 'high' },
    { name: 'crm.lookup', resource: 'https://crm.relay.test', identity: 'delegated-user', risk: 'low' },
  ],
};
const refund = (spanId: string, amount: number | string | undefined, approval?: { approver: string; at?: string }) =>
  toolCall(spanId, { tool: 'refunds.issue', at: '2026-06-01T10:00:00.000Z', args: amount === undefined ? {} : { 'app.refund.amount': amount }, ...(approval ? { approval } : {}) });

describe('agent.human-approval', () => {
  it('needs no approval for a refund exactly at the threshold ("above" is strictly greater)', () => {
    const out = runCheck(humanApprovalCheck, [refund('at500', 500), refund('below', 20)], ws);
    expect(out.items).toEqual([]);
    expect(out.exceptions).toEqual([]);
  });

  it('reports a refund above the threshold without approval, and its absence from the incident register', () => {
    const out = runCheck(humanApprovalCheck, [refund('r750', 750)], ws);
    expect(rules(out)).toEqual(['hitl.missing r750', 'hitl.no_incident r750']);
  });

  it('accepts an approval made before (or at) the call; reads the amount from a string attribute', () => {
    const out = runCheck(humanApprovalCheck, [
      refund('ok1', '900.50', { approver: 'lead@relay.test', at: '2026-06-01T09:55:00.000Z' }),
      refund('ok2', 600, { approver: 'lead@relay.test', at: '2026-06-01T10:00:00.000Z' }),
    ], ws);
    expect(out.exceptions).toEqual([]);
    expect(out.items).toHaveLength(2);
  });

  it('reports an approval given after the call, or without a time, as late', () => {
    const out = runCheck(humanApprovalCheck, [
      refund('late', 600, { approver: 'lead@relay.test', at: '2026-06-01T10:00:00.001Z' }),
      refund('undated', 600, { approver: 'lead@relay.test' }),
    ], ws);
    expect(rules(out)).toEqual(['hitl.late late', 'hitl.late undated', 'hitl.no_incident late', 'hitl.no_incident undated']);
  });

  it('does not add hitl.no_incident when an incident names the span or the tool call id', () => {
    const out = runCheck(humanApprovalCheck, [refund('r1', 800), { ...refund('r2', 800), toolCallId: 'call_2' }, incident('INC-1', ['r1']), incident('INC-2', ['call_2'])], ws);
    expect(rules(out)).toEqual(['hitl.missing r1', 'hitl.missing r2']);
  });

  it('requires approval for every call of a high-risk tool without threshold, and when the amount is absent', () => {
    const out = runCheck(humanApprovalCheck, [toolCall('del', { tool: 'accounts.delete' }), refund('noamt', undefined), toolCall('low', { tool: 'crm.lookup' })], ws);
    expect(rules(out).filter((r) => r.startsWith('hitl.missing'))).toEqual(['hitl.missing del', 'hitl.missing noamt']);
  });

  it('ignores staging calls', () => {
    const out = runCheck(humanApprovalCheck, [{ ...refund('stg', 9000), environment: 'staging' }], ws);
    expect(out.items).toEqual([]);
  });
});
