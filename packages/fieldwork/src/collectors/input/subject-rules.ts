import { z } from 'zod';

/**
 * Where a ticket names the person an access request is about, when someone else (a manager,
 * IT) filed it: a field (`customfield_10050`, `reporter`), a label with a prefix (`for:`), a
 * regular expression over the summary whose first capture group (or group `subject`) is the
 * person, or a line of the description that starts with a prefix (`Subject:`, `For:`).
 */
export const subjectRuleSchema = z.union([
  z.object({ field: z.string().min(1).describe('A field id (customfield_10050) or reporter / assignee.') }).strict(),
  z.object({ label: z.string().min(1).describe('A label prefix, e.g. "for:" — the rest of the label names the person.') }).strict(),
  z.object({
    summary: z.string().min(1).refine((p) => { try { new RegExp(p, 'i'); return true; } catch { return false; } }, 'not a valid regular expression')
      .describe('A regular expression over the summary; its first capture group (or group "subject") names the person.'),
  }).strict(),
  z.object({ description: z.string().min(1).describe('A line prefix, e.g. "Subject:" or "For:" — the rest of the first description line that starts with it names the person.') }).strict(),
]);
export type SubjectRule = z.infer<typeof subjectRuleSchema>;

/** What a ticket offers the rules. */
export interface SubjectSources {
  field?: (name: string) => string | undefined;
  labels: readonly string[];
  summary?: string;
  /** The description as plain text (Markdown or Jira's document format flattened to lines). */
  description?: string;
}

/** How a rule is named in evidence: `field customfield_10050`, `label for:`, `summary /for (.+)$/`, `description Subject:`. */
export function describeSubjectRule(r: SubjectRule): string {
  return 'field' in r ? `field ${r.field}` : 'label' in r ? `label ${r.label}` : 'summary' in r ? `summary /${r.summary}/` : `description ${r.description}`;
}

/**
 * The person named on the first description line that starts with `prefix` (after list bullets,
 * quote marks and bold markers): an email, a mention (`@ada.okafor`, `[@Ada](…/profiles/ada)`,
 * Jira's `[~accountid:…]` is not a person we can name and gives nothing), or a name.
 *
 * @example
 * descriptionLine('Needs AWS admin.\n**For:** @ada.okafor', 'For:') // → 'ada.okafor'
 */
export function descriptionLine(text: string, prefix: string): string | undefined {
  const want = prefix.trim().toLowerCase().replace(/:$/, '');
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*(?:[-*+>]\s+|\d+[.)]\s+)*/, '').replace(/\*\*|__/g, '').trim();
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (!m || m[1].trim().toLowerCase() !== want) continue;
    let v = m[2].trim();
    const link = /^\[([^\]]+)\]\(([^)]+)\)/.exec(v);
    if (link) v = /^mailto:/i.test(link[2]) ? link[2].slice(7) : /\/profiles\/([^/?#)]+)/.exec(link[2])?.[1] ?? link[1];
    v = v.replace(/^@/, '').replace(/[.,;]+$/, '').trim();
    if (/^\[~accountid:/i.test(v)) return undefined;
    const email = /[^\s<>()]+@[^\s<>()]+\.[a-z]{2,}/i.exec(v);
    return email ? email[0] : v || undefined;
  }
  return undefined;
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
    } else if ('summary' in r) {
      const m = t.summary ? new RegExp(r.summary, 'i').exec(t.summary) : null;
      value = m?.groups?.subject ?? m?.[1];
    } else if (t.description) value = descriptionLine(t.description, r.description);
    const v = value?.trim();
    if (v) return { subject: v.includes('@') ? v.toLowerCase() : v, rule: describeSubjectRule(r) };
  }
  return undefined;
}
