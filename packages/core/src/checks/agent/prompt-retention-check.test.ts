import { describe, expect, it } from 'vitest';
import type { DeletionRequestRecord, TraceSummaryRecord } from '../../records/index.js';
import { promptRecord, rules, runCheck } from './agent-test-support.js';
import { promptRetentionCheck } from './prompt-retention-check.js';

const ws = { agent: { stores: [{ name: 'prompt-log', kind: 'prompt-log', retentionDays: 30, graceDays: 2 }, { name: 'traces', kind: 'trace', retentionDays: 30 }] } };
const params = { retentionDays: 30, graceDays: 2 };
const summary = (artifact: string, firstAt: string, lastAt: string): TraceSummaryRecord => ({
  kind: 'trace_summary', source: 'traces', artifact: artifact.repeat(64), locator: '/', spans: 10, modelCalls: 1, toolCalls: 1, agentRuns: 1, retrievals: 0,
  firstAt, lastAt, services: ['relay-agent'], oldestSpanId: `span-${artifact}`, store: 'traces',
});
const deletion = (extra: Partial<DeletionRequestRecord> = {}): DeletionRequestRecord => ({
  kind: 'deletion_request', source: 'dsr', artifact: 'd'.repeat(64), locator: '/0', id: 'DSR-1', subject: 'user-9', requestedAt: '2026-06-01T00:00:00.000Z', completedAt: '2026-06-05T00:00:00.000Z', stores: [], ...extra,
});

describe('agent.prompt-retention', () => {
  it('reports a store whose export holds a record older than retention + grace, citing the oldest record', () => {
    const out = runCheck(promptRetentionCheck, [
      promptRecord('old', { at: '2026-08-01T00:00:00.000Z' }),
      promptRecord('new', { at: '2026-09-29T00:00:00.000Z' }),
    ], ws, params);
    expect(rules(out)).toEqual(['retention.exceeded prompt-log']);
    expect(out.exceptions[0].citations[0].locator).toBe('line old');
    expect(out.exceptions[0].detail).toContain('record old');
  });

  it('does not report a record 31 days old when retention is 30 days with 2 days grace', () => {
    const out = runCheck(promptRetentionCheck, [
      promptRecord('a', { at: '2026-08-29T00:00:00.000Z' }),
      promptRecord('b', { at: '2026-09-29T00:00:00.000Z' }),
    ], ws, params);
    expect(out.exceptions).toEqual([]);
  });

  it('judges each monthly trace export against its own newest span, not the evidence date', () => {
    const out = runCheck(promptRetentionCheck, [
      summary('1', '2026-04-01T07:00:00.000Z', '2026-04-30T23:00:00.000Z'),
      summary('2', '2026-05-01T07:00:00.000Z', '2026-06-20T23:00:00.000Z'),
    ], ws, params);
    expect(rules(out)).toEqual(['retention.exceeded traces']);
    expect(out.exceptions[0].detail).toContain('span span-2');
  });

  it('reports a store with records but no declared retention', () => {
    const out = runCheck(promptRetentionCheck, [promptRecord('x', { store: 'langfuse' })], ws, params);
    expect(rules(out)).toEqual(['retention.undeclared langfuse']);
  });

  it('accepts a retention_declaration record as the declaration', () => {
    const out = runCheck(promptRetentionCheck, [
      promptRecord('x', { store: 'langfuse' }),
      { kind: 'retention_declaration', source: 'ws', artifact: 'e'.repeat(64), locator: '/', store: 'langfuse', retentionDays: 14 },
    ], {}, params);
    expect(out.exceptions).toEqual([]);
  });

  it('reports a completed deletion request whose subject still has records in a later export', () => {
    const out = runCheck(promptRetentionCheck, [
      deletion(),
      promptRecord('kept', { endUser: 'user-9', at: '2026-06-02T00:00:00.000Z' }),
      promptRecord('later', { at: '2026-06-20T00:00:00.000Z' }),
    ], ws, params);
    expect(rules(out)).toEqual(['deletion.not_honoured DSR-1']);
  });

  it('does not report a deletion when the subject\'s only records are newer than the completion or in older exports', () => {
    const out = runCheck(promptRetentionCheck, [
      deletion(),
      promptRecord('after', { endUser: 'user-9', at: '2026-06-06T00:00:00.000Z' }),
      { ...promptRecord('before', { endUser: 'user-9', at: '2026-06-02T00:00:00.000Z' }), artifact: 'f'.repeat(64) },
    ], ws, params);
    expect(out.exceptions).toEqual([]);
  });

  it('is insufficient evidence with no store declared or collected', () => {
    expect(runCheck(promptRetentionCheck, [], {}, params).status).toBe('insufficient_evidence');
  });
});
