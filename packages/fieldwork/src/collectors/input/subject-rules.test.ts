import { describe, expect, it } from 'vitest';
import { descriptionLine, subjectByRules, subjectRuleSchema } from './subject-rules.js';

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

  it('reads the person from a description line: an email, a mention, a profile link, or a name', () => {
    const text = 'Needs admin for the migration.\n\n- **Subject:** [Ada Okafor](mailto:Ada.Okafor@relaylabs.ai)\n- For: @ben.walsh\nOwner: [@maya](https://linear.app/relaylabs/profiles/maya)';
    expect(subjectByRules([{ description: 'Subject:' }], { labels: [], description: text })).toEqual({ subject: 'ada.okafor@relaylabs.ai', rule: 'description Subject:' });
    expect(descriptionLine(text, 'For:')).toBe('ben.walsh');
    expect(descriptionLine(text, 'owner')).toBe('maya');
    expect(descriptionLine('Subject: Ben Ode.', 'Subject:')).toBe('Ben Ode');
    // A line that only mentions the word, an empty value, or an unresolvable Jira account mention names nobody.
    expect(descriptionLine('The subject: nothing here\nFor:', 'For:')).toBeUndefined();
    expect(descriptionLine('For: [~accountid:5b10a2844c20165700ede21g]', 'For:')).toBeUndefined();
    expect(subjectByRules([{ description: 'For:' }], { labels: [] })).toBeUndefined();
  });
});
