import type { DemoIssue, JiraUser } from './tickets-part.js';

/** The description line naming who an access request is for (Linear has no custom fields). */
export const LINEAR_SUBJECT_LINE = 'Subject:';

/** Linear's workflow state types for the demo's states. */
const STATE_TYPE: Record<string, string> = {
  Open: 'triage', 'To Do': 'unstarted', 'Waiting for approval': 'unstarted', Approved: 'started', 'In Progress': 'started', Investigating: 'started', Done: 'completed', Closed: 'completed',
};
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const state = (name: string) => ({ id: `state-${slug(name)}`, name, type: STATE_TYPE[name] ?? 'unstarted' });
const user = (u: JiraUser) => ({ id: `user-${slug(u.accountId.split(':')[1] ?? u.accountId)}`, name: u.displayName, displayName: u.emailAddress.split('@')[0], email: u.emailAddress });
const PRIORITY: Record<string, [number, string]> = { Highest: [1, 'Urgent'], High: [2, 'High'], Medium: [3, 'Medium'], Low: [4, 'Low'] };
const INITIAL: Record<string, string> = { 'Access Request': 'Waiting for approval', 'Access Review': 'To Do', Onboarding: 'Open', Incident: 'Open' };

/**
 * A demo issue as a node of Linear's GraphQL `issues` query: its type a label in the "Type"
 * group, the person it is about a `Subject:` line of the description, Jira's components as
 * labels of a "Component" group, the postmortem a related issue, and the history newest first with the entry Linear
 * writes when the issue is created.
 */
export function toLinear(issue: DemoIssue, key: string, n: number): { id: string } & Record<string, unknown> {
  const initial = issue.histories[0]?.from ?? INITIAL[issue.type] ?? 'To Do';
  const entries = [
    { id: `hist-${n}-0`, createdAt: issue.created, actor: user(issue.reporter), fromState: null, toState: state(initial), addedLabels: [], removedLabels: [] },
    ...issue.histories.map((h, j) => ({ id: `hist-${n}-${j + 1}`, createdAt: h.at, actor: user(h.by), fromState: state(h.from), toState: state(h.to), addedLabels: [], removedLabels: [] })),
  ].reverse();
  const now = issue.histories.at(-1)?.to ?? initial;
  const done = issue.histories.filter((h) => STATE_TYPE[h.to] === 'completed').at(-1);
  const started = issue.histories.find((h) => STATE_TYPE[h.to] === 'started');
  const [priority, priorityLabel] = PRIORITY[issue.priority] ?? [0, 'No priority'];
  const team = key.split('-')[0];
  return {
    id: `issue-${String(n).padStart(4, '0')}`,
    identifier: key,
    title: issue.summary,
    description: `${issue.summary}.${issue.subject ? `\n\n${LINEAR_SUBJECT_LINE} ${issue.subject.emailAddress}` : ''}`,
    createdAt: issue.created,
    updatedAt: issue.histories.at(-1)?.at ?? issue.created,
    startedAt: started?.at ?? null,
    completedAt: done?.at ?? null,
    canceledAt: null,
    url: `https://linear.app/relaylabs/issue/${key}`,
    priority,
    priorityLabel,
    state: state(now),
    team: { id: `team-${team.toLowerCase()}`, key: team, name: team },
    labels: { nodes: [{ id: `label-type-${slug(issue.type)}`, name: issue.type, parent: { id: 'group-type', name: 'Type' } }, ...issue.labels.map((l) => ({ id: `label-${slug(l)}`, name: l, parent: null })), ...(issue.components ?? []).map((c) => ({ id: `label-component-${slug(c)}`, name: c, parent: { id: 'group-component', name: 'Component' } }))] },
    creator: user(issue.reporter),
    assignee: issue.assignee ? user(issue.assignee) : null,
    subscribers: { nodes: [user(issue.reporter), ...(issue.assignee && issue.assignee !== issue.reporter ? [user(issue.assignee)] : [])] },
    history: { nodes: entries },
    relations: { nodes: (issue.links ?? []).map((l) => ({ id: `rel-${n}-${slug(l.key)}`, type: 'related', relatedIssue: { id: `issue-${slug(l.key)}`, identifier: l.key, title: l.summary } })) },
  };
}
