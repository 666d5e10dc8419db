import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { REAL_FIXTURES, TEST_DIALECTS, openTestStore, parseFile } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';
import { jiraCollector } from './jira-collector.js';

/** Search responses written from the documented /rest/api/3/search shape (expand=changelog). */
const PAGE1 = new URL('./fixtures/search-page-1.json', import.meta.url).pathname;
const PAGE2 = new URL('./fixtures/search-page-2.json', import.meta.url).pathname;
const OPTS = { subjectField: 'customfield_10400' };
const dir = mkdtempSync(join(tmpdir(), 'jira-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function failure(path: string): Promise<{ code: string; where?: unknown; message: string }> {
  try {
    await parseFile(jiraCollector, path, OPTS);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}
const ofKind = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], k: K) => rs.filter((r): r is Extract<FieldworkRecord, { kind: K }> => r.kind === k);

describe('jira-issues', () => {
  it('reads tickets with the approval from the changelog (who moved it to Approved, and when)', async () => {
    const [request, onboarding] = ofKind(await parseFile(jiraCollector, PAGE1, OPTS), 'ticket');
    expect(request).toMatchObject({
      system: 'jira', key: 'IT-101', type: 'Access Request', status: 'Done', locator: '/issues/0',
      // Jira writes offsets as -0700.
      created: '2026-04-02T17:15:30.000Z', approvedBy: 'maya.chen@relaylabs.ai', approvedAt: '2026-04-02T22:40:00.000Z', resolvedAt: '2026-04-03T16:00:12.000Z',
      reporter: 'ada.okafor@relaylabs.ai', assignee: 'IT Service Desk', subjectEmail: 'ada.okafor@relaylabs.ai', priority: 'Medium',
      labels: ['app:aws-iam-identity-center', 'component:AWS'],
    });
    // The subject field may hold an email as text.
    expect(onboarding).toMatchObject({ key: 'IT-102', type: 'Onboarding', subjectEmail: 'ben.walsh@relaylabs.ai', approvedAt: '2026-04-06T18:00:00.000Z' });
  });

  it('makes the approval statuses configurable', async () => {
    const [request] = ofKind(await parseFile(jiraCollector, PAGE1, { ...OPTS, approvedStatuses: ['Done'] }), 'ticket');
    expect(request).toMatchObject({ approvedBy: 'IT Service Desk', approvedAt: '2026-04-03T16:00:12.000Z' });
    const none = ofKind(await parseFile(jiraCollector, PAGE1, { ...OPTS, approvedStatuses: ['Signed off'] }), 'ticket');
    expect(none[0]).not.toHaveProperty('approvedBy');
  });

  it('emits access reviews (completed ones only) and incidents', async () => {
    const records = await parseFile(jiraCollector, PAGE2, OPTS);
    expect(ofKind(records, 'ticket').map((t) => t.key)).toEqual(['SEC-7', 'INC-3', 'SEC-8']);
    // SEC-8 (Q3) is still in progress: no review record.
    expect(ofKind(records, 'access_review')).toEqual([
      expect.objectContaining({ system: 'aws', completedAt: '2026-06-19T23:30:00.000Z', reviewer: 'maya.chen@relaylabs.ai', locator: '/issues/0' }),
    ]);
    expect(ofKind(records, 'incident')).toEqual([
      expect.objectContaining({
        key: 'INC-3', category: 'tenant-isolation', severity: 'Highest', opened: '2026-07-14T22:05:00.000Z',
        respondedAt: '2026-07-14T22:20:00.000Z', closedAt: '2026-07-16T01:00:00.000Z', postmortem: 'INC-4', relatedRefs: ['INC-4'],
      }),
    ]);
  });

  it('reads the incident severity from a custom field when configured', async () => {
    const page = JSON.parse(readFileSync(PAGE2, 'utf8')) as { issues: { fields: Record<string, unknown> }[] };
    page.issues[1].fields.customfield_10060 = { self: 'x', value: 'SEV-1', id: '10101' };
    const [incident] = ofKind(await parseFile(jiraCollector, file('sev.json', JSON.stringify(page)), { ...OPTS, severityField: 'customfield_10060' }), 'incident');
    expect(incident.severity).toBe('SEV-1');
  });

  it('finds the approval in label changes and the subject on a description line (API v3 document or v2 text)', async () => {
    const page = JSON.parse(readFileSync(PAGE1, 'utf8')) as { issues: { fields: Record<string, unknown>; changelog: { histories: unknown[] } }[] };
    const issue = page.issues[0];
    issue.fields.customfield_10400 = null;
    issue.fields.description = { type: 'doc', version: 1, content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Needs admin for the migration.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Subject: ', marks: [{ type: 'strong' }] }, { type: 'text', text: 'ben.walsh@relaylabs.ai' }] },
    ] };
    issue.changelog.histories.push({ id: '99', author: { accountId: 'x', emailAddress: 'dee.rao@relaylabs.ai' }, created: '2026-04-02T10:00:00.000-0700', items: [{ field: 'labels', fromString: 'app:aws-iam-identity-center', toString: 'app:aws-iam-identity-center approved' }] });
    const path = file('labels.json', JSON.stringify(page));
    const [t] = ofKind(await parseFile(jiraCollector, path, { ...OPTS, approvedStatuses: ['Signed off'], approvedLabels: ['approved'], subjectRules: [{ description: 'Subject:' }] }), 'ticket');
    expect(t).toMatchObject({ approvedBy: 'dee.rao@relaylabs.ai', approvedAt: '2026-04-02T17:00:00.000Z', subjectEmail: 'ben.walsh@relaylabs.ai', subjectRule: 'description Subject:' });
    issue.fields.description = 'Subject: cy.park@relaylabs.ai';
    const [v2] = ofKind(await parseFile(jiraCollector, file('v2.json', JSON.stringify(page)), { subjectRules: [{ description: 'Subject:' }] }), 'ticket');
    expect(v2.subjectEmail).toBe('cy.park@relaylabs.ai');
  });

  it('reads JSON Lines of issues, one per line, and drops a repeated issue', async () => {
    const issues = (JSON.parse(readFileSync(PAGE1, 'utf8')) as { issues: unknown[] }).issues;
    const text = [...issues, issues[0]].map((i) => JSON.stringify(i)).join('\n') + '\n';
    const tickets = ofKind(await parseFile(jiraCollector, file('issues.jsonl', text), OPTS), 'ticket');
    expect(tickets.map((t) => [t.key, t.locator])).toEqual([['IT-101', 'line 1'], ['IT-102', 'line 2']]);
  });

  it('accepts a search with no results', async () => {
    expect(await parseFile(jiraCollector, file('none.json', '{"startAt":0,"maxResults":50,"total":0,"issues":[]}'))).toEqual([]);
  });

  it('refuses a truncated page, an error response and other files', async () => {
    const bytes = readFileSync(PAGE2);
    expect((await failure(file('half.json', bytes.subarray(0, bytes.length >> 1)))).code).toBe('INPUT_MALFORMED');
    const err = await failure(file('error.json', '{"errorMessages":["The value \'SEC\' does not exist for the field \'project\'."],"errors":{}}'));
    expect(err.code).toBe('INPUT_WRONG_FORMAT');
    expect(err.message).toMatch(/does not exist/);
    expect(await failure(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'))).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0/key' } });
  });

  it('names the place of a bad timestamp', async () => {
    const page = JSON.parse(readFileSync(PAGE1, 'utf8')) as { issues: { fields: { created: string } }[] };
    page.issues[1].fields.created = 'yesterday';
    expect(await failure(file('bad-time.json', JSON.stringify(page)))).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/issues/1/fields/created' } });
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`jira-issues pages as a glob (${dialect})`, () => {
    it('collects each page as an artifact, once', async () => {
      const t = await openTestStore(dialect);
      try {
        writeFileSync(join(t.dir, 'page-1.json'), readFileSync(PAGE1));
        writeFileSync(join(t.dir, 'page-2.json'), readFileSync(PAGE2));
        const sources = [{ name: 'jira', kind: 'jira-issues', glob: 'page-*.json', options: OPTS }];
        const [out] = await collectSources({ workspaceDir: t.dir, timezone: 'America/Los_Angeles', sources, store: t.store });
        expect(out.error).toBeUndefined();
        expect(out.artifacts.map((a) => [a.name, a.records])).toEqual([['page-1.json', 2], ['page-2.json', 5]]);
        const [again] = await collectSources({ workspaceDir: t.dir, timezone: 'America/Los_Angeles', sources, store: t.store });
        expect(again.status).toBe('unchanged');
        const set = await t.store.loadRecords(['ticket', 'access_review', 'incident']);
        expect([set.ticket?.length, set.access_review?.length, set.incident?.length]).toEqual([5, 1, 1]);
      } finally {
        await t.dispose();
      }
    });
  });
}
