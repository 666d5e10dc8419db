import type { AgentSpan } from '../otlp/agent-span.js';
import type { ResolvedAttributeNames } from '../otlp/otlp-config.js';
import type { AttrValue, Attrs } from '../otlp/otlp-values.js';
import type { LangfuseOptions } from './langfuse-config.js';

type Row = Record<string, unknown>;

/** The first present field among camelCase (API) and snake_case (blob export) spellings. */
const pick = (row: Row, ...names: string[]) => {
  for (const n of names) if (row[n] !== undefined && row[n] !== null && row[n] !== '') return row[n];
  return undefined;
};
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Langfuse timestamps: ISO, or the blob export's `YYYY-MM-DD HH:MM:SS.ffffff` in UTC. */
export function langfuseTime(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(s) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? `${s.replace(' ', 'T')}Z` : s;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Metadata as an object (the blob export may write it as JSON text). */
function metadataOf(v: unknown): Row {
  if (typeof v === 'string') {
    try {
      const parsed = JSON.parse(v);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : {};
}

/** Scalar metadata entries (and those of a nested `attributes` object, where Langfuse keeps OTel span attributes). */
function flatten(meta: Row): Attrs {
  const out: Attrs = {};
  const put = (o: Row) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as AttrValue[];
    }
  };
  put(meta);
  const nested = metadataOf(meta.attributes);
  put(nested);
  return out;
}

/** True for a trace row (legacy `traces/` export): it has no observation type. */
export const isTraceRow = (row: Row) => pick(row, 'type') === undefined && pick(row, 'traceId', 'trace_id') === undefined;

/** True when the row looks like a Langfuse trace or observation at all. */
export const isLangfuseRow = (row: Row) => typeof pick(row, 'id') === 'string' && (pick(row, 'startTime', 'start_time', 'timestamp') !== undefined);

const OPS: Record<string, string> = { GENERATION: 'chat', EMBEDDING: 'embeddings', TOOL: 'execute_tool', AGENT: 'invoke_agent', RETRIEVER: 'retrieval' };

/**
 * A Langfuse observation (or trace) as an agent span, with the GenAI attribute names the
 * OTLP collector reads: generations are model calls, TOOL observations (or SPANs whose
 * metadata says `type: TOOL` or names a `tool`) are tool calls, AGENT observations and traces
 * are agent runs, RETRIEVER observations retrievals. Input and output are content to scan.
 */
export function observationSpan(row: Row, locator: string, o: LangfuseOptions, names: ResolvedAttributeNames): AgentSpan {
  const meta = metadataOf(pick(row, 'metadata'));
  const attrs = flatten(meta);
  const trace = isTraceRow(row);
  const type = trace ? 'AGENT' : String(pick(row, 'type') ?? 'SPAN').toUpperCase();
  const toolName = str(meta.tool) ?? str(meta.toolName) ?? str(meta['gen_ai.tool.name']);
  const op = OPS[type] ?? (type === 'SPAN' && (String(meta.type ?? '').toUpperCase() === 'TOOL' || toolName) ? 'execute_tool' : undefined);
  if (op) attrs['gen_ai.operation.name'] = op;
  const name = str(pick(row, 'name')) ?? '';
  if (op === 'execute_tool') attrs['gen_ai.tool.name'] = toolName ?? name;
  const model = str(pick(row, 'model', 'providedModelName', 'provided_model_name'));
  if (model && (op === 'chat' || op === 'embeddings')) {
    attrs['gen_ai.request.model'] = str(meta['gen_ai.request.model']) ?? model;
    attrs['gen_ai.response.model'] = str(meta['gen_ai.response.model']) ?? model;
  }
  const usage = metadataOf(pick(row, 'usageDetails', 'usage_details', 'usage'));
  const input = usage.input ?? usage.promptTokens ?? usage.input_tokens;
  const output = usage.output ?? usage.completionTokens ?? usage.output_tokens;
  if (typeof input === 'number') attrs['gen_ai.usage.input_tokens'] = input;
  if (typeof output === 'number') attrs['gen_ai.usage.output_tokens'] = output;
  const user = str(pick(row, 'userId', 'user_id'));
  if (user && attrs[names.endUser[0]] === undefined) attrs[names.endUser[0]] = user;
  const tenant = [names.tenant, ...o.tenantKeys].map((k) => str(meta[k])).find(Boolean);
  if (tenant) attrs[names.tenant] = tenant;
  const session = str(pick(row, 'sessionId', 'session_id'));
  if (session) attrs['gen_ai.conversation.id'] = session;
  const id = String(pick(row, 'id'));
  const traceId = trace ? id : String(pick(row, 'traceId', 'trace_id') ?? id);
  const parent = str(pick(row, 'parentObservationId', 'parent_observation_id'));
  const start = langfuseTime(pick(row, 'startTime', 'start_time', 'timestamp'));
  const end = langfuseTime(pick(row, 'endTime', 'end_time'));
  const environment = str(pick(row, 'environment'));
  const service = o.service ?? str(meta['service.name']) ?? 'langfuse';
  return {
    traceId, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind: 0,
    ...(start ? { start } : {}), ...(end ? { end } : {}),
    status: String(pick(row, 'level') ?? '').toUpperCase() === 'ERROR' ? 'error' : 'unset',
    attrs, resource: { 'service.name': service, ...(environment ? { 'deployment.environment.name': environment } : {}) }, locator,
    content: [{ field: 'input', value: pick(row, 'input') }, { field: 'output', value: pick(row, 'output') }].filter((c) => c.value !== undefined),
  };
}
