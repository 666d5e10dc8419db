import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endUserPseudonym, findCheck } from '@fieldwork/core';
import type { RecordSet } from '@fieldwork/core';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { createPseudonymizer, SECRET_FILE } from '../workspace/index.js';
import { collectSources } from './collect-sources.js';

// Spans as an agent platform exports them: end users by email, a delegated credential per call.
const kv = (attrs: Record<string, string>) => Object.entries(attrs).map(([key, v]) => ({ key, value: { stringValue: v } }));
let n = 0;
function trace(traceId: string, endUser: string, subject: string) {
  const root = { traceId, spanId: (++n).toString(16).padStart(16, '0'), name: 'invoke_agent relay', startTimeUnixNano: '1778407200000000000', attributes: kv({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'relay', 'tenant.id': 'acme', 'enduser.id': endUser }) };
  const call = {
    traceId, spanId: (++n).toString(16).padStart(16, '0'), parentSpanId: root.spanId, name: 'execute_tool crm.lookup', kind: 3, startTimeUnixNano: '1778407201000000000',
    attributes: kv({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'crm.lookup', 'app.authz.subject': subject, 'app.authz.actor': 'svc:relay', 'app.authz.audience': 'https://crm.relay.test', 'app.authz.scope': 'crm.read' }),
  };
  return [root, call];
}
const request = (spans: object[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: kv({ 'service.name': 'relay-agent', 'deployment.environment.name': 'production' }) }, scopeSpans: [{ spans }] }] });
const workspace = {
  agent: { serviceIdentities: ['svc:relay', 'svc-relay@relay.iam'] },
  tools: [{ name: 'crm.lookup', resource: 'https://crm.relay.test', requiredScopes: ['crm.read'], identity: 'delegated-user', risk: 'low' }],
};
const CLEAR = ['ada@example.com', 'Ada@Example.com', 'bob@example.com', 'carol@example.com', 'dan@example.com'];

describe('end-user identifiers from traces', () => {
  let t: TestStore;
  afterEach(async () => t?.dispose());

  const collect = (env: NodeJS.ProcessEnv, files: string[]) => collectSources({
    workspaceDir: t.dir, timezone: 'UTC', store: t.store, env, workspace,
    sources: files.map((f) => ({ name: f.replace('.json', ''), kind: 'otlp-json', path: f })),
  });

  it('reach the store, the checks and their findings only as keyed hashes, and the checks still join on them', async () => {
    t = await openTestStore('sqlite');
    // Ada's own token (her email in another case: one person); Carol's call made with Bob's token.
    writeFileSync(join(t.dir, 'ada.json'), request(trace('a'.repeat(32), 'ada@example.com', 'Ada@Example.com')));
    writeFileSync(join(t.dir, 'carol.json'), request(trace('c'.repeat(32), 'carol@example.com', 'bob@example.com')));
    // Dan's call made with the agent's own declared identity: it must stay recognisable by name.
    writeFileSync(join(t.dir, 'dan.json'), request(trace('f'.repeat(32), 'dan@example.com', 'svc-relay@relay.iam')));
    const out = await collect({}, ['ada.json', 'carol.json', 'dan.json']);
    expect(out.map((o) => o.status)).toEqual(['collected', 'collected', 'collected']);

    const records = await t.store.loadRecords();
    const stored = JSON.stringify(records);
    for (const clear of CLEAR) expect(stored).not.toContain(clear);

    const check = findCheck('agent.tool-authorization')!;
    const outcome = check.run({ period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'UTC', params: {}, records: records as RecordSet, asOf: '2026-09-30', workspace });
    const secret = readFileSync(join(t.dir, SECRET_FILE), 'utf8').trim();
    const hash = createPseudonymizer(secret);
    // The compliant look-alike (Ada with her own token) passes; Carol's call with Bob's token does not.
    expect(outcome.items).toHaveLength(3);
    expect(outcome.exceptions.map((e) => e.rule).sort()).toEqual(['toolauth.confused_deputy', 'toolauth.subject_mismatch']);
    expect(outcome.exceptions.find((e) => e.rule === 'toolauth.confused_deputy')!.detail).toContain('svc-relay@relay.iam');
    expect(outcome.exceptions.find((e) => e.rule === 'toolauth.subject_mismatch')!.detail).toContain(`the credential's subject is ${hash('bob@example.com')}, not the trace's end user ${hash('carol@example.com')}`);
    const printed = JSON.stringify(outcome.exceptions) + JSON.stringify(outcome.items);
    for (const clear of CLEAR) expect(printed).not.toContain(clear);
  });

  it('cannot be stored in the clear: the record schema takes only a keyed hash', () => {
    expect(endUserPseudonym.safeParse('ada@example.com').success).toBe(false);
    expect(endUserPseudonym.safeParse('user-1').success).toBe(false);
    expect(endUserPseudonym.safeParse(createPseudonymizer('k'.repeat(32))('ada@example.com')).success).toBe(true);
  });

  it('are keyed by FIELDWORK_SECRET when set, else by a 0600 key file made once under .fieldwork', async () => {
    t = await openTestStore('sqlite');
    writeFileSync(join(t.dir, 'ada.json'), request(trace('d'.repeat(32), 'ada@example.com', 'ada@example.com')));
    writeFileSync(join(t.dir, 'ada-2.json'), request(trace('e'.repeat(32), 'ada@example.com', 'ada@example.com')));
    const envSecret = 'an-env-secret-of-at-least-32-characters';
    await collect({ FIELDWORK_SECRET: envSecret }, ['ada.json']);
    expect(() => statSync(join(t.dir, SECRET_FILE))).toThrow();
    await collect({}, ['ada-2.json']);
    expect(statSync(join(t.dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    const fileSecret = readFileSync(join(t.dir, SECRET_FILE), 'utf8').trim();
    expect(fileSecret).toMatch(/^[0-9a-f]{64}$/);
    const calls = ((await t.store.loadRecords(['tool_call'])).tool_call ?? []).map((c) => [c.source, c.endUser]).sort();
    expect(calls).toEqual([['ada', createPseudonymizer(envSecret)('ada@example.com')], ['ada-2', createPseudonymizer(fileSecret)('ada@example.com')]]);
    expect(calls[0][1]).not.toBe(calls[1][1]);
  });
});
