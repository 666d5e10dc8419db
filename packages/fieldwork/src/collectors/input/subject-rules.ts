import { z } from 'zod';

/**
 * Where a ticket names the person an access request is about, when someone else (a manager,
 * IT) filed it: a field (`customfield_10050`, `reporter`), a label with a prefix (`for:`), or a
 * regular expression over the summary whose first capture group (or group `subject`) is the person.
 */
export const subjectRuleSchema = z.union([
  z.object({ field: z.string().min(1).describe('A field id (customfield_10050) or reporter / assignee.') }).strict(),
  z.object({ label: z.string().min(1).describe('A label prefix, e.g. "for:" — the rest of the label names the person.') }).strict(),
  z.object({
    summary: z.string().min(1).refine((p) => { try { new RegExp(p, 'i'); return true; } catch { return false; } }, 'not a valid regular expression')
      .describe('A regular expression over the summary; its first capture group (or group "subject") names the person.'),
  }).strict(),
]);
export type SubjectRule = z.infer<typeof subjectRuleSchema>;

/** What a ticket offers the rules. */
export interface SubjectSources {
  field?: (name: string) => string | undefined;
  labels: readonly string[];
  summary?: string;
}

/** How a rule is named in evidence: `field customfield_10050`, `label for:`, `summary /for (.+)$/`. */
export function describeSubjectRule(r: SubjectRule): string {
  return 'field' in r ? `field ${r.field}` : 'label' in r ? `label ${r.label}` : `summary /${r.summary}/`;
}

/**
 * The person a ticket is about by the first rule that matches, and that rule in words.
 *
 * @example
 * subjectByRules([{ label: 'for:' }], { labels: ['access', 'for:ana@example.com'] })
 * // → { subject: 'ana@example.com', rule: 'label for:' }
 */
export function subjectByRules(rules: readonly SubjectRule[], t: SubjectSources): { subject: string; rule: string } | undefined {
  for (const r of rules) {
    let value: string | undefined;
    if ('field' in r) value = t.field?.(r.field);
    else if ('label' in r) {
      const prefix = r.label.toLowerCase();
      value = t.labels.find((l) => l.toLowerCase().startsWith(prefix) && l.length > prefix.length)?.slice(prefix.length);
    } else if (t.summary) {
      const m = new RegExp(r.summary, 'i').exec(t.summary);
      value = m?.groups?.subject ?? m?.[1];
    }
    const v = value?.trim();
    if (v) return { subject: v.includes('@') ? v.toLowerCase() : v, rule: describeSubjectRule(r) };
  }
  return undefined;
}
