import type { AccessReviewRecord, IncidentRecord, TicketRecord } from '@fieldwork/core/records';
import { normalizeInstant, subjectByRules } from '../input/index.js';
import type { SubjectRule } from '../input/index.js';
import { approvalOf, firstResponseOf } from '../input/tracker-history.js';
import type { TrackerEvent } from '../input/tracker-history.js';
import type { JiraOptions } from './jira-config.js';
import type { JiraIssue, JiraUser } from './jira-schema.js';

type Cite = { source: string; artifact: string; locator: string };
type Where = { file: string; line?: number; pointer?: string };

/** How a person appears in evidence: the email when Jira shows it, else the display name or account id. */
export function jiraPerson(u: JiraUser | null | undefined): string | undefined {
  if (!u) return undefined;
  return u.emailAddress?.toLowerCase() ?? u.displayName ?? u.name ?? u.accountId ?? undefined;
}

const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));

/** A field value that names a person: a user object, a list of them, or an email string. */
function subjectOf(issue: JiraIssue, field: string | undefined): string | undefined {
  if (!field) return undefined;
  const raw = field === 'reporter' || field === 'assignee' ? issue.fields[field] : (issue.fields as Record<string, unknown>)[field];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first === 'string') return first.trim() ? first.trim().toLowerCase() : undefined;
  if (first && typeof first === 'object') {
    const u = first as JiraUser & { value?: string };
    return u.emailAddress?.toLowerCase() ?? (u.value?.includes('@') ? u.value.toLowerCase() : undefined) ?? u.displayName ?? u.accountId ?? undefined;
  }
  return undefined;
}

/** What the changelog says: status transitions and label changes, in time order, with who made them. */
function changelogEvents(issue: JiraIssue, where: Where, tz: string): TrackerEvent[] {
  const out: TrackerEvent[] = [];
  const words = (s: string | null | undefined) => (s ?? '').split(/\s+/).filter(Boolean);
  for (const [index, h] of (issue.changelog?.histories ?? []).entries()) {
    const at = normalizeInstant(h.created, { ...where, pointer: `${where.pointer ?? ''}/changelog/histories/${index}/created` }, 'changelog created', tz)!;
    const by = jiraPerson(h.author);
    for (const item of h.items) {
      const field = item.field.toLowerCase();
      if (field === 'status') out.push({ at, ...(by ? { by } : {}), ...(item.fromString ? { fromState: item.fromString } : {}), ...(item.toString ? { toState: item.toString } : {}), index });
      else if (field === 'labels') {
        // Jira writes the label set before and after, space-separated.
        const before = new Set(words(item.fromString));
        const after = new Set(words(item.toString));
        out.push({ at, ...(by ? { by } : {}), addedLabels: [...after].filter((l) => !before.has(l)), removedLabels: [...before].filter((l) => !after.has(l)), index });
      }
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index));
}

/** The description as text: API v2 gives a string, v3 an Atlassian Document Format tree (paragraphs become lines). */
export function jiraDescriptionText(d: unknown): string | undefined {
  if (typeof d === 'string') return d;
  if (!d || typeof d !== 'object') return undefined;
  const lines: string[] = [];
  let line = '';
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; text?: string; content?: unknown[]; attrs?: { text?: string } };
    if (node.type === 'text' && typeof node.text === 'string') line += node.text;
    else if (node.type === 'mention' && typeof node.attrs?.text === 'string') line += node.attrs.text;
    else if (node.type === 'hardBreak') { lines.push(line); line = ''; }
    for (const c of node.content ?? []) walk(c);
    if (node.type === 'paragraph' || node.type === 'heading') { lines.push(line); line = ''; }
  };
  walk(d);
  if (line) lines.push(line);
  return lines.join('\n') || undefined;
}

/** The issue as records: always a `ticket`; also an `access_review` and/or an `incident` by type or label. */
export function mapJiraIssue(issue: JiraIssue, options: JiraOptions, cite: Cite, where: Where, timezone: string): (TicketRecord | AccessReviewRecord | IncidentRecord)[] {
  const f = issue.fields;
  const type = f.issuetype?.name;
  const created = normalizeInstant(f.created, { ...where, pointer: `${where.pointer ?? ''}/fields/created` }, 'created', timezone)!;
  const resolvedAt = normalizeInstant(f.resolutiondate ?? undefined, { ...where, pointer: `${where.pointer ?? ''}/fields/resolutiondate` }, 'resolutiondate', timezone);
  const events = changelogEvents(issue, where, timezone);
  const approval = approvalOf(events, { approvedStatuses: options.approvedStatuses, approvedLabels: options.approvedLabels });
  // Components travel as labels `component:<name>` so a ticket can name the system it is about.
  const labels = [...(f.labels ?? []), ...(f.components ?? []).map((c) => `component:${c.name}`)];
  const linked = (f.issuelinks ?? []).map((l) => l.outwardIssue ?? l.inwardIssue).filter((x): x is NonNullable<typeof x> => !!x);
  const rules: SubjectRule[] = [...(options.subjectField ? [{ field: options.subjectField }] : []), ...(options.subjectRules ?? [])];
  const description = jiraDescriptionText(f.description);
  const found = subjectByRules(rules, { field: (name) => subjectOf(issue, name), labels: f.labels ?? [], ...(f.summary ? { summary: f.summary } : {}), ...(description ? { description } : {}) });
  const subject = found?.subject;
  const reporter = jiraPerson(f.reporter);
  const assignee = jiraPerson(f.assignee);
  const ticket: TicketRecord = {
    kind: 'ticket',
    ...cite,
    system: 'jira',
    key: issue.key,
    ...(type ? { type } : {}),
    ...(f.summary ? { summary: f.summary } : {}),
    ...(f.status?.name ? { status: f.status.name } : {}),
    created,
    ...(reporter ? { reporter } : {}),
    ...(assignee ? { assignee } : {}),
    ...(approval?.by ? { approvedBy: approval.by } : {}),
    ...(approval ? { approvedAt: approval.at } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    labels,
    links: [...linked.map((l) => l.key), ...(options.siteUrl ? [`${options.siteUrl.replace(/\/$/, '')}/browse/${issue.key}`] : [])],
    ...(found ? { subjectEmail: found.subject, subjectRule: found.rule } : {}),
    ...(f.priority?.name ? { priority: f.priority.name } : {}),
  };
  const out: (TicketRecord | AccessReviewRecord | IncidentRecord)[] = [ticket];

  if (type && lower(options.accessReviewIssueTypes).has(type.toLowerCase())) {
    const system = labelValue(labels, 'system') ?? f.components?.[0]?.name;
    const completedAt = approval?.at ?? resolvedAt;
    // The person who signed the review off: the approver, else whoever resolved it.
    const resolver = events.filter((t) => t.at === resolvedAt && t.toState).at(-1)?.by;
    const reviewer = approval?.by ?? resolver ?? assignee;
    // An open review is not evidence of a review; only a completed one becomes a record.
    if (system && completedAt && reviewer) {
      out.push({ kind: 'access_review', ...cite, system: system.toLowerCase(), completedAt, reviewer });
    }
  }

  const incidentLabels = lower(options.incidentLabels);
  if ((type && lower(options.incidentIssueTypes).has(type.toLowerCase())) || (f.labels ?? []).some((l) => incidentLabels.has(l.toLowerCase()))) {
    const responded = firstResponseOf(events);
    const postmortemLink = linked.find((l) => /post-?mortem|retrospective|\bPIR\b/i.test(`${l.fields?.issuetype?.name ?? ''} ${l.fields?.summary ?? ''}`));
    const postmortem = postmortemLink?.key ?? labelValue(f.labels ?? [], 'postmortem');
    const category = labelValue(f.labels ?? [], 'category');
    out.push({
      kind: 'incident',
      ...cite,
      key: issue.key,
      ...(f.summary ? { title: f.summary } : {}),
      ...(category ? { category } : {}),
      ...(severityOf(issue, options.severityField) ? { severity: severityOf(issue, options.severityField) } : {}),
      opened: created,
      ...(responded ? { respondedAt: responded.at } : {}),
      ...(resolvedAt ? { closedAt: resolvedAt } : {}),
      ...(postmortem ? { postmortem } : {}),
      relatedRefs: linked.map((l) => l.key),
    });
  }
  return out;
}

/** The severity from a custom field (text, select option or name object), else the priority. */
function severityOf(issue: JiraIssue, field: string | undefined): string | undefined {
  const raw = field ? (issue.fields as Record<string, unknown>)[field] : undefined;
  if (typeof raw === 'string' && raw.trim()) return raw.trim();
  if (raw && typeof raw === 'object') {
    const o = raw as { value?: unknown; name?: unknown };
    if (typeof o.value === 'string') return o.value;
    if (typeof o.name === 'string') return o.name;
  }
  return issue.fields.priority?.name ?? undefined;
}

/** The value of a `name:value` label (`system:aws` → `aws`). */
function labelValue(labels: string[], name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  const l = labels.find((x) => x.toLowerCase().startsWith(prefix));
  return l ? l.slice(prefix.length) || undefined : undefined;
}
