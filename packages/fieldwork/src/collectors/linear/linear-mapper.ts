import { FieldworkError } from '@fieldwork/core/errors';
import type { AccessReviewRecord, IncidentRecord, TicketRecord } from '@fieldwork/core/records';
import { col, normalizeInstant, subjectByRules } from '../input/index.js';
import type { SubjectRule } from '../input/index.js';
import { approvalOf, firstResponseOf, inTimeOrder } from '../input/tracker-history.js';
import type { TrackerEvent } from '../input/tracker-history.js';
import type { LinearOptions } from './linear-config.js';
import { groupedName, labelNames } from './linear-schema.js';
import type { LinearIssue, LinearPerson } from './linear-schema.js';

type Cite = { source: string; artifact: string; locator: string };
type Where = { file: string; line?: number; pointer?: string };
type TrackerRecord = TicketRecord | AccessReviewRecord | IncidentRecord;

/** How a person appears in evidence: the email when Linear shows it, else the name. */
export const linearPerson = (p: LinearPerson | null | undefined): string | undefined => p?.email?.toLowerCase() ?? p?.displayName ?? p?.name ?? undefined;

/**
 * A timestamp as Linear writes it: ISO-8601 in the API, and in CSV exports either ISO or the
 * JavaScript date string (`Tue Apr 07 2026 16:02:11 GMT+0000 (Coordinated Universal Time)`).
 */
export function linearInstant(value: string | null | undefined, where: Where, field: string): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const js = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}/.exec(v);
  if (js) {
    const t = Date.parse(js[0]);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return normalizeInstant(v, where, field);
}

/** What either export says about an issue, in the tracker-neutral words the records need. */
interface IssueFacts {
  key: string;
  title?: string;
  description?: string;
  status?: string;
  created: string;
  reporter?: string;
  assignee?: string;
  subscribers: string[];
  labels: string[];
  teams: string[];
  project?: string;
  priority?: string;
  resolvedAt?: string;
  /** When the issue left triage or was started, for an export without history. */
  startedAt?: string;
  events: TrackerEvent[];
  related: { key: string; title?: string }[];
  url?: string;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The value of a `name:value` label (`system:aws` → `aws`; a grouped label `System:aws` alike). */
function labelValue(labels: readonly string[], name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  const l = labels.find((x) => x.toLowerCase().startsWith(prefix));
  return l ? l.slice(prefix.length).trim() || undefined : undefined;
}

/** The records an issue gives: always a `ticket`; an `access_review` and/or an `incident` by type, label or team. */
function recordsOf(f: IssueFacts, options: LinearOptions, cite: Cite): TrackerRecord[] {
  const type = labelValue(f.labels, options.typeLabelGroup);
  const plain = f.labels.filter((l) => !l.includes(':'));
  const isType = (types: readonly string[]) => {
    const wanted = new Set(types.map(slug));
    return (!!type && wanted.has(slug(type))) || plain.some((l) => wanted.has(slug(l)));
  };
  const approval = approvalOf(f.events, { approvedStatuses: options.approvedStatuses, approvedLabels: options.approvedLabels });
  const rules: SubjectRule[] = [...(options.subjectField ? [{ field: options.subjectField }] : []), ...options.subjectRules];
  const others = f.subscribers.filter((s) => s !== f.reporter && s !== f.assignee);
  const field = (name: string) => (name === 'assignee' ? f.assignee : name === 'creator' || name === 'reporter' ? f.reporter : name === 'subscriber' && others.length === 1 ? others[0] : undefined);
  const found = subjectByRules(rules, { field, labels: f.labels, ...(f.title ? { summary: f.title } : {}), ...(f.description ? { description: f.description } : {}) });
  const ticket: TicketRecord = {
    kind: 'ticket',
    ...cite,
    system: 'linear',
    key: f.key,
    ...(type ? { type } : {}),
    ...(f.title ? { summary: f.title } : {}),
    ...(f.status ? { status: f.status } : {}),
    created: f.created,
    ...(f.reporter ? { reporter: f.reporter } : {}),
    ...(f.assignee ? { assignee: f.assignee } : {}),
    ...(approval?.by ? { approvedBy: approval.by } : {}),
    ...(approval ? { approvedAt: approval.at } : {}),
    ...(f.resolvedAt ? { resolvedAt: f.resolvedAt } : {}),
    labels: f.labels,
    links: [...f.related.map((r) => r.key), ...(f.url ? [f.url] : [])],
    ...(found ? { subjectEmail: found.subject, subjectRule: found.rule } : {}),
    ...(f.priority ? { priority: f.priority } : {}),
  };
  const out: TrackerRecord[] = [ticket];

  if (isType(options.accessReviewIssueTypes)) {
    const system = labelValue(f.labels, 'system') ?? f.project;
    const completedAt = approval?.at ?? f.resolvedAt;
    // The person who signed the review off: the approver, else whoever completed it, else the assignee.
    const resolver = inTimeOrder(f.events).filter((e) => e.at === f.resolvedAt && e.toState).at(-1)?.by;
    const reviewer = approval?.by ?? resolver ?? f.assignee;
    // An open review is not evidence of a review; only a completed one becomes a record.
    if (system && completedAt && reviewer) out.push({ kind: 'access_review', ...cite, system: system.toLowerCase(), completedAt, reviewer });
  }

  const incidentTeams = new Set(options.incidentTeams.map((t) => t.toLowerCase()));
  const incidentLabels = new Set(options.incidentLabels.map((l) => l.toLowerCase()));
  if (isType(options.incidentIssueTypes) || f.labels.some((l) => incidentLabels.has(l.toLowerCase())) || f.teams.some((t) => incidentTeams.has(t.toLowerCase()))) {
    const responded = firstResponseOf(f.events)?.at ?? (f.events.length === 0 ? f.startedAt : undefined);
    const postmortemLink = f.related.find((r) => /post-?mortem|retrospective|\bPIR\b/i.test(r.title ?? ''));
    const postmortem = postmortemLink?.key ?? labelValue(f.labels, 'postmortem');
    const category = labelValue(f.labels, 'category');
    const severity = (options.severityLabel ? labelValue(f.labels, options.severityLabel) : undefined) ?? f.priority;
    out.push({
      kind: 'incident',
      ...cite,
      key: f.key,
      ...(f.title ? { title: f.title } : {}),
      ...(category ? { category } : {}),
      ...(severity ? { severity } : {}),
      opened: f.created,
      ...(responded ? { respondedAt: responded } : {}),
      ...(f.resolvedAt ? { closedAt: f.resolvedAt } : {}),
      ...(postmortem ? { postmortem } : {}),
      relatedRefs: f.related.map((r) => r.key),
    });
  }
  return out;
}

/** Linear's "No priority" is the absence of one. */
const priorityOf = (label: string | null | undefined): string | undefined => (label && !/^no priority$/i.test(label.trim()) ? label.trim() : undefined);

/**
 * Maps a GraphQL issue node: a ticket whose approval is the first history entry into an
 * approved state or adding an approved label, plus an access review and/or incident by type.
 */
export function mapLinearIssue(issue: LinearIssue, options: LinearOptions, cite: Cite, where: Where): TrackerRecord[] {
  const at = (value: string | null | undefined, path: string) => linearInstant(value, { ...where, pointer: `${where.pointer ?? ''}/${path}` }, path);
  const events: TrackerEvent[] = (issue.history?.nodes ?? []).map((h, index) => ({
    at: at(h.createdAt, `history/nodes/${index}/createdAt`)!,
    index,
    ...(linearPerson(h.actor) ? { by: linearPerson(h.actor) } : {}),
    ...(h.fromState ? { fromState: h.fromState.name } : {}),
    ...(h.toState ? { toState: h.toState.name } : {}),
    addedLabels: labelNames(h.addedLabels),
    removedLabels: labelNames(h.removedLabels),
  }));
  const related = [
    ...(issue.relations?.nodes ?? []).flatMap((r) => (r.relatedIssue ? [{ key: r.relatedIssue.identifier, ...(r.relatedIssue.title ? { title: r.relatedIssue.title } : {}) }] : [])),
    ...(issue.inverseRelations?.nodes ?? []).flatMap((r) => (r.issue ? [{ key: r.issue.identifier, ...(r.issue.title ? { title: r.issue.title } : {}) }] : [])),
  ];
  const started = [at(issue.triagedAt, 'triagedAt'), at(issue.startedAt, 'startedAt')].filter((x): x is string => !!x).sort()[0];
  const resolvedAt = at(issue.completedAt, 'completedAt') ?? at(issue.canceledAt, 'canceledAt');
  return recordsOf({
    key: issue.identifier,
    ...(issue.title ? { title: issue.title } : {}),
    ...(issue.description ? { description: issue.description } : {}),
    ...(issue.state?.name ? { status: issue.state.name } : {}),
    created: at(issue.createdAt, 'createdAt')!,
    ...(linearPerson(issue.creator) ? { reporter: linearPerson(issue.creator) } : {}),
    ...(linearPerson(issue.assignee) ? { assignee: linearPerson(issue.assignee) } : {}),
    subscribers: (issue.subscribers?.nodes ?? []).map(linearPerson).filter((x): x is string => !!x),
    labels: (issue.labels?.nodes ?? []).map(groupedName),
    teams: [issue.team?.key, issue.team?.name].filter((x): x is string => !!x),
    ...(issue.project?.name ? { project: issue.project.name } : {}),
    ...(priorityOf(issue.priorityLabel) ? { priority: priorityOf(issue.priorityLabel) } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(started ? { startedAt: started } : {}),
    events,
    related: [...new Map(related.map((r) => [r.key, r])).values()],
    ...(issue.url ? { url: issue.url } : {}),
  }, options, cite);
}

/** Maps a row of Linear's CSV export. The CSV carries no history, so no approval. */
export function mapLinearCsvRow(row: Record<string, string>, cite: Cite, where: Where, options: LinearOptions): TrackerRecord[] {
  const key = col(row, 'ID');
  const createdRaw = col(row, 'Created');
  if (!key || !createdRaw) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: the row has no ${key ? 'Created date' : 'ID'}.`, { where, hint: 'Every exported issue has an ID and a Created date; export the CSV again.' });
  }
  const person = (v: string | undefined) => (v?.includes('@') ? v.toLowerCase() : v);
  const list = (v: string | undefined) => v?.split(',').map((l) => l.trim()).filter(Boolean) ?? [];
  const resolvedAt = linearInstant(col(row, 'Completed'), where, 'Completed') ?? linearInstant(col(row, 'Canceled'), where, 'Canceled');
  const started = [linearInstant(col(row, 'Triaged'), where, 'Triaged'), linearInstant(col(row, 'Started'), where, 'Started')].filter((x): x is string => !!x).sort()[0];
  const reporter = person(col(row, 'Creator'));
  const assignee = person(col(row, 'Assignee'));
  return recordsOf({
    key,
    ...(col(row, 'Title') ? { title: col(row, 'Title') } : {}),
    ...(col(row, 'Description') ? { description: col(row, 'Description') } : {}),
    ...(col(row, 'Status') ? { status: col(row, 'Status') } : {}),
    created: linearInstant(createdRaw, where, 'Created')!,
    ...(reporter ? { reporter } : {}),
    ...(assignee ? { assignee } : {}),
    subscribers: [],
    labels: list(col(row, 'Labels')),
    teams: list(col(row, 'Team')),
    ...(col(row, 'Project') ? { project: col(row, 'Project') } : {}),
    ...(priorityOf(col(row, 'Priority')) ? { priority: priorityOf(col(row, 'Priority')) } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(started ? { startedAt: started } : {}),
    events: [],
    related: list(col(row, 'Related to')).map((k) => ({ key: k })),
  }, options, cite);
}
