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
    expect(out.exceptions[0].detail).toBe('prompt-log record p1 stores credit_card ×2, email ×1 unredacted; high severity, e.g. "card [REDACTED:CREDIT_CARD] please".');
    expect(out.items.map((i) => i.trace[0].detail)).toEqual([
      'prompt-log: 10 characters; PII credit_card ×2, email ×1',
      'prompt-log: 10 characters; PII date_of_birth ×1',
      'prompt-log: 10 characters; PII none',
    ]);
  });

  it('weighs names, addresses and dates: a first name alone is no exception, a full name or a name with an address is', () => {
    const out = runCheck(promptPiiCheck, [
      promptRecord('first-name', { pii: { person: 1 }, excerpts: ['Hi [PERSON], thanks'] }),
      promptRecord('city', { pii: { address: 1 } }),
      promptRecord('date', { pii: { date: 2 } }),
      promptRecord('full-name', { pii: { person: 1 }, highRisk: ['person'], excerpts: ['from [PERSON] about'] }),
      promptRecord('street', { pii: { address: 1 }, highRisk: ['address'] }),
      promptRecord('name-and-date', { pii: { person: 1, date: 1 } }),
      promptRecord('name-and-street', { pii: { person: 1, address: 1 }, highRisk: ['person', 'address'], excerpts: ['[PERSON] lives at [ADDRESS]'] }),
    ]);
    expect(rules(out)).toEqual(['pii.high_risk full-name', 'pii.high_risk name-and-date', 'pii.high_risk name-and-street', 'pii.high_risk street']);
    const detail = (id: string) => out.exceptions.find((e) => e.subject === id)?.detail;
    expect(detail('full-name')).toBe('prompt-log record full-name stores person ×1 unredacted; medium severity, e.g. "from [PERSON] about".');
    expect(detail('name-and-street')).toBe('prompt-log record name-and-street stores person ×1, address ×1 unredacted; high severity: a name with an address, a date or a contact detail, e.g. "[PERSON] lives at [ADDRESS]".');
    expect(detail('name-and-date')).toContain('medium severity: a name with an address, a date or a contact detail');
  });

  it('takes per-type severities, the threshold and the combination rule from the parameters', () => {
    const records = [
      promptRecord('first-name', { pii: { person: 1 } }),
      promptRecord('email', { pii: { email: 1 }, highRisk: ['email'] }),
      promptRecord('name-and-date', { pii: { person: 1, date: 1 } }),
    ];
    expect(rules(runCheck(promptPiiCheck, records, {}, { piiSeverityUnvalidated: { person: 'medium' } }))).toEqual([
      'pii.high_risk email', 'pii.high_risk first-name', 'pii.high_risk name-and-date',
    ]);
    expect(rules(runCheck(promptPiiCheck, records, {}, { piiSeverity: { email: 'off' } }))).toEqual(['pii.high_risk name-and-date']);
    expect(rules(runCheck(promptPiiCheck, records, {}, { piiCombine: false }))).toEqual(['pii.high_risk email']);
    expect(rules(runCheck(promptPiiCheck, records, {}, { piiExceptionAt: 'high' }))).toEqual([]);
  });

  it('leaves records outside the period out of the population', () => {
    const out = runCheck(promptPiiCheck, [promptRecord('old', { at: '2026-01-01T00:00:00.000Z', highRisk: ['email'], pii: { email: 1 } })]);
    expect(out.items).toEqual([]);
    expect(out.exceptions).toEqual([]);
  });
});
