import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { parseFile, testPseudonym } from '../../testing/index.js';
import { langfuseCollector } from './langfuse-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'langfuse-'));
const file = (name: string, rows: unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return p;
};
const of = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], kind: K) => rs.filter((r): r is Extract<FieldworkRecord, { kind: K }> => r.kind === kind);

describe('langfuse-export', () => {
  it('maps a blob-storage export (snake_case, UTC times without zone): trace, generation, tool span', async () => {
    const rs = await parseFile(langfuseCollector, file('export.jsonl', [
      { id: 'gen-1', trace_id: 'tr-1', type: 'GENERATION', name: 'chat', start_time: '2026-05-01 10:00:01.500000', end_time: '2026-05-01 10:00:02.000000', provided_model_name: 'gpt-4.1-2025-04-14', usage_details: { input: 100, output: 20 }, environment: 'production', input: '[{"role":"user","content":"call me at +1 415 555 0134"}]', output: 'ok', metadata: {} },
      { id: 'tool-1', trace_id: 'tr-1', type: 'SPAN', name: 'refunds.issue', start_time: '2026-05-01 10:00:03.000000', parent_observation_id: 'gen-1', environment: 'production', metadata: { type: 'TOOL', 'app.authz.subject': 'user-7', 'app.authz.audience': 'https://pay.test', 'app.authz.scope': 'refunds.write', 'app.refund.amount': 120 } },
      { id: 'tr-1', timestamp: '2026-05-01 10:00:00.000000', name: 'support-chat', user_id: 'user-7', session_id: 's-1', environment: 'production', metadata: '{"tenant":"acme"}' },
    ]), { service: 'relay-agent' });
    expect(of(rs, 'model_observation')[0]).toMatchObject({ service: 'relay-agent', environment: 'production', responseModel: 'gpt-4.1-2025-04-14', calls: 1, inputTokens: 100, outputTokens: 20, firstSeenAt: '2026-05-01T10:00:01.500Z' });
    expect(of(rs, 'tool_call')[0]).toMatchObject({ tool: 'refunds.issue', tenant: 'acme', endUser: testPseudonym('user-7'), credential: { subject: testPseudonym('user-7'), audience: 'https://pay.test', scopes: ['refunds.write'] }, args: { 'app.refund.amount': 120 }, locator: 'line 2' });
    expect(of(rs, 'agent_run')[0]).toMatchObject({ spanId: 'tr-1', tenant: 'acme', endUser: testPseudonym('user-7') });
    expect(of(rs, 'prompt_record')[0]).toMatchObject({ id: 'gen-1:input', field: 'input', tenant: 'acme', conversation: 'tr-1', pii: { phone: 1 } });
    expect(JSON.stringify(rs)).not.toContain('555 0134');
  });

  it('reads API-style camelCase observations with a TOOL type and metadata attributes', async () => {
    const rs = await parseFile(langfuseCollector, file('api.jsonl', [
      { id: 'o1', traceId: 't1', type: 'TOOL', name: 'crm.lookup', startTime: '2026-05-02T08:00:00.000Z', metadata: { attributes: { 'tenant.id': 'globex', 'enduser.id': 'u2' } } },
    ]));
    expect(of(rs, 'tool_call')[0]).toMatchObject({ tool: 'crm.lookup', tenant: 'globex', endUser: testPseudonym('u2'), service: 'langfuse' });
  });

  it('refuses a file that is not a Langfuse export', async () => {
    try {
      await parseFile(langfuseCollector, file('other.jsonl', [{ resourceSpans: [] }]));
      throw new Error('expected refusal');
    } catch (e) {
      expect(isFieldworkError(e) && e.code).toBe('INPUT_WRONG_FORMAT');
    }
  });
});
