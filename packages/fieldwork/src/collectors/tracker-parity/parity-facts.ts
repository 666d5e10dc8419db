/**
 * @module One set of tracker facts — access requests (one filed on someone's behalf, one
 * self-approved, one approved late), access reviews, two incidents of different severity (one
 * answered late) and emergency change tickets — and their rendering in Jira's and in Linear's
 * export formats, so a test can collect both and compare what the checks conclude.
 */

/** A person as both trackers know them. */
export interface ParityPerson {
  email: string;
  name: string;
  /** Jira account id (Jira Cloud names users by it). */
  accountId: string;
}

/** A change of workflow state: who moved the issue, when, from what, to what. */
export interface ParityMove {
  at: string;
  by: ParityPerson;
  from: string;
  to: string;
}

/** One issue, tracker-neutral. */
export interface ParityIssue {
  key: string;
  type: 'Access Request' | 'Access Review' | 'Incident' | 'Postmortem' | 'Change';
  title: string;
  created: string;
  reporter: ParityPerson;
  assignee?: ParityPerson;
  /** The person an access request is for, when that is not the reporter. */
  onBehalfOf?: ParityPerson;
  initialState: string;
  moves: ParityMove[];
  /** `system:aws`, `category:tenant-isolation`, … */
  labels: string[];
  /** Highest / Medium in Jira's words; Urgent / Medium in Linear's. */
  severity?: 'top' | 'medium';
  related: string[];
}

const person = (first: string, last: string, n: number): ParityPerson => ({
  email: `${first}.${last}@relaylabs.ai`.toLowerCase(), name: `${first} ${last}`, accountId: `712020:parity-${String(n).padStart(4, '0')}`,
});
export const PEOPLE = {
  ada: person('Ada', 'Okafor', 1),
  ben: person('Ben', 'Walsh', 2),
  cy: person('Cy', 'Park', 3),
  dee: person('Dee', 'Rao', 4),
  eli: person('Eli', 'Stone', 5),
  maya: person('Maya', 'Chen', 6),
  desk: person('IT', 'Desk', 7),
};
const { ada, ben, cy, dee, maya, desk } = PEOPLE;

const done = (at: string, by: ParityPerson, from = 'Approved'): ParityMove => ({ at, by, from, to: 'Done' });

/** The facts. Times are UTC; the period is 2026-04-01..2026-06-30. */
export const PARITY_ISSUES: ParityIssue[] = [
  // Ada asks for herself; Maya approves before the grant (2026-05-12T18:00Z).
  { key: 'IT-101', type: 'Access Request', title: 'Access to AWS IAM Identity Center', created: '2026-05-11T16:00:00Z', reporter: ada, assignee: desk, initialState: 'Waiting for approval',
    moves: [{ at: '2026-05-11T20:00:00Z', by: maya, from: 'Waiting for approval', to: 'Approved' }, done('2026-05-12T18:05:00Z', desk)], labels: ['app:aws-iam-identity-center'], related: [] },
  // Maya files for Ben (who will not see the ticket) and approves it: on behalf of someone else, not self-approval.
  { key: 'IT-102', type: 'Access Request', title: 'GitHub for the new platform engineer', created: '2026-05-19T15:00:00Z', reporter: maya, onBehalfOf: ben, assignee: desk, initialState: 'Waiting for approval',
    moves: [{ at: '2026-05-19T16:00:00Z', by: maya, from: 'Waiting for approval', to: 'Approved' }, done('2026-05-20T18:10:00Z', desk)], labels: ['app:github'], related: [] },
  // Cy approves Cy's own request.
  { key: 'IT-103', type: 'Access Request', title: 'Access to Notion', created: '2026-06-02T15:00:00Z', reporter: cy, assignee: desk, initialState: 'Waiting for approval',
    moves: [{ at: '2026-06-02T16:00:00Z', by: cy, from: 'Waiting for approval', to: 'Approved' }, done('2026-06-03T18:10:00Z', desk)], labels: ['app:notion'], related: [] },
  // Dee's request is approved two days after the grant (2026-06-10T18:00Z).
  { key: 'IT-104', type: 'Access Request', title: 'Access to Datadog', created: '2026-06-09T15:00:00Z', reporter: dee, assignee: desk, initialState: 'Waiting for approval',
    moves: [{ at: '2026-06-12T16:00:00Z', by: maya, from: 'Waiting for approval', to: 'Approved' }, done('2026-06-12T17:00:00Z', desk)], labels: ['app:datadog'], related: [] },
  // Q2 reviews: AWS completed by Maya; GitHub still in progress.
  { key: 'SEC-7', type: 'Access Review', title: 'Q2 2026 access review: AWS', created: '2026-06-01T16:00:00Z', reporter: maya, assignee: maya, initialState: 'To Do',
    moves: [{ at: '2026-06-02T16:00:00Z', by: maya, from: 'To Do', to: 'In Progress' }, done('2026-06-19T23:30:00Z', maya, 'In Progress')], labels: ['system:aws'], related: [] },
  { key: 'SEC-8', type: 'Access Review', title: 'Q2 2026 access review: GitHub', created: '2026-06-01T16:00:00Z', reporter: maya, assignee: maya, initialState: 'To Do',
    moves: [{ at: '2026-06-03T16:00:00Z', by: maya, from: 'To Do', to: 'In Progress' }], labels: ['system:github'], related: [] },
  // A top-severity incident answered in 15 minutes, with a postmortem; a medium one answered after 5 hours (4 allowed).
  { key: 'INC-3', type: 'Incident', title: 'Retrieval returned another tenant\'s document', created: '2026-05-14T22:05:00Z', reporter: maya, assignee: maya, initialState: 'Triage', severity: 'top',
    moves: [{ at: '2026-05-14T22:20:00Z', by: maya, from: 'Triage', to: 'In Progress' }, done('2026-05-16T01:00:00Z', maya, 'In Progress')], labels: ['category:tenant-isolation'], related: ['INC-4'] },
  { key: 'INC-4', type: 'Postmortem', title: 'Postmortem: cross-tenant retrieval', created: '2026-05-18T16:00:00Z', reporter: maya, initialState: 'To Do', moves: [], labels: [], related: [] },
  { key: 'INC-5', type: 'Incident', title: 'Agent API returned 503s', created: '2026-06-02T10:00:00Z', reporter: ada, assignee: ada, initialState: 'Triage', severity: 'medium',
    moves: [{ at: '2026-06-02T15:00:00Z', by: ada, from: 'Triage', to: 'In Progress' }, done('2026-06-02T18:00:00Z', ada, 'In Progress')], labels: ['category:availability'], related: [] },
  // Emergency changes pushed straight to main: ENG-30 approved a day after, ENG-31 five days after.
  { key: 'ENG-30', type: 'Change', title: 'Hotfix: token refresh loop', created: '2026-05-05T03:00:00Z', reporter: ada, initialState: 'Todo',
    moves: [{ at: '2026-05-06T02:00:00Z', by: maya, from: 'Todo', to: 'Approved' }], labels: ['emergency'], related: [] },
  { key: 'ENG-31', type: 'Change', title: 'Hotfix: disable streaming', created: '2026-05-07T03:00:00Z', reporter: ada, initialState: 'Todo',
    moves: [{ at: '2026-05-12T09:00:00Z', by: maya, from: 'Todo', to: 'Approved' }], labels: ['emergency'], related: [] },
];

const titleOf = (key: string) => PARITY_ISSUES.find((i) => i.key === key)?.title;
const resolvedAt = (i: ParityIssue) => i.moves.find((m) => m.to === 'Done')?.at;
const stateNow = (i: ParityIssue) => i.moves.at(-1)?.to ?? i.initialState;

/** Jira writes times with the site's offset and milliseconds: `2026-05-11T09:00:00.000-0700`. */
function jiraTime(iso: string): string {
  const local = new Date(Date.parse(iso) - 7 * 3_600_000).toISOString();
  return `${local.slice(0, 23)}-0700`;
}
const jiraUser = (p: ParityPerson) => ({
  self: `https://relaylabs.atlassian.net/rest/api/3/user?accountId=${p.accountId}`, accountId: p.accountId, emailAddress: p.email,
  avatarUrls: { '48x48': 'https://secure.gravatar.com/avatar/x.png' }, displayName: p.name, active: true, timeZone: 'America/Los_Angeles', accountType: 'atlassian',
});

/**
 * The facts as a Jira Cloud search response (`GET /rest/api/3/search?expand=changelog`): issue
 * types name the kind, the person an access request is for is in the user-picker
 * `customfield_10400`, severity is the priority, the postmortem a linked issue.
 */
export function jiraSearchResponse(): unknown {
  const issues = PARITY_ISSUES.map((i, n) => ({
    expand: 'operations,versionedRepresentations,editmeta,changelog,renderedFields',
    id: String(10100 + n),
    self: `https://relaylabs.atlassian.net/rest/api/3/issue/${10100 + n}`,
    key: i.key,
    fields: {
      issuetype: { self: 'https://relaylabs.atlassian.net/rest/api/3/issuetype/1', id: String(10001 + n), name: i.type, subtask: false },
      summary: i.title,
      description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: i.title }] }] },
      status: { name: stateNow(i), statusCategory: { key: resolvedAt(i) ? 'done' : 'indeterminate' } },
      created: jiraTime(i.created),
      updated: jiraTime(i.moves.at(-1)?.at ?? i.created),
      resolutiondate: resolvedAt(i) ? jiraTime(resolvedAt(i)!) : null,
      resolution: resolvedAt(i) ? { name: 'Done' } : null,
      reporter: jiraUser(i.reporter),
      assignee: i.assignee ? jiraUser(i.assignee) : null,
      labels: i.labels,
      components: [],
      priority: { name: i.severity === 'top' ? 'Highest' : 'Medium', id: i.severity === 'top' ? '1' : '3' },
      issuelinks: i.related.map((k, j) => ({ id: String(30000 + n * 10 + j), type: { name: 'Relates', inward: 'relates to', outward: 'relates to' }, outwardIssue: { key: k, fields: { summary: titleOf(k), issuetype: { name: PARITY_ISSUES.find((x) => x.key === k)?.type } } } })),
      customfield_10400: i.type === 'Access Request' ? jiraUser(i.onBehalfOf ?? i.reporter) : null,
    },
    changelog: {
      startAt: 0, maxResults: i.moves.length, total: i.moves.length,
      histories: i.moves.map((m, j) => ({ id: String(20000 + n * 10 + j), author: jiraUser(m.by), created: jiraTime(m.at), items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '1', fromString: m.from, to: '2', toString: m.to }] })),
    },
  }));
  return { expand: 'schema,names', startAt: 0, maxResults: 100, total: issues.length, issues };
}

const STATE_TYPE: Record<string, string> = { Triage: 'triage', Todo: 'unstarted', 'To Do': 'unstarted', 'Waiting for approval': 'unstarted', Approved: 'started', 'In Progress': 'started', Done: 'completed' };
const linearState = (name: string) => ({ id: `state-${name.toLowerCase().replace(/\s+/g, '-')}`, name, type: STATE_TYPE[name] ?? 'unstarted' });
const linearUser = (p: ParityPerson) => ({ id: `user-${p.accountId.slice(-4)}`, name: p.name, displayName: p.email.split('@')[0], email: p.email });

/**
 * The facts as a Linear GraphQL `issues` response: the kind is a label in the "Type" label group,
 * the person an access request is for a `Subject:` line of the description (Linear has no custom
 * fields), severity the priority, the postmortem a related issue; history newest first, with the
 * entry Linear writes when an issue is created.
 */
export function linearIssuesResponse(): unknown {
  const nodes = PARITY_ISSUES.map((i, n) => {
    const entries = [
      { id: `hist-${n}-0`, createdAt: i.created, actor: linearUser(i.reporter), fromState: null, toState: linearState(i.initialState), addedLabels: [], removedLabels: [] },
      ...i.moves.map((m, j) => ({ id: `hist-${n}-${j + 1}`, createdAt: m.at, actor: linearUser(m.by), fromState: linearState(m.from), toState: linearState(m.to), addedLabels: [], removedLabels: [] })),
    ].reverse();
    const subject = i.type === 'Access Request' ? `\n\nSubject: ${(i.onBehalfOf ?? i.reporter).email}` : '';
    return {
      id: `issue-${n}`,
      identifier: i.key,
      title: i.title,
      description: `${i.title}.${subject}`,
      createdAt: i.created,
      updatedAt: i.moves.at(-1)?.at ?? i.created,
      startedAt: i.moves.find((m) => STATE_TYPE[m.to] === 'started')?.at ?? null,
      completedAt: resolvedAt(i) ?? null,
      canceledAt: null,
      url: `https://linear.app/relaylabs/issue/${i.key}`,
      priority: i.severity === 'top' ? 1 : 3,
      priorityLabel: i.severity === 'top' ? 'Urgent' : 'Medium',
      state: linearState(stateNow(i)),
      team: { id: `team-${i.key.split('-')[0]}`, key: i.key.split('-')[0], name: i.key.split('-')[0] },
      labels: { nodes: [{ id: `label-type-${n}`, name: i.type, parent: { id: 'group-type', name: 'Type' } }, ...i.labels.map((l, j) => ({ id: `label-${n}-${j}`, name: l, parent: null }))] },
      creator: linearUser(i.reporter),
      assignee: i.assignee ? linearUser(i.assignee) : null,
      subscribers: { nodes: [linearUser(i.reporter)] },
      history: { nodes: entries },
      relations: { nodes: i.related.map((k) => ({ id: `rel-${n}-${k}`, type: 'related', relatedIssue: { id: `issue-${k}`, identifier: k, title: titleOf(k) } })) },
    };
  });
  return { data: { issues: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } } };
}
