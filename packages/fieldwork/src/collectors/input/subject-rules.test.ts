import { describe, expect, it } from 'vitest';
import { subjectByRules, subjectRuleSchema } from './subject-rules.js';

describe('subjectByRules', () => {
  const ticket = { field: (n: string) => (n === 'customfield_10400' ? undefined : n === 'reporter' ? 'mgr@x.ai' : undefined), labels: ['access', 'for:Ana@X.ai'], summary: 'GitHub access for Ben Ode (starts Monday)' };

  it('tries the rules in order and names the one that matched', () => {
    expect(subjectByRules([{ field: 'customfield_10400' }, { label: 'for:' }], ticket)).toEqual({ subject: 'ana@x.ai', rule: 'label for:' });
    expect(subjectByRules([{ summary: 'access for (?<subject>[^(]+)' }], ticket)).toEqual({ subject: 'Ben Ode', rule: 'summary /access for (?<subject>[^(]+)/' });
    expect(subjectByRules([{ field: 'reporter' }], ticket)).toEqual({ subject: 'mgr@x.ai', rule: 'field reporter' });
  });

  it('finds nothing when no rule matches (an empty label value is no subject)', () => {
    expect(subjectByRules([{ label: 'subject:' }, { summary: 'on behalf of (\\S+)' }], { labels: ['subject:'], summary: 'GitHub access' })).toBeUndefined();
    expect(subjectByRules([], ticket)).toBeUndefined();
  });

  it('refuses a rule that is not a valid regular expression', () => {
    expect(subjectRuleSchema.safeParse({ summary: 'for ([' }).success).toBe(false);
    expect(subjectRuleSchema.safeParse({ label: 'for:', summary: 'x' }).success).toBe(false);
  });
});
