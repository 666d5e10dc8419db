import { describe, expect, it } from 'vitest';
import { builtInControls, controlSchema } from '../catalog/index.js';
import type { Control } from '../catalog/index.js';
import { recordSetReader } from '../records/index.js';
import type { AccessEventRecord, DeletionRequestRecord, FieldworkRecord, RecordReader, RecordSet, SignInRecord, TraceSummaryRecord } from '../records/index.js';
import { runStream, sharedOf } from './check.js';
import type { Check, CheckContext, CheckStream, PopulationItem } from './check.js';
import { builtInChecks } from './registry.js';
import { countItems } from './population-keeper.js';
import { runChecks, withoutItems } from './run-checks.js';
import type { ControlResult } from './run-checks.js';
import { runChecksFrom } from './run-checks-from.js';
import { incident, promptRecord, toolCall } from './agent/agent-test-support.js';
import { change, evalRun, observation, probe, retrieval, setOf } from './agent/governance-test-support.js';
import { ack, person, policy, training } from './hr/people-test-support.js';

const window = { period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', asOf: '2026-09-30' };
const control = (id: string, check: string | null): Control => controlSchema.parse({
  id, title: `Control ${id}`, statement: 'A statement long enough to be valid.', criteria: ['CC1.1'], category: 'governance',
  frequency: 'annual', ownerRole: 'owner', evidenceSources: [], check,
});

/** Records of many kinds, some with findings, and a self-test probe that no check may count. */
function mixedRecords(): RecordSet {
  const records: FieldworkRecord[] = [
    person({ email: 'ana@relay.ai', startDate: '2025-01-06' }),
    person({ email: 'ben@relay.ai', startDate: '2026-05-04', endDate: '2026-08-14' }),
    training('ana@relay.ai', '2026-02-01T10:00:00.000Z'),
    policy('POL-01', '1.0', '2026-01-10'),
    ack('ana@relay.ai', 'POL-01', '2026-01-12T10:00:00.000Z'),
    toolCall('s1'), toolCall('s2', { tool: 'refund.issue', args: { amount: 900 } }), toolCall('s3', { environment: 'staging' }),
    promptRecord('p1', { pii: { email: 2 }, highRisk: ['payment_card'] }), promptRecord('p2'),
    incident('INC-1', ['s2']),
    observation('gpt-5-2025-08-07', '2026-04-02T00:00:00.000Z'), change('MC-1', 'gpt-5-2025-08-07', '2026-03-30T00:00:00.000Z'), evalRun('EV-1', 'gpt-5-2025-08-07', '2026-03-29T00:00:00.000Z'),
    probe('run-1', '2026-05-01T00:00:00.000Z'), probe('self', '2026-05-02T00:00:00.000Z', false, { selfTest: true }), retrieval('r1', '2026-05-03T00:00:00.000Z'),
  ];
  return setOf(records);
}

/** A reader that counts how often each kind is read. */
function countingReader(set: RecordSet): { reader: RecordReader; reads: Map<string, number> } {
  const inner = recordSetReader(set);
  const reads = new Map<string, number>();
  return {
    reads,
    reader: {
      counts: () => inner.counts(),
      batches: (kind) => {
        reads.set(kind, (reads.get(kind) ?? 0) + 1);
        return inner.batches(kind);
      },
    },
  };
}


let seq = 0;
const ev = (email: string, action: AccessEventRecord['action'], at: string, over: Partial<AccessEventRecord> = {}): AccessEventRecord => ({
  kind: 'access_event', source: 'okta', artifact: 'sha256:okta', locator: `/${++seq}`, system: 'okta', eventId: `e${seq}`,
  eventType: `okta.${action}`, action, at, account: email, email, accountId: `00u-${email}`, ...over,
});
const signIn = (email: string, at: string, mfa: SignInRecord['mfa'], over: Partial<SignInRecord> = {}): SignInRecord => ({
  kind: 'sign_in', source: 'entra', artifact: 'sha256:entra', locator: `/value/${++seq}`, system: 'entra', eventId: `s${seq}`,
  at, account: email, email, accountType: 'user', outcome: 'success', interactive: true, mfa, app: 'Console', ...over,
});

/** People and identity events with findings for every access and HR check: leavers late and active after leaving, sign-ins without a factor, grants without tickets. */
function identityRecords(): RecordSet {
  const records: FieldworkRecord[] = [
    person({ email: 'ana@relay.ai', startDate: '2025-01-06' }),
    person({ email: 'ben@relay.ai', startDate: '2025-05-04', endDate: '2026-06-14' }),
    person({ email: 'cy@relay.ai', startDate: '2025-02-01', endDate: '2026-07-01' }),
    training('ana@relay.ai', '2026-02-01T10:00:00.000Z'),
    ev('ana@relay.ai', 'mfa_enroll', '2026-03-01T10:00:00.000Z'),
    ev('ana@relay.ai', 'login', '2026-04-02T10:00:00.000Z'),
    ev('ana@relay.ai', 'mfa_reset', '2026-05-01T10:00:00.000Z', { eventType: 'user.mfa.factor.reset_all' }),
    ev('ana@relay.ai', 'login', '2026-05-02T10:00:00.000Z'),
    ev('ana@relay.ai', 'login', '2026-05-02T10:00:00.000Z', { outcome: 'FAILURE' }),
    ev('ana@relay.ai', 'grant', '2026-05-03T10:00:00.000Z', { target: 'AWS' }),
    ev('ben@relay.ai', 'login', '2026-06-01T10:00:00.000Z'),
    ev('ben@relay.ai', 'deactivate', '2026-06-20T10:00:00.000Z'),
    ev('ben@relay.ai', 'login', '2026-07-02T10:00:00.000Z'),
    ev('dee@relay.ai', 'login', '2026-07-03T10:00:00.000Z', { accountId: '00u-cy@relay.ai' }),
    ev('eve@relay.ai', 'login', '2026-07-04T10:00:00.000Z'),
    signIn('ana@relay.ai', '2026-04-02T10:00:00.000Z', 'satisfied', { eventId: 'e-dup' }),
    signIn('cy@relay.ai', '2026-07-05T10:00:00.000Z', 'single_factor'),
    signIn('cy@relay.ai', '2026-07-06T10:00:00.000Z', 'satisfied'),
    signIn('eve@relay.ai', '2026-04-01T08:00:00.000Z', 'single_factor', { system: 'google' }),
    signIn('fay@relay.ai', '2026-08-01T10:00:00.000Z', 'unknown'),
  ];
  return setOf(records);
}

/** A reader that hands every kind over in batches of `size`. */
function batchedReader(set: RecordSet, size: number): RecordReader {
  return {
    counts: () => recordSetReader(set).counts(),
    async *batches(kind) {
      const rows = (set[kind] ?? []) as never[];
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    },
  };
}

/** Agent traffic with findings for every folded agent check, out of time order and with ties in time. */
const agentWorkspace = {
  tools: [
    { name: 'crm.lookup', resource: 'https://crm.relay.test', requiredScopes: ['crm.read'], identity: 'delegated-user', risk: 'low' },
    { name: 'kb.search', resource: 'https://kb.relay.test', requiredScopes: ['kb.read'], identity: 'tenant-service', risk: 'low' },
    { name: 'refunds.issue', resource: 'https://pay.relay.test', requiredScopes: ['refunds.write'], identity: 'delegated-user', risk: 'high', approvalThreshold: { argument: 'amount', above: 500 } },
  ],
  agent: { serviceIdentities: ['svc:relay-agent'], stores: [{ name: 'prompt-log', kind: 'prompt-log', retentionDays: 30, graceDays: 2 }, { name: 'traces', kind: 'trace', retentionDays: 30 }] },
};
const backupJob = (at: string, n: number, status = 'COMPLETED'): FieldworkRecord => ({ kind: 'backup_job', source: 'aws', artifact: 'b'.repeat(64), locator: `/BackupJobs/${n}`, tool: 'aws-backup', resource: 'orders-db', jobId: `job-${n}`, at, status });
function agentRecords(): RecordSet {
  const cred = (extra: object = {}) => ({ subject: 'user-1', actor: 'svc:relay-agent', audience: 'https://crm.relay.test', scopes: ['crm.read'], ...extra });
  const summary = (artifact: string, firstAt: string, lastAt: string): TraceSummaryRecord => ({
    kind: 'trace_summary', source: 'traces', artifact: artifact.repeat(64), locator: '/', spans: 10, modelCalls: 1, toolCalls: 1, agentRuns: 1, retrievals: 0,
    firstAt, lastAt, services: ['relay-agent'], oldestSpanId: `span-${artifact}`, store: 'traces',
  });
  const deletion: DeletionRequestRecord = {
    kind: 'deletion_request', source: 'dsr', artifact: 'd'.repeat(64), locator: '/0', id: 'DSR-1', subject: 'user-9', requestedAt: '2026-06-01T00:00:00.000Z', completedAt: '2026-06-05T00:00:00.000Z', stores: [],
  };
  return setOf([
    toolCall('late', { at: '2026-07-01T00:00:00.000Z', tool: 'kb.search', credential: cred({ credentialId: 'tok-x', audience: 'https://kb.relay.test', scopes: ['kb.read'] }) }),
    toolCall('tie-b', { at: '2026-05-01T00:00:00.000Z', credential: cred({ credentialId: 'tok-y', tenant: 'globex' }) }),
    toolCall('early', { at: '2026-04-10T00:00:00.000Z', credential: cred({ credentialId: 'tok-x' }) }),
    toolCall('tie-a', { at: '2026-05-01T00:00:00.000Z', credential: cred({ credentialId: 'tok-y', scopes: ['crm.read', 'crm.*'] }) }),
    toolCall('bare', { at: '2026-06-01T00:00:00.000Z' }),
    toolCall('staging', { at: '2026-06-02T00:00:00.000Z', environment: 'staging', credential: cred({ credentialId: 'tok-x', audience: 'https://other.test' }) }),
    toolCall('big', { at: '2026-06-03T00:00:00.000Z', tool: 'refunds.issue', args: { amount: 900 }, credential: cred({ audience: 'https://pay.relay.test', scopes: ['refunds.write'] }) }),
    toolCall('late-ok', { at: '2026-06-04T00:00:00.000Z', tool: 'refunds.issue', args: { amount: 700 }, approval: { approver: 'ops', at: '2026-06-05T00:00:00.000Z' } }),
    toolCall('small', { at: '2026-06-05T00:00:00.000Z', tool: 'refunds.issue', args: { amount: 20 } }),
    incident('INC-1', ['late-ok']),
    promptRecord('p-old', { at: '2026-08-01T00:00:00.000Z', endUser: 'user-9', pii: { email: 2 }, highRisk: ['payment_card'] }),
    promptRecord('p-new', { at: '2026-09-29T00:00:00.000Z', endUser: 'user-1' }),
    promptRecord('p-erased', { at: '2026-06-01T00:00:00.000Z', endUser: 'user-9' }),
    promptRecord('p-stage', { at: '2026-06-01T00:00:00.000Z', environment: 'staging', pii: { email: 1 } }),
    summary('1', '2026-04-01T07:00:00.000Z', '2026-04-30T23:00:00.000Z'),
    summary('2', '2026-05-01T07:00:00.000Z', '2026-06-20T23:00:00.000Z'),
    deletion,
    observation('gpt-5-2025-08-07', '2026-04-02T00:00:00.000Z'), probe('run-1', '2026-05-01T00:00:00.000Z'),
    // Backups of an undeclared resource, out of order: a failed day, a day with a failure then a success, a missed stretch.
    ...['2026-09-20', '2026-09-24', '2026-09-21', '2026-09-22', '2026-09-27', '2026-09-28', '2026-09-29', '2026-09-30'].map((d, i) => backupJob(`${d}T10:00:00Z`, i)),
    backupJob('2026-09-23T10:00:00Z', 20, 'FAILED'), backupJob('2026-09-22T09:00:00Z', 21, 'FAILED'), backupJob('2026-09-25T10:00:00Z', 22, 'ABORTED'),
  ]);
}

describe('runChecksFrom', () => {
  it('gives the results runChecks gives over the same records, for every built-in control', async () => {
    const records = mixedRecords();
    const controls = builtInControls;
    const fromReader = await runChecksFrom({ ...window, controls, reader: recordSetReader(records) });
    const inMemory = runChecks({ ...window, controls, records });
    expect(fromReader).toEqual(inMemory);
    // Not a vacuous comparison: checks ran over the records and found things.
    expect(inMemory.results.some((r) => r.status === 'exception')).toBe(true);
    expect(inMemory.results.filter((r) => r.error).map((r) => r.error)).toEqual([]);
  });

  it('hands each full result to onResult as its check returns, and keeps what onResult returns', async () => {
    const records = mixedRecords();
    const controls = builtInControls;
    const seen: ControlResult[] = [];
    const run = await runChecksFrom({ ...window, controls, reader: recordSetReader(records), onResult: (r) => (seen.push(r), withoutItems(r)) });
    const inMemory = runChecks({ ...window, controls, records });
    // Each control once, items included, exactly as runChecks gives it.
    expect(seen.map((r) => r.control).sort()).toEqual(controls.map((c) => c.id).sort());
    expect(new Map(seen.map((r) => [r.control, r]))).toEqual(new Map(inMemory.results.map((r) => [r.control, r])));
    // The run keeps no items, in the controls' order, and the artifacts the items cited.
    expect(run.results).toEqual(inMemory.results.map(withoutItems));
    expect(run.results.every((r) => r.items.length === 0)).toBe(true);
    const cited = inMemory.results.find((r) => r.items.some((i) => i.trace.some((t) => t.citation)))!;
    const artifacts = run.results.find((r) => r.control === cited.control)!.itemArtifacts!;
    expect(artifacts.length).toBeGreaterThan(0);
    expect(artifacts).toEqual([...new Set(cited.items.flatMap((i) => i.trace.flatMap((t) => (t.citation ? [t.citation.artifact] : []))))].sort());
  });

  it('reads each kind once, and only kinds some check in scope reads', async () => {
    const { reader, reads } = countingReader(mixedRecords());
    await runChecksFrom({ ...window, controls: builtInControls.filter((c) => c.check === 'agent.tool-authorization' || c.check === 'hr.training'), reader });
    // No access_event records: nothing to read for them; prompts, policies and the rest are read by no check in scope.
    expect(Object.fromEntries(reads)).toEqual({ tool_call: 1, person: 1, training: 1, isolation_probe: 1 });
  });

  it('does not test a check that reads a kind it does not list, and hands a check without a list every kind', async () => {
    const records = mixedRecords();
    const checks: Record<string, Check> = {
      sneaky: { id: 'sneaky', title: 'reads more than it says', requires: [], reads: ['person'], run: (ctx) => ({ populationQuery: 'q', items: (ctx.records.tool_call ?? []).map((c) => ({ id: c.spanId, subject: c.spanId, trace: [] })), exceptions: [] }) },
      open: { id: 'open', title: 'lists nothing', requires: [], run: (ctx) => ({ populationQuery: 'q', items: (ctx.records.tool_call ?? []).map((c) => ({ id: c.spanId, subject: c.spanId, trace: [] })), exceptions: [] }) },
    };
    const run = await runChecksFrom({ ...window, checks, controls: [control('XX-01', 'sneaky'), control('XX-02', 'open')], reader: recordSetReader(records) });
    expect(run.results[0]).toMatchObject({ status: 'not_tested', error: expect.stringContaining('read tool_call records, which it does not list') });
    expect(run.results[1]).toMatchObject({ status: 'pass', population: 3 });
  });

  it('gives the in-memory results when the streaming checks get their kinds a record or two at a time', async () => {
    const records = identityRecords();
    const inMemory = runChecks({ ...window, controls: builtInControls, records });
    for (const size of [1, 2, 5]) expect(await runChecksFrom({ ...window, controls: builtInControls, reader: batchedReader(records, size) })).toEqual(inMemory);
    // Not vacuous: the folded checks found what the records plant.
    const rules = new Set(inMemory.results.flatMap((r) => r.exceptions.map((e) => e.rule)));
    for (const rule of ['deprovision.active_after_end', 'mfa.not_enrolled', 'mfa.single_factor_sign_in', 'reconcile.no_person', 'reconcile.leaver_active', 'grant.no_ticket']) expect(rules).toContain(rule);
    expect(inMemory.results.filter((r) => r.error)).toEqual([]);
  });

  it('gives the in-memory results when the folded agent and backup checks get tool calls, prompts and jobs a record or two at a time', async () => {
    const records = agentRecords();
    const folded = ['agent.tool-authorization', 'agent.human-approval', 'agent.prompt-pii', 'agent.prompt-retention', 'agent.incident-coverage', 'ai.system-register', 'backup.success-cadence', 'backup.restore-test'];
    const controls = builtInControls.filter((c) => c.check !== null && folded.includes(c.check));
    expect(new Set(controls.map((c) => c.check))).toEqual(new Set(folded));
    const input = { ...window, controls, workspace: agentWorkspace };
    const inMemory = runChecks({ ...input, records });
    for (const size of [1, 2, 5]) expect(await runChecksFrom({ ...input, reader: batchedReader(records, size) })).toEqual(inMemory);
    // Not vacuous: the folded checks found what the records plant, in time order.
    const byCheck = new Map(inMemory.results.map((r) => [r.check, r]));
    const auth = byCheck.get('agent.tool-authorization')!;
    expect(auth.exceptions.filter((e) => e.rule === 'toolauth.token_passthrough').map((e) => e.subject).sort()).toEqual(['late', 'tie-a']);
    expect(auth.exceptions.find((e) => e.rule === 'toolauth.wildcard_scope')?.subject).toBe('tie-a');
    const rules = new Set(inMemory.results.flatMap((r) => r.exceptions.map((e) => e.rule)));
    for (const rule of ['toolauth.missing', 'hitl.missing', 'hitl.late', 'hitl.no_incident', 'pii.high_risk', 'retention.exceeded', 'deletion.not_honoured', 'backup.missed', 'restore.missing']) expect(rules).toContain(rule);
    expect(inMemory.results.filter((r) => r.error)).toEqual([]);
  });

  it('keeps only counts and cited artifacts with countItems, and the folded checks hand each item over while they read', async () => {
    const records = agentRecords();
    const folded = ['agent.tool-authorization', 'agent.human-approval', 'agent.prompt-pii', 'backup.success-cadence'];
    const controls = builtInControls.filter((c) => c.check !== null && folded.includes(c.check));
    const input = { ...window, controls, workspace: agentWorkspace };
    const inMemory = runChecks({ ...input, records });
    // Batches read so far, and at each item handed over, how many had been read for that control.
    let read = 0;
    const inner = batchedReader(records, 1);
    const reader: RecordReader = { counts: () => inner.counts(), async *batches(kind) { for await (const b of inner.batches(kind)) { read++; yield b; } } };
    const seenAt = new Map<string, number[]>();
    const keep = (c: Control) => {
      const counted = countItems();
      return { ...counted, add: (item: PopulationItem) => { seenAt.set(c.id, [...(seenAt.get(c.id) ?? []), read]); counted.add(item); } };
    };
    const run = await runChecksFrom({ ...input, reader, keep });
    expect(run.results).toEqual(inMemory.results.map(withoutItems));
    // Not vacuous: every folded check has a population, and its artifacts were kept.
    for (const r of inMemory.results) expect(r.population).toBeGreaterThan(0);
    expect(run.results.every((r) => r.items.length === 0 && r.itemArtifacts!.length > 0)).toBe(true);
    // The streaming checks over tool calls and prompts handed their first item before their last batch was read.
    const byCheck = new Map(controls.map((c) => [c.check, c.id]));
    for (const check of ['agent.tool-authorization', 'agent.human-approval', 'agent.prompt-pii']) {
      const at = seenAt.get(byCheck.get(check)!)!;
      expect(at.length).toBe(inMemory.results.find((r) => r.check === check)!.population);
      expect(at[0]).toBeLessThan(at[at.length - 1]);
    }
  });

  it('counts a kind a check requires but does not read, and refuses it to the check', async () => {
    const { reader, reads } = countingReader(agentRecords());
    const controls = builtInControls.filter((c) => c.check === 'agent.incident-coverage');
    const run = await runChecksFrom({ ...window, controls, reader });
    // Tool calls count as evidence that agents ran (no "No ... records collected" note), yet are never read.
    expect(run).toEqual(runChecks({ ...window, controls, records: agentRecords() }));
    expect(run.results[0].notes.join(' ')).not.toContain('records collected');
    expect(reads.has('tool_call')).toBe(false);
    expect(reads.has('agent_run')).toBe(false);
    const checks: Record<string, Check> = { peeks: { id: 'peeks', title: 'reads what it only requires', requires: ['tool_call'], reads: ['person'], run: (ctx) => ({ populationQuery: String(ctx.records.tool_call?.map((c) => c.spanId)), items: [], exceptions: [] }) } };
    const peeked = await runChecksFrom({ ...window, checks, controls: [control('XX-01', 'peeks')], reader: recordSetReader(agentRecords()) });
    expect(peeked.results[0]).toMatchObject({ status: 'not_tested', error: expect.stringContaining('tool_call records were counted, not loaded') });
  });

  it('streams a check its kinds in batches, a kind listed twice read twice, and never loads them whole', async () => {
    const { reader, reads } = countingReader(identityRecords());
    const seen: string[] = [];
    const stream: CheckStream = {
      kinds: ['access_event', 'sign_in', 'access_event'],
      start: (ctx) => ({
        add: (kind, batch, pass) => seen.push(`${pass}:${kind}:${batch.length}:${ctx.records.person?.length}`),
        finish: () => ({ populationQuery: 'q', items: [{ id: 'x', subject: 'x', trace: [] }], exceptions: [] }),
      }),
    };
    const greedy: CheckStream = { kinds: ['access_event'], start: (ctx) => ({ add: () => undefined, finish: () => ({ populationQuery: String(ctx.records.access_event?.length), items: [], exceptions: [] }) }) };
    const checks: Record<string, Check> = {
      folded: { id: 'folded', title: 'streams', requires: ['access_event'], reads: ['access_event', 'sign_in', 'person'], stream, run: (ctx) => runStream(stream, ctx) },
      greedy: { id: 'greedy', title: 'reads a streamed kind whole', requires: [], reads: ['access_event'], stream: greedy, run: (ctx) => runStream(greedy, ctx) },
      absent: { id: 'absent', title: 'requires what is missing', requires: ['tool_call'], reads: ['tool_call', 'access_event'], stream, run: (ctx) => runStream(stream, ctx) },
    };
    const run = await runChecksFrom({ ...window, checks, controls: [control('XX-01', 'folded'), control('XX-02', 'greedy'), control('XX-03', 'absent')], reader });
    expect(seen).toEqual(['0:access_event:11:3', '1:sign_in:5:3', '2:access_event:11:3']);
    expect(run.results[0]).toMatchObject({ status: 'pass', population: 1 });
    expect(run.results[1]).toMatchObject({ status: 'not_tested', error: expect.stringContaining('read access_event records whole') });
    expect(run.results[2]).toMatchObject({ status: 'insufficient_evidence', notes: [expect.stringContaining('No tool_call records')] });
    // access_event: twice for the first check's two passes (the second check, which fails as it starts, gets none of them); the third never starts.
    expect(reads.get('access_event')).toBe(2);
    expect(reads.get('sign_in')).toBe(1);
  });

  it('reads the identity log and the sign-in records twice each for the access and HR checks together (once more for MFA, read alone), with the results each gives alone', async () => {
    const records = identityRecords();
    const { reader, reads } = countingReader(records);
    const run = await runChecksFrom({ ...window, controls: builtInControls, reader });
    expect(run).toEqual(runChecks({ ...window, controls: builtInControls, records }));
    // Alone: access_event 9 times (deprovisioning 2, reconciliation 2, MFA 1, grants 1, three people checks 1 each), sign_in 4.
    // Together: twice each for the six checks read together, once each for MFA, which is read for alone.
    const streaming = builtInControls.filter((c) => c.check !== null && builtInChecks[c.check]?.stream?.kinds.includes('access_event'));
    expect(streaming.length).toBe(7);
    expect(streaming.filter((c) => builtInChecks[c.check!]?.stream?.alone).map((c) => c.check)).toEqual(['access.mfa-sso']);
    expect(reads.get('access_event')).toBe(3);
    expect(reads.get('sign_in')).toBe(3);
  });

  it('feeds checks that stream a kind in common from one read, each its passes in order, one failing alone', async () => {
    const { reader, reads } = countingReader(identityRecords());
    const seen: string[] = [];
    const made: string[] = [];
    const shared: unknown[] = [];
    const logging = (name: string, kinds: CheckStream['kinds'], fail?: number): CheckStream => ({
      kinds,
      start: (ctx) => {
        shared.push(sharedOf(ctx, 'thing', () => (made.push(name), { name })));
        return {
          add: (kind, batch, pass) => {
            if (pass === fail) throw new Error(`${name} fails`);
            seen.push(`${name}${pass}:${kind}:${batch.length}`);
          },
          finish: () => ({ populationQuery: name, items: [{ id: name, subject: name, trace: [] }], exceptions: [] }),
        };
      },
    });
    const streams = {
      a: logging('a', ['access_event', 'sign_in', 'access_event', 'sign_in']),
      b: logging('b', ['access_event', 'access_event', 'sign_in']),
      c: logging('c', ['sign_in']),
      d: logging('d', ['access_event', 'sign_in'], 1),
      e: logging('e', ['person']),
      f: { ...logging('f', ['access_event']), alone: true },
    };
    const checks: Record<string, Check> = Object.fromEntries(Object.entries(streams).map(([id, stream]) => [id, { id, title: id, requires: [], reads: [...new Set([...stream.kinds])], stream, run: (ctx: CheckContext) => runStream(stream, ctx) }]));
    const run = await runChecksFrom({ ...window, checks, controls: Object.keys(streams).map((id, i) => control(`XX-0${i + 1}`, id)), reader });
    expect(run.results.map((r) => [r.status, r.error ?? ''])).toEqual([['pass', ''], ['pass', ''], ['pass', ''], ['not_tested', expect.stringContaining('d fails')], ['pass', ''], ['pass', '']]);
    // One read of a kind feeds every check whose next pass it is; each check's passes come in its order.
    expect(seen).toEqual([
      'a0:access_event:11', 'b0:access_event:11', 'd0:access_event:11',
      'a1:sign_in:5', 'c0:sign_in:5',
      'a2:access_event:11', 'b1:access_event:11',
      'a3:sign_in:5', 'b2:sign_in:5',
      'e0:person:3',
      'f0:access_event:11',
    ]);
    // A check marked `alone` gets a read of its own.
    expect(reads.get('access_event')).toBe(3);
    expect(reads.get('sign_in')).toBe(2);
    // The checks of one group share what they make alike; a check in a group of its own makes its own.
    expect(made).toEqual(['a', 'e', 'f']);
    expect(shared.slice(0, 4).every((x) => x === shared[0])).toBe(true);
  });

  it('never counts a self-test probe, and says how many it left out', async () => {
    const records = setOf([probe('self', '2026-05-02T00:00:00.000Z', false, { selfTest: true })]);
    const controls = builtInControls.filter((c) => c.check === 'agent.tenant-isolation');
    const run = await runChecksFrom({ ...window, controls, reader: recordSetReader(records) });
    expect(run.results[0].status).toBe('insufficient_evidence');
    expect(run.results[0].notes.join(' ')).toContain('1 self-test probe run(s)');
    expect(run).toEqual(runChecks({ ...window, controls, records }));
  });
});

