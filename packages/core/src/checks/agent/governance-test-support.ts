import type { CheckContext } from '../check.js';
import type { EvalRunRecord, FieldworkRecord, IncidentRecord, IsolationProbeRecord, ModelChangeRecord, ModelObservationRecord, RecordSet, RetrievalRecord } from '../../records/index.js';

/** Test records for the governance checks: a fixed artifact, a source per kind. */
const cite = (source: string, locator: string) => ({ source, artifact: 'b'.repeat(64), locator });

export function observation(model: string, firstSeenAt: string, extra: Partial<ModelObservationRecord> = {}): ModelObservationRecord {
  return {
    kind: 'model_observation', ...cite('traces', `line 1#${model}`), service: 'support-agent', environment: 'production', provider: 'openai',
    responseModel: model, firstSeenAt, lastSeenAt: extra.lastSeenAt ?? '2026-09-20T00:00:00.000Z', calls: 10, firstSpanId: `span-${model}`, ...extra,
  };
}

export function change(id: string, toModel: string, at: string, extra: Partial<ModelChangeRecord> = {}): ModelChangeRecord {
  return {
    kind: 'model_change', ...cite('model-changes', `/changes/${id}`), id, service: 'support-agent', environment: 'production', toModel, at,
    ticket: `ENG-${id}`, requestedBy: 'ana@example.com', approvedBy: 'raj@example.com', approvedAt: at, evalIds: [], ...extra,
  };
}

export function evalRun(id: string, model: string, finishedAt: string, extra: Partial<EvalRunRecord> = {}): EvalRunRecord {
  return { kind: 'eval_run', ...cite('evals', `/runs/${id}`), id, model, heldOut: true, score: 0.9, threshold: 0.8, passed: true, finishedAt, ...extra };
}

export function probe(runId: string, at: string, leaked = false, extra: Partial<IsolationProbeRecord> = {}): IsolationProbeRecord {
  const ops = ['query', 'get', 'update', 'delete'] as const;
  return {
    kind: 'isolation_probe', ...cite('probe', '/'), runId, store: 'support-memory', adapter: 'memory', at, tenants: ['a', 'b'], canaries: 2,
    attempts: [...ops.map((op) => ({ op, fromTenant: 'a', targetTenant: 'b', outcome: leaked && op === 'get' ? 'leaked' as const : 'denied' as const })), { op: 'no_tenant' as const, outcome: 'denied' as const }],
    leaks: leaked ? 1 : 0, passed: !leaked, ...extra,
  };
}

export function retrieval(spanId: string, at: string, extra: Partial<RetrievalRecord> = {}): RetrievalRecord {
  return { kind: 'retrieval', ...cite('traces', `line 9#${spanId}`), traceId: `trace-${spanId}`, spanId, at, service: 'support-agent', environment: 'production', store: 'kb', tenant: 'acme', resultTenants: ['acme', 'globex'], crossTenant: true, ...extra };
}

export function incidentRec(key: string, extra: Partial<IncidentRecord> = {}): IncidentRecord {
  return { kind: 'incident', ...cite('incidents', `/incidents/${key}`), key, title: key, opened: '2026-06-01T10:00:00.000Z', relatedRefs: [], ...extra };
}

export function setOf(records: FieldworkRecord[]): RecordSet {
  const set: Record<string, FieldworkRecord[]> = {};
  for (const r of records) (set[r.kind] ??= []).push(r);
  return set as RecordSet;
}

/** A check context over the demo's Type II window. */
export function contextOf(records: FieldworkRecord[], params: Record<string, unknown> = {}, workspace: Record<string, unknown> = {}): CheckContext {
  return { period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'America/Los_Angeles', asOf: '2026-09-30', params, records: setOf(records), workspace };
}
