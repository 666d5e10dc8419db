import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { linearCollector } from './linear-collector.js';

/** Written from Linear's GraphQL schema (Issue, IssueHistory) and the columns of its CSV export. */
const GRAPHQL = new URL('./fixtures/graphql-issues.json', import.meta.url).pathname;
const CSV = new URL('./fixtures/linear-export.csv', import.meta.url).pathname;
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

  it('reads the CSV export (no history, so no approval)', async () => {
    const [a, b] = await parseFile(linearCollector, CSV);
    expect(a).toMatchObject({ key: 'OPS-41', created: '2026-04-02T17:15:30.000Z', resolvedAt: '2026-04-03T16:00:12.000Z', reporter: 'Ada Okafor', labels: ['access-request', 'app:aws-iam-identity-center'], locator: 'line 2' });
    expect(a).not.toHaveProperty('approvedBy');
    expect(b).toMatchObject({ key: 'OPS-42', created: '2026-04-05T10:00:00.000Z', locator: 'line 3' });
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
