import { describe, expect, it } from 'vitest';
import type { AgentSpan } from './agent-span.js';
import { resolveAttributeNames } from './otlp-config.js';
import { argsOf } from './span-fields.js';

const span = (attrs: AgentSpan['attrs']): AgentSpan => ({ traceId: 't'.repeat(32), spanId: 's'.repeat(16), name: 'execute_tool refunds.issue', kind: 0, status: 'ok', attrs, resource: {}, locator: 'line 1' });

describe('argsOf', () => {
  it('stores a string argument carrying personal data redacted; numbers, booleans and clean strings as they are', () => {
    const args = argsOf(span({
      'app.note': 'Customer ada@example.com paid with 4111 1111 1111 1111',
      'app.order': 'ORD-2026-0512',
      'app.refund.amount': 750,
      'app.refund.partial': false,
      'gen_ai.tool.name': 'refunds.issue',
    }), resolveAttributeNames(undefined), ['app.']);
    expect(args).toEqual({
      'app.note': 'Customer [REDACTED:EMAIL] paid with [REDACTED:CREDIT_CARD]',
      'app.order': 'ORD-2026-0512',
      'app.refund.amount': 750,
      'app.refund.partial': false,
    });
  });
});
