import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { REAL_FIXTURES, parseFile, testPseudonym } from '../../testing/index.js';
import { otlpCollector } from './otlp-collector.js';

const FIXTURE = join(REAL_FIXTURES, 'otel/otlp-trace.example.json');
const dir = mkdtempSync(join(tmpdir(), 'otlp-collector-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const of = <K extends FieldworkRecord['kind']>(rs: FieldworkRecord[], kind: K) => rs.filter((r): r is Extract<FieldworkRecord, { kind: K }> => r.kind === kind);

type V = string | number | boolean | string[];
const kv = (attrs: Record<string, V>) => Object.entries(attrs).map(([key, v]) => ({
  key,
  value: Array.isArray(v) ? { arrayValue: { values: v.map((s) => ({ stringValue: s })) } }
    : typeof v === 'number' ? (Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v })
      : typeof v === 'boolean' ? { boolValue: v } : { stringValue: v },
}));
const T = '5b8efff798038103d269b633813fc60c';
let n = 0;
const sid = () => (++n).toString(16).padStart(16, '0');
const ns = (iso: string) => (BigInt(Date.parse(iso)) * 1_000_000n).toString();
function span(name: string, attrs: Record<string, V>, extra: Record<string, unknown> = {}) {
  return { traceId: T, spanId: sid(), name, kind: 'SPAN_KIND_INTERNAL', startTimeUnixNano: ns('2026-05-01T10:00:00.123Z'), endTimeUnixNano: ns('2026-05-01T10:00:01Z'), attributes: kv(attrs), status: {}, ...extra };
}
const request = (resource: Record<string, V>, spans: object[]) => ({ resourceSpans: [{ resource: { attributes: kv(resource) }, scopeSpans: [{ scope: { name: 'test' }, spans }] }] });
const PROD = { 'service.name': 'relay-agent', 'deployment.environment.name': 'production' };

async function failure(path: string): Promise<{ code: string; where?: { line?: number; pointer?: string }; message: string }> {
  try {
    await parseFile(otlpCollector, path);
  } catch (e) {
    if (isFieldworkError(e)) return e as never;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('otlp-json', () => {
  it('collects the real OTLP/JSON example: a summary of one non-GenAI span (uppercase hex ids, numeric nanos, kind number)', async () => {
    const rs = await parseFile(otlpCollector, FIXTURE);
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ kind: 'trace_summary', spans: 1, toolCalls: 0, services: ['my.service'], firstAt: '2018-12-13T14:51:00.000Z', oldestSpanId: 'eee19b7ec3c1b174', store: 'test' });
  });

  it('refuses the first half of the real example (truncated document)', async () => {
    const bytes = readFileSync(FIXTURE);
    const err = await failure(file('truncated.json', bytes.subarray(0, Math.floor(bytes.length / 2)).toString('utf8')));
    expect(err.code).toBe('INPUT_MALFORMED');
  });

  it('maps an agent trace: tool call with credential, approval and arguments; tenant and end user from the root span arriving last', async () => {
    const root = span('invoke_agent relay', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'relay', 'tenant.id': 'acme', 'enduser.id': 'user-1' });
    const tool = span('execute_tool refunds.issue', {
      'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'refunds.issue', 'gen_ai.tool.call.id': 'call_1', 'app.refund.amount': 750,
      'app.authz.subject': 'user-1', 'app.authz.actor': 'svc:relay', 'app.authz.audience': 'https://pay.test', 'app.authz.scope': 'refunds.write refunds.read',
      'app.authz.credential_id': 'tok-1', 'app.approval.approver': 'lead@relay.test', 'app.approval.at': '2026-05-01T09:59:00Z',
    }, { parentSpanId: root.spanId, kind: 3, status: { code: 'STATUS_CODE_ERROR' } });
    const rs = await parseFile(otlpCollector, file('trace.jsonl', `${JSON.stringify(request(PROD, [tool]))}\n${JSON.stringify(request(PROD, [root]))}\n`));
    const [call] = of(rs, 'tool_call');
    expect(call).toMatchObject({
      traceId: T, spanId: tool.spanId, parentSpanId: root.spanId, tool: 'refunds.issue', toolCallId: 'call_1', protocol: 'execute_tool', status: 'error',
      service: 'relay-agent', environment: 'production', agent: 'relay', tenant: 'acme', endUser: testPseudonym('user-1'), at: '2026-05-01T10:00:00.123Z',
      credential: { subject: testPseudonym('user-1'), actor: 'svc:relay', audience: 'https://pay.test', scopes: ['refunds.write', 'refunds.read'], credentialId: 'tok-1' },
      approval: { approver: 'lead@relay.test', at: '2026-05-01T09:59:00.000Z' }, args: { 'app.refund.amount': 750 },
      locator: 'line 1#/resourceSpans/0/scopeSpans/0/spans/0',
    });
    expect(of(rs, 'agent_run')[0]).toMatchObject({ tenant: 'acme', endUser: testPseudonym('user-1'), agent: 'relay', locator: 'line 2#/resourceSpans/0/scopeSpans/0/spans/0' });
    expect(of(rs, 'trace_summary')[0]).toMatchObject({ spans: 2, toolCalls: 1, agentRuns: 1 });
  });

  it('stores end-user ids and emails only as keyed hashes; the agent\'s own identities stay by name', async () => {
    const root = span('invoke_agent relay', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'relay', 'tenant.id': 'acme', 'enduser.id': 'Ada.Lovelace@Example.com' });
    const delegated = span('execute_tool crm.lookup', {
      'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'crm.lookup', 'app.authz.subject': 'ada.lovelace@example.com', 'app.authz.actor': 'svc:relay',
      'app.customer': 'write to grace@example.org today', 'app.refund.amount': 10,
    }, { parentSpanId: root.spanId });
    const ownIdentity = span('execute_tool search', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search', 'app.authz.subject': 'svc-relay@relay.iam' }, { parentSpanId: root.spanId });
    const asActor = span('execute_tool kb', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'kb', 'app.authz.subject': 'svc:relay', 'app.authz.actor': 'svc:relay' }, { parentSpanId: root.spanId });
    const path = file('identities.jsonl', `${JSON.stringify(request(PROD, [root, delegated, ownIdentity, asActor]))}\n`);
    const rs = await parseFile(otlpCollector, path, { serviceIdentities: ['svc-relay@relay.iam'] });
    const stored = JSON.stringify(rs);
    for (const clear of ['Ada.Lovelace@Example.com', 'ada.lovelace@example.com', 'grace@example.org']) expect(stored).not.toContain(clear);
    const calls = new Map(of(rs, 'tool_call').map((c) => [c.tool, c]));
    // One person, written in two cases, is one hash: the subject = end user join still holds.
    expect(calls.get('crm.lookup')).toMatchObject({ endUser: testPseudonym('ada.lovelace@example.com'), credential: { subject: testPseudonym('ada.lovelace@example.com') } });
    expect(calls.get('crm.lookup')!.endUser).toMatch(/^h:[0-9a-f]{24}$/);
    expect(calls.get('crm.lookup')!.args).toEqual({ 'app.customer': 'write to [REDACTED:EMAIL] today', 'app.refund.amount': 10 });
    expect(calls.get('search')!.credential!.subject).toBe('svc-relay@relay.iam');
    expect(calls.get('kb')!.credential!.subject).toBe('svc:relay');
    expect(of(rs, 'agent_run')[0].endUser).toBe(testPseudonym('ada.lovelace@example.com'));
    // The look-alike: without the declaration, that principal is treated as a person and hashed.
    const undeclared = await parseFile(otlpCollector, path);
    expect(of(undeclared, 'tool_call').find((c) => c.tool === 'search')!.credential!.subject).toBe(testPseudonym('svc-relay@relay.iam'));
  });

  it('takes the tenant from the resource when neither span nor root names one; a span\'s own tenant wins over the root\'s', async () => {
    const root = span('invoke_agent', { 'gen_ai.operation.name': 'invoke_agent', 'enduser.pseudo.id': 'p-9' });
    const a = span('execute_tool kb.search', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'kb.search' }, { parentSpanId: root.spanId });
    const b = span('execute_tool kb.search', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'kb.search', 'tenant.id': 'initech' }, { parentSpanId: root.spanId });
    const rs = await parseFile(otlpCollector, file('resource-tenant.json', JSON.stringify(request({ ...PROD, 'tenant.id': 'globex' }, [root, a, b]), null, 2)));
    expect(of(rs, 'tool_call').map((c) => [c.tenant, c.endUser])).toEqual([['globex', testPseudonym('p-9')], ['initech', testPseudonym('p-9')]]);
    expect(of(rs, 'tool_call')[0].locator).toBe('/resourceSpans/0/scopeSpans/0/spans/1');
  });

  it('reads deprecated GenAI names, base64 ids, string intValues, enum numbers and nanoseconds beyond 2^53', async () => {
    const traceB64 = Buffer.from(T, 'hex').toString('base64');
    const spanB64 = Buffer.from('00000000000000aa', 'hex').toString('base64');
    const chat = {
      traceId: traceB64, spanId: spanB64, name: 'chat gpt-4.1', kind: 3, startTimeUnixNano: '1777629600123456789', endTimeUnixNano: 1777629601000000000, status: { code: 1 },
      attributes: [
        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
        { key: 'gen_ai.system', value: { stringValue: 'openai' } },
        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4.1' } },
        { key: 'gen_ai.response.model', value: { stringValue: 'gpt-4.1-2025-04-14' } },
        { key: 'gen_ai.usage.prompt_tokens', value: { intValue: '120' } },
        { key: 'gen_ai.usage.completion_tokens', value: { intValue: 30 } },
      ],
    };
    const chat2 = { ...chat, spanId: 'bbbbbbbbbbbbbbbb', startTimeUnixNano: '1777633200000000000', attributes: [...chat.attributes.slice(0, 4), { key: 'gen_ai.usage.input_tokens', value: { intValue: '80' } }] };
    const rs = await parseFile(otlpCollector, file('deprecated.json', JSON.stringify(request({ 'service.name': 'relay-agent', 'deployment.environment': 'staging' }, [chat, chat2]))));
    const [m] = of(rs, 'model_observation');
    expect(m).toMatchObject({
      service: 'relay-agent', environment: 'staging', provider: 'openai', operation: 'chat', requestedModel: 'gpt-4.1', responseModel: 'gpt-4.1-2025-04-14',
      calls: 2, inputTokens: 200, outputTokens: 30, firstSpanId: '00000000000000aa', firstTraceId: T,
      firstSeenAt: '2026-05-01T10:00:00.123Z', lastSeenAt: '2026-05-01T11:00:00.000Z',
    });
  });

  it('keeps a retrieval only when its results come from another tenant than the request\'s', async () => {
    const root = span('invoke_agent', { 'gen_ai.operation.name': 'invoke_agent', 'tenant.id': 'acme', 'enduser.id': 'u' });
    const same = span('retrieval', { 'gen_ai.operation.name': 'retrieval', 'app.retrieval.result_tenants': ['acme'] }, { parentSpanId: root.spanId });
    const cross = span('retrieval', { 'gen_ai.operation.name': 'retrieval', 'app.retrieval.result_tenants': ['acme', 'globex'], 'gen_ai.data_source.id': 'kb-vectors' }, { parentSpanId: root.spanId });
    const rs = await parseFile(otlpCollector, file('retrieval.jsonl', JSON.stringify(request(PROD, [same, cross, root])) + '\n'));
    expect(of(rs, 'retrieval')).toEqual([expect.objectContaining({ spanId: cross.spanId, tenant: 'acme', resultTenants: ['acme', 'globex'], crossTenant: true, store: 'kb-vectors' })]);
    expect(of(rs, 'trace_summary')[0].retrievals).toBe(2);
  });

  it('maps an MCP tools/call span to a tool call with protocol mcp', async () => {
    const mcp = span('tools/call crm.lookup', { 'mcp.method.name': 'tools/call', 'mcp.tool.name': 'crm.lookup', 'tenant.id': 'acme', 'enduser.id': 'u' }, { kind: 'SPAN_KIND_CLIENT' });
    const rs = await parseFile(otlpCollector, file('mcp.jsonl', JSON.stringify(request(PROD, [mcp])) + '\n'));
    expect(of(rs, 'tool_call')[0]).toMatchObject({ tool: 'crm.lookup', protocol: 'mcp', tenant: 'acme' });
  });

  it('scans content attributes for PII and keeps counts and redacted excerpts, never the text', async () => {
    const chat = span('chat', {
      'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4.1', 'tenant.id': 'acme', 'enduser.id': 'u',
      'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Refund card 4111 1111 1111 1111 and mail ada@example.com' }] }]),
      'gen_ai.output.messages': 'Sure, done.',
    });
    const rs = await parseFile(otlpCollector, file('content.jsonl', JSON.stringify(request(PROD, [chat])) + '\n'));
    const prompts = of(rs, 'prompt_record');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ store: 'test', id: `${chat.spanId}:gen_ai.input.messages`, field: 'gen_ai.input.messages', tenant: 'acme', pii: { credit_card: 1, email: 1 }, highRisk: ['credit_card', 'email'] });
    expect(JSON.stringify(rs)).not.toContain('4111 1111');
    expect(JSON.stringify(rs)).not.toContain('ada@example.com');
  });

  it('refuses a JSONL line that is not JSON, naming the line', async () => {
    const good = JSON.stringify(request(PROD, [span('x', {})]));
    const err = await failure(file('bad.jsonl', `${good}\n${good}\n{"resourceSpans": [\n`));
    expect(err.code).toBe('INPUT_MALFORMED');
    expect(err.where?.line).toBe(3);
  });

  it('refuses other JSON (wrong format) and a span without ids', async () => {
    expect((await failure(file('other.json', '{"events": []}'))).code).toBe('INPUT_WRONG_FORMAT');
    expect((await failure(file('other.jsonl', '{"events": []}\n{"events": []}\n'))).code).toBe('INPUT_WRONG_FORMAT');
    expect((await failure(file('array.json', '[1,2]'))).code).toBe('INPUT_WRONG_FORMAT');
    expect((await failure(file('empty.json', '  \n'))).code).toBe('INPUT_MALFORMED');
    const noId = await failure(file('noid.jsonl', JSON.stringify(request(PROD, [{ ...span('x', {}), spanId: 'zz' }])) + '\n'));
    expect(noId.code).toBe('INPUT_INVALID_RECORD');
    expect(noId.where?.pointer).toBe('/resourceSpans/0/scopeSpans/0/spans/0/spanId');
  });

  it('completes tool calls of a trace without any root agent span at the end, from their resource', async () => {
    const a = span('execute_tool x', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'x' });
    const rs = await parseFile(otlpCollector, file('noroot.json', JSON.stringify(request({ ...PROD, 'tenant.id': 'acme' }, [a]))));
    expect(of(rs, 'tool_call')[0]).toMatchObject({ tool: 'x', tenant: 'acme' });
  });

  it('reads tenant, end user and credential under the names a platform configures', async () => {
    const root = span('invoke_agent', { 'gen_ai.operation.name': 'invoke_agent', 'org.id': 'acme', 'app.user.id': 'u-5' });
    const t = span('execute_tool crm.lookup', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'crm.lookup', 'auth.sub': 'u-5', 'auth.aud': 'https://crm.test' }, { parentSpanId: root.spanId });
    const rs = await parseFile(otlpCollector, file('custom-names.jsonl', JSON.stringify(request(PROD, [t, root])) + '\n'), {
      attributes: { tenant: 'org.id', endUser: 'app.user.id', authzSubject: 'auth.sub', authzAudience: 'auth.aud' },
    });
    expect(of(rs, 'tool_call')[0]).toMatchObject({ tenant: 'acme', endUser: testPseudonym('u-5'), credential: { subject: testPseudonym('u-5'), audience: 'https://crm.test' } });
  });

  it('completes the oldest waiting trace without its root once maxPendingTraces is reached', async () => {
    const t1 = span('execute_tool a', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'a' }, { traceId: '1'.repeat(32) });
    const t2 = span('execute_tool b', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'b' }, { traceId: '2'.repeat(32) });
    const root1 = span('invoke_agent', { 'gen_ai.operation.name': 'invoke_agent', 'tenant.id': 'acme' }, { traceId: '1'.repeat(32) });
    const rs = await parseFile(otlpCollector, file('bounded.jsonl', JSON.stringify(request(PROD, [t1, t2, root1])) + '\n'), { maxPendingTraces: 1 });
    // Trace 1 was pushed out by trace 2 before its root arrived: its call has no tenant.
    expect(of(rs, 'tool_call').map((c) => [c.tool, c.tenant])).toEqual([['a', undefined], ['b', undefined]]);
  });
  it('forgets the oldest trace context once maxTraceContexts is reached, also across thousands of traces', async () => {
    const tid = (i: number) => i.toString(16).padStart(32, '0');
    const root = (i: number, tenant: string) => span('invoke_agent', { 'gen_ai.operation.name': 'invoke_agent', 'tenant.id': tenant }, { traceId: tid(i) });
    const call = (i: number) => span(`execute_tool t${i}`, { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `t${i}` }, { traceId: tid(i) });
    // 3,000 traces through 1,000 contexts: each root evicts the oldest; a late call then finds only the last 1,000.
    const spans: object[] = [];
    for (let i = 1; i <= 3000; i++) spans.push(root(i, `ten${i}`));
    for (const i of [1, 2000, 2001, 3000]) spans.push(call(i));
    const rs = await parseFile(otlpCollector, file('contexts.jsonl', JSON.stringify(request(PROD, spans)) + '\n'), { maxTraceContexts: 1000 });
    // Calls with a known context are emitted at once; the others wait for a root and end without one.
    expect(of(rs, 'tool_call').map((c) => [c.tool, c.tenant])).toEqual([['t2001', 'ten2001'], ['t3000', 'ten3000'], ['t1', undefined], ['t2000', undefined]]);
  });
});
