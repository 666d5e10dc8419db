import { z } from 'zod';

/** A Linear user as the GraphQL API shows it (`User`: name, displayName, email). */
export const linearPersonSchema = z.object({ name: z.string().nullish(), displayName: z.string().nullish(), email: z.string().nullish() }).loose();
export type LinearPerson = z.infer<typeof linearPersonSchema>;

const stateSchema = z.object({ name: z.string(), type: z.string().nullish() }).loose();
const labelSchema = z.object({ name: z.string(), parent: z.object({ name: z.string() }).loose().nullish() }).loose();
/** Some clients select a list field bare (`addedLabels { name }` → an array), others as a connection (`{ nodes }`). */
const labelList = z.union([z.array(labelSchema), z.object({ nodes: z.array(labelSchema) }).loose()]).nullish();
const relatedSchema = z.object({ identifier: z.string(), title: z.string().nullish() }).loose();

/**
 * An issue node of the GraphQL `issues` query: the `Issue` fields Fieldwork reads, with `history`
 * (IssueHistory: createdAt, actor, fromState, toState, addedLabels, removedLabels) when the query
 * asked for it, and `relations` / `inverseRelations` (IssueRelation) for linked issues.
 */
export const linearIssueSchema = z.object({
  identifier: z.string().min(1),
  title: z.string().nullish(),
  description: z.string().nullish(),
  createdAt: z.string().min(1),
  startedAt: z.string().nullish(),
  triagedAt: z.string().nullish(),
  completedAt: z.string().nullish(),
  canceledAt: z.string().nullish(),
  url: z.string().nullish(),
  priority: z.number().nullish(),
  priorityLabel: z.string().nullish(),
  state: stateSchema.nullish(),
  team: z.object({ key: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
  project: z.object({ name: z.string() }).loose().nullish(),
  labels: z.object({ nodes: z.array(labelSchema) }).loose().nullish(),
  assignee: linearPersonSchema.nullish(),
  creator: linearPersonSchema.nullish(),
  subscribers: z.object({ nodes: z.array(linearPersonSchema) }).loose().nullish(),
  history: z.object({
    nodes: z.array(z.object({
      createdAt: z.string().min(1),
      actor: linearPersonSchema.nullish(),
      fromState: stateSchema.nullish(),
      toState: stateSchema.nullish(),
      addedLabels: labelList,
      removedLabels: labelList,
    }).loose()),
  }).loose().nullish(),
  relations: z.object({ nodes: z.array(z.object({ type: z.string().nullish(), relatedIssue: relatedSchema.nullish() }).loose()) }).loose().nullish(),
  inverseRelations: z.object({ nodes: z.array(z.object({ type: z.string().nullish(), issue: relatedSchema.nullish() }).loose()) }).loose().nullish(),
}).loose();
export type LinearIssue = z.infer<typeof linearIssueSchema>;

/** The names of a label list in either shape; a grouped label is `Group:Name`, like Jira's `name:value` labels. */
export function labelNames(list: z.infer<typeof labelList>): string[] {
  const nodes = Array.isArray(list) ? list : list?.nodes ?? [];
  return nodes.map(groupedName);
}

/** `Severity:SEV-1` for the label SEV-1 in the group Severity; a label without a group as it is. */
export const groupedName = (l: { name: string; parent?: { name: string } | null }): string => (l.parent?.name ? `${l.parent.name}:${l.name}` : l.name);
