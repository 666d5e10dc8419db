import { FieldworkError } from '@fieldwork/core';
import type { TicketRecord } from '@fieldwork/core';
import { z } from 'zod';
import { col, normalizeInstant, subjectByRules } from '../input/index.js';
import type { SubjectSources } from '../input/index.js';
import type { LinearOptions } from './linear-config.js';

type Cite = { source: string; artifact: string; locator: string };
type Where = { file: string; line?: number; pointer?: string };

const personSchema = z.object({ name: z.string().nullish(), displayName: z.string().nullish(), email: z.string().nullish() }).loose();
const stateSchema = z.object({ name: z.string(), type: z.string().nullish() }).loose();

/** An issue node of the GraphQL `issues` query (with `history` when the query asked for it). */
export const linearIssueSchema = z.object({
  identifier: z.string().min(1),
  title: z.string().nullish(),
  createdAt: z.string().min(1),
  completedAt: z.string().nullish(),
  canceledAt: z.string().nullish(),
  url: z.string().nullish(),
  priorityLabel: z.string().nullish(),
  state: stateSchema.nullish(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).loose()) }).loose().nullish(),
  assignee: personSchema.nullish(),
  creator: personSchema.nullish(),
  history: z.object({
    nodes: z.array(z.object({
      createdAt: z.string().min(1),
      actor: personSchema.nullish(),
      fromState: stateSchema.nullish(),
      toState: stateSchema.nullish(),
    }).loose()),
  }).loose().nullish(),
}).loose();
export type LinearIssue = z.infer<typeof linearIssueSchema>;

const who = (p: z.infer<typeof personSchema> | null | undefined) => p?.email?.toLowerCase() ?? p?.displayName ?? p?.name ?? undefined;

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

/** Maps a GraphQL issue node to a ticket; the approval is the first history entry into an approved state. */
export function mapLinearIssue(issue: LinearIssue, options: LinearOptions, cite: Cite, where: Where): TicketRecord {
  const approved = new Set(options.approvedStatuses.map((s) => s.toLowerCase()));
  const history = (issue.history?.nodes ?? [])
    .map((h, i) => ({ h, at: linearInstant(h.createdAt, { ...where, pointer: `${where.pointer ?? ''}/history/nodes/${i}/createdAt` }, 'history createdAt')! }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const approval = history.find(({ h }) => h.toState && approved.has(h.toState.name.toLowerCase()));
  const resolvedAt = linearInstant(issue.completedAt ?? issue.canceledAt, { ...where, pointer: `${where.pointer ?? ''}/completedAt` }, 'completedAt');
  const reporter = who(issue.creator);
  const assignee = who(issue.assignee);
  const approvedBy = approval ? who(approval.h.actor) : undefined;
  const labels = (issue.labels?.nodes ?? []).map((l) => l.name);
  const found = subjectByRules(options.subjectRules ?? [], { field: (name) => (name === 'assignee' ? assignee : name === 'creator' || name === 'reporter' ? reporter : undefined), labels, ...(issue.title ? { summary: issue.title } : {}) });
  return {
    kind: 'ticket',
    ...cite,
    system: 'linear',
    key: issue.identifier,
    ...(issue.title ? { summary: issue.title } : {}),
    ...(issue.state?.name ? { status: issue.state.name } : {}),
    created: linearInstant(issue.createdAt, { ...where, pointer: `${where.pointer ?? ''}/createdAt` }, 'createdAt')!,
    ...(reporter ? { reporter } : {}),
    ...(assignee ? { assignee } : {}),
    ...(approvedBy ? { approvedBy } : {}),
    ...(approval ? { approvedAt: approval.at } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    labels,
    links: issue.url ? [issue.url] : [],
    ...(found ? { subjectEmail: found.subject, subjectRule: found.rule } : {}),
    ...(issue.priorityLabel ? { priority: issue.priorityLabel } : {}),
  };
}

/** Maps a row of Linear's CSV export. The CSV carries no history, so no approval. */
export function mapLinearCsvRow(row: Record<string, string>, cite: Cite, where: Where, options?: LinearOptions): TicketRecord {
  const key = col(row, 'ID');
  const createdRaw = col(row, 'Created');
  if (!key || !createdRaw) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: the row has no ${key ? 'Created date' : 'ID'}.`, { where, hint: 'Every exported issue has an ID and a Created date; export the CSV again.' });
  }
  const person = (v: string | undefined) => (v?.includes('@') ? v.toLowerCase() : v);
  const resolvedAt = linearInstant(col(row, 'Completed') ?? col(row, 'Canceled'), where, 'Completed');
  const labels = col(row, 'Labels')?.split(',').map((l) => l.trim()).filter(Boolean) ?? [];
  return {
    kind: 'ticket',
    ...cite,
    system: 'linear',
    key,
    ...(col(row, 'Title') ? { summary: col(row, 'Title') } : {}),
    ...(col(row, 'Status') ? { status: col(row, 'Status') } : {}),
    created: linearInstant(createdRaw, where, 'Created')!,
    ...(col(row, 'Creator') ? { reporter: person(col(row, 'Creator')) } : {}),
    ...(col(row, 'Assignee') ? { assignee: person(col(row, 'Assignee')) } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    labels,
    links: [],
    ...subjectFields(options, { field: (name) => (name === 'assignee' ? person(col(row, 'Assignee')) : name === 'creator' || name === 'reporter' ? person(col(row, 'Creator')) : undefined), labels, ...(col(row, 'Title') ? { summary: col(row, 'Title') } : {}) }),
    ...(col(row, 'Priority') ? { priority: col(row, 'Priority') } : {}),
  };
}

/** The request's subject and the rule that found it, as ticket fields (none when no rule matched). */
function subjectFields(options: LinearOptions | undefined, t: SubjectSources): { subjectEmail?: string; subjectRule?: string } {
  const found = subjectByRules(options?.subjectRules ?? [], t);
  return found ? { subjectEmail: found.subject, subjectRule: found.rule } : {};
}
