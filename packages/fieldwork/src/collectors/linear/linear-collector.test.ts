import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { linearCollector } from './linear-collector.js';

/** Written from Linear's GraphQL schema (Issue, IssueHistory) and the columns of its CSV export. */
const GRAPHQL = new URL('./fixtures/graphql-issues.json', import.meta.url).pathname;
const CSV = new URL('./fixtures/linear-export.csv', import.meta.url).pathname;
/** Issues with label groups (Type, system, Severity, category), relations, subscribers and label history. */
const REVIEWS = new URL('./fixtures/graphql-reviews-incidents.json', import.meta.url).pathname;
const ofKind = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], k: K) => rs.filter((r): r is Extract<FieldworkRecord, { kind: K }> => r.kind === k);
const scratch = scratchDir('linear-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(linearCollector, path, options);

describe('linear-issues', () => {
  it('reads the GraphQL issues response with the approval from the history', async () => {
    const [request, open] = await parseFile(linearCollector, GRAPHQL);
    expect(request).toMatchObject({
      kind: 'ticket', system: 'linear', key: 'OPS-41', status: 'Done', created: '2026-04-02T17:15:30.412Z', resolvedAt: '2026-04-03T16:00:12.000Z',
      // History comes newest first; the approval is the first entry into Approved.
      approvedBy: 'maya.chen@relaylabs.ai', approvedAt: '2026-04-02T22:40:00.000Z',
      reporter: 'ada.okafor@relaylabs.ai', assignee: 'ben.walsh@relaylabs.ai', priority: 'High',
      labels: ['access-request', 'app:aws-iam-identity-center'], locator: '/data/issues/nodes/0',
    });
    expect(open).toMatchObject({ key: 'OPS-42', status: 'In Progress' });
    expect(open).not.toHaveProperty('approvedAt');
  });

  it('emits a completed access review and an incident with its timeline, as jira-issues does', async () => {
    const records = await parseFile(linearCollector, REVIEWS);
    expect(ofKind(records, 'ticket').map((t) => [t.key, t.type])).toEqual([['SEC-7', 'Access Review'], ['INC-3', undefined], ['IT-120', undefined]]);
    expect(ofKind(records, 'access_review')).toEqual([
      expect.objectContaining({ system: 'aws', completedAt: '2026-06-19T23:30:00.000Z', reviewer: 'maya.chen@relaylabs.ai', locator: '/data/issues/nodes/0' }),
    ]);
    // INC-3 is an incident by its team only when configured; by default no type or label says so.
    expect(ofKind(records, 'incident')).toEqual([]);
    const [incident] = ofKind(await parseFile(linearCollector, REVIEWS, { incidentTeams: ['INC'] }), 'incident');
    expect(incident).toMatchObject({
      key: 'INC-3', category: 'tenant-isolation', severity: 'Urgent', opened: '2026-07-14T22:05:00.000Z',
      // The first move out of the state it was opened in (Triage), not the creation entry.
      respondedAt: '2026-07-14T22:20:00.000Z', closedAt: '2026-07-16T01:00:00.000Z', postmortem: 'INC-4', relatedRefs: ['INC-4'],
    });
    // Severity from the label group when configured.
    const [bySeverityLabel] = ofKind(await parseFile(linearCollector, REVIEWS, { incidentTeams: ['Incidents'], severityLabel: 'Severity' }), 'incident');
    expect(bySeverityLabel.severity).toBe('SEV-1');
  });

  it('finds the approval in label history and the subject in the description or among subscribers', async () => {
    const ticketOf = async (options: object) => ofKind(await parseFile(linearCollector, REVIEWS, options), 'ticket').find((t) => t.key === 'IT-120');
    expect(await ticketOf({})).not.toHaveProperty('approvedAt');
    expect(await ticketOf({ approvedLabels: ['Approved'], subjectRules: [{ description: 'Subject:' }] })).toMatchObject({
      approvedBy: 'dee.rao@relaylabs.ai', approvedAt: '2026-05-19T16:00:00.000Z', subjectEmail: 'ben.walsh', subjectRule: 'description Subject:',
    });
    expect(await ticketOf({ subjectField: 'subscriber' })).toMatchObject({ subjectEmail: 'ben.walsh@relaylabs.ai', subjectRule: 'field subscriber' });
    // The creator as subject is the fallback; put it after the rules that name someone else.
    expect(await ticketOf({ subjectRules: [{ field: 'creator' }, { description: 'Subject:' }] })).toMatchObject({ subjectEmail: 'maya.chen@relaylabs.ai' });
    // "No priority" is no priority.
    expect(await ticketOf({})).not.toHaveProperty('priority');
  });

  it('refuses options Jira has but Linear cannot honour', async () => {
    expect(linearCollector.options.safeParse({ subjectField: 'customfield_10400' }).success).toBe(false);
    expect(linearCollector.options.safeParse({ severityField: 'customfield_10060' }).success).toBe(false);
  });

  it('reads the CSV export (no history, so no approval)', async () => {
    const [a, b] = await parseFile(linearCollector, CSV);
    expect(a).toMatchObject({ key: 'OPS-41', created: '2026-04-02T17:15:30.000Z', resolvedAt: '2026-04-03T16:00:12.000Z', reporter: 'Ada Okafor', labels: ['access-request', 'app:aws-iam-identity-center'], locator: 'line 2' });
    expect(a).not.toHaveProperty('approvedBy');
    expect(b).toMatchObject({ key: 'OPS-42', created: '2026-04-05T10:00:00.000Z', locator: 'line 3' });
  });

  it('reads incidents from the CSV export, the first response from Triaged/Started', async () => {
    const csv = 'ID,Team,Title,Status,Priority,Creator,Assignee,Labels,Created,Started,Triaged,Completed,Canceled,Related to\n'
      + 'INC-9,INC,Agent API returned 503s,Done,Medium,ada.okafor@relaylabs.ai,,"Incident, category:availability",2026-06-02T10:00:00.000Z,2026-06-02T15:00:00.000Z,,2026-06-02T18:00:00.000Z,,INC-10\n';
    const records = await parseFile(linearCollector, file('incidents.csv', csv));
    expect(records.find((r) => r.kind === 'incident')).toMatchObject({ key: 'INC-9', category: 'availability', severity: 'Medium', respondedAt: '2026-06-02T15:00:00.000Z', closedAt: '2026-06-02T18:00:00.000Z', relatedRefs: ['INC-10'], locator: 'line 2' });
  });

  it('reads JSON Lines of issue nodes', async () => {
    const nodes = (JSON.parse(readFileSync(GRAPHQL, 'utf8')) as { data: { issues: { nodes: unknown[] } } }).data.issues.nodes;
    const records = await parseFile(linearCollector, file('issues.jsonl', nodes.map((n) => JSON.stringify(n)).join('\n')));
    expect(records.map((r) => r.locator)).toEqual(['line 1', 'line 2']);
  });

  it('accepts empty exports', async () => {
    expect(await parseFile(linearCollector, file('none.json', '{"data":{"issues":{"nodes":[],"pageInfo":{"hasNextPage":false}}}}'))).toEqual([]);
    expect(await parseFile(linearCollector, file('none.csv', 'ID,Team,Title,Status,Created,Completed\n'))).toEqual([]);
  });

  it('refuses truncated files', async () => {
    const json = readFileSync(GRAPHQL);
    expect((await failure(file('half.json', json.subarray(0, json.length >> 1)))).code).toBe('INPUT_MALFORMED');
    const csv = readFileSync(CSV, 'utf8');
    expect((await failure(file('half.csv', csv.slice(0, csv.indexOf('\nOPS-42') + 20)))).code).toBe('INPUT_MALFORMED');
  });

  it('refuses other files and error responses as the wrong format', async () => {
    expect((await failure(file('err.json', '{"errors":[{"message":"Authentication required, not authenticated"}]}'))).code).toBe('INPUT_WRONG_FORMAT');
    expect(await failure(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'))).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0/identifier' } });
    expect((await failure(file('people.csv', 'employeeNumber,workEmail\n1,a@example.com\n'))).code).toBe('INPUT_WRONG_FORMAT');
  });
});
