import type { CheckContext, CheckOutcome } from '../check.js';
import type { Check } from '../check.js';
import type { FieldworkRecord, IncidentRecord, PromptRecordRecord, RecordSet, ToolCallRecord } from '../../records/index.js';

/** Test records for the agent checks: a fixed artifact and citation. */
const base = (locator: string) => ({ source: 'traces', artifact: 'a'.repeat(64), locator });

export function toolCall(spanId: string, extra: Partial<ToolCallRecord> = {}): ToolCallRecord {
  return {
    kind: 'tool_call', ...base(`line 1#${spanId}`), traceId: `t-${spanId}`, spanId, at: '2026-05-10T12:00:00.000Z',
    service: 'relay-agent', environment: 'production', agent: 'relay', tool: 'crm.lookup', protocol: 'execute_tool',
    tenant: 'acme', endUser: 'user-1', args: {}, status: 'ok', ...extra,
  };
}

export function promptRecord(id: string, extra: Partial<PromptRecordRecord> = {}): PromptRecordRecord {
  return { kind: 'prompt_record', ...base(`line ${id}`), store: 'prompt-log', id, at: '2026-05-10T12:00:00.000Z', chars: 10, pii: {}, highRisk: [], excerpts: [], ...extra };
}

export function incident(key: string, relatedRefs: string[]): IncidentRecord {
  return { kind: 'incident', ...base(`/${key}`), key, opened: '2026-05-11T00:00:00.000Z', relatedRefs };
}

export function recordSet(records: FieldworkRecord[]): RecordSet {
  const set: Record<string, FieldworkRecord[]> = {};
  for (const r of records) (set[r.kind] ??= []).push(r);
  return set as RecordSet;
}

/** Runs a check over records with a workspace, for the Relay demo period. */
export function runCheck(check: Check, records: FieldworkRecord[], workspace: Record<string, unknown> = {}, params: Record<string, unknown> = {}, asOf = '2026-09-30'): CheckOutcome {
  const ctx: CheckContext = { period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', params, records: recordSet(records), asOf, workspace };
  return check.run(ctx);
}

export const rules = (o: CheckOutcome) => o.exceptions.map((e) => `${e.rule} ${e.subject}`).sort();
