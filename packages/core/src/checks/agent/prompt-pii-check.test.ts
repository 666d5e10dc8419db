import { describe, expect, it } from 'vitest';
import { promptRecord, rules, runCheck } from './agent-test-support.js';
import { promptPiiCheck } from './prompt-pii-check.js';

describe('agent.prompt-pii', () => {
  it('reports each record holding validated high-risk PII with types and counts, never values', () => {
    const out = runCheck(promptPiiCheck, [
      promptRecord('p1', { pii: { credit_card: 2, email: 1 }, highRisk: ['credit_card', 'email'], excerpts: ['card [REDACTED:CREDIT_CARD] please'] }),
      promptRecord('p2', { pii: { date_of_birth: 1 } }),
      promptRecord('p3'),
    ]);
    expect(rules(out)).toEqual(['pii.high_risk p1']);
    // The detail is built from the types, counts and the collector's already-redacted excerpt.
    expect(out.exceptions[0].detail).toBe('prompt-log record p1 stores credit_card ×2, email ×1 unredacted, e.g. "card [REDACTED:CREDIT_CARD] please".');
    expect(out.items.map((i) => i.trace[0].detail)).toEqual([
      'prompt-log: 10 characters; PII credit_card ×2, email ×1',
      'prompt-log: 10 characters; PII date_of_birth ×1',
      'prompt-log: 10 characters; PII none',
    ]);
  });

  it('leaves records outside the period out of the population', () => {
    const out = runCheck(promptPiiCheck, [promptRecord('old', { at: '2026-01-01T00:00:00.000Z', highRisk: ['email'], pii: { email: 1 } })]);
    expect(out.items).toEqual([]);
    expect(out.exceptions).toEqual([]);
  });
});
