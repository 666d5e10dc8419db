import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { entraCollector } from './entra-collector.js';

/** Written from the documented directoryAudit shape (Graph v1.0) and the Azure Monitor AuditLogs schema. */
const GRAPH = new URL('./fixtures/graph-directory-audits.json', import.meta.url).pathname;
const DIAG = new URL('./fixtures/diagnostic-audit-logs.json', import.meta.url).pathname;
const DIAG_JSONL = new URL('./fixtures/diagnostic-audit-logs.jsonl', import.meta.url).pathname;
const scratch = scratchDir('entra-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(entraCollector, path, options);

describe('entra-audit', () => {
  it('reads a Graph directoryAudits response', async () => {
    const records = await parseFile(entraCollector, GRAPH);
    expect(records.map((r) => r.kind === 'access_event' && [r.eventType, r.action, r.account, r.target ?? null, r.locator])).toEqual([
      ['Add user', 'create', 'priya.singh@contoso.example', null, '/value/0'],
      ['Add member to group', 'grant', 'priya.singh@contoso.example', 'aws-prod-admins', '/value/1'],
      ['Add app role assignment to user', 'grant', 'priya.singh@contoso.example', 'GitHub Enterprise Cloud - Organization', '/value/2'],
      ['User registered security info', 'mfa_enroll', 'priya.singh@contoso.example', null, '/value/3'],
      // Update user that turns the account off; the JobTitle update (/value/5) is not an access change.
      ['Update user', 'deactivate', 'omar.novak@contoso.example', null, '/value/4'],
      ['Remove member from group', 'revoke', 'omar.novak@contoso.example', 'aws-prod-admins', '/value/6'],
      // A deleted user's UPN carries the object id as a prefix; the account is the original UPN.
      ['Delete user', 'delete', 'omar.novak@contoso.example', null, '/value/7'],
    ]);
    expect(records[0]).toMatchObject({ system: 'entra', at: '2026-04-06T16:02:11.431Z', actor: 'maya.chen@contoso.example', email: 'priya.singh@contoso.example', outcome: 'success', accountId: '5e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b' });
    expect(records[2]).toMatchObject({ actor: 'Microsoft Azure AD Group-Based Licensing' });
    expect(records[5]).toMatchObject({ outcome: 'failure' });
  });

  it('can leave out failed operations', async () => {
    const records = await parseFile(entraCollector, GRAPH, { includeFailures: false });
    expect(records.some((r) => r.kind === 'access_event' && r.outcome === 'failure')).toBe(false);
  });

  it('reads the Azure diagnostic-settings export, as one document or one record per line', async () => {
    const doc = await parseFile(entraCollector, DIAG);
    expect(doc.map((r) => r.kind === 'access_event' && [r.action, r.locator])).toEqual([['create', '/records/0/properties'], ['grant', '/records/1/properties'], ['deactivate', '/records/2/properties']]);
    const lines = await parseFile(entraCollector, DIAG_JSONL);
    expect(lines.map((r) => r.locator)).toEqual(['line 1#/properties', 'line 2#/properties', 'line 3#/properties']);
    expect(lines.map((r) => r.kind === 'access_event' && r.eventId)).toEqual(doc.map((r) => r.kind === 'access_event' && r.eventId));
  });

  it('reads a bare array and keeps one fact per audit id', async () => {
    const value = (JSON.parse(readFileSync(GRAPH, 'utf8')) as { value: unknown[] }).value;
    const records = await parseFile(entraCollector, file('arr.json', JSON.stringify([value[0], value[0], value[1]])));
    expect(records.map((r) => r.locator)).toEqual(['/0', '/2']);
  });

  it('accepts an empty response page', async () => {
    expect(await parseFile(entraCollector, file('empty.json', '{"@odata.context":"x","value":[]}'))).toEqual([]);
  });

  it('refuses a truncated response', async () => {
    const bytes = readFileSync(GRAPH);
    expect((await failure(file('half.json', bytes.subarray(0, bytes.length >> 1)))).code).toBe('INPUT_MALFORMED');
    const lines = readFileSync(DIAG_JSONL, 'utf8');
    expect(await failure(file('half.jsonl', lines.slice(0, Math.floor(lines.length * 0.8))))).toMatchObject({ code: 'INPUT_MALFORMED', where: { line: 3 } });
  });

  it('refuses other logs as the wrong format, naming the place', async () => {
    expect(await failure(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'))).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0/id' } });
    expect((await failure(join(REAL_FIXTURES, 'identity/google-workspace-reports-admin-activity.sentinel-sample.json'))).code).toBe('INPUT_WRONG_FORMAT');
  });
});
