import type { FieldworkRecord, ModelObservationRecord, PromptRecordRecord, RetrievalRecord, ToolCallRecord } from '@fieldwork/core/records';
import { scanContent, textsOf } from '../prompt-log/scan-content.js';
import type { AgentSpan } from './agent-span.js';
import { classify } from './agent-span.js';
import { EvictionQueue } from './eviction-queue.js';
import { CONTENT_ATTRIBUTES } from './otlp-config.js';
import type { ResolvedAttributeNames } from './otlp-config.js';
import { list, text } from './otlp-values.js';
import { approvalOf, argsOf, credentialOf, fromResource, own, providerOf, serviceOf, tokensOf, toolNameOf } from './span-fields.js';

type Cite = (locator: string) => { source: string; artifact: string; locator: string };

/** Who a trace's work is for, from its root agent span. */
interface TraceContext {
  tenant?: string;
  endUser?: string;
  agent?: string;
}

/** Span attribute, then the root's, then the span's resource. */
function who(l: Local, root: TraceContext | undefined): TraceContext {
  return {
    tenant: l.own.tenant ?? root?.tenant ?? l.resource.tenant,
    endUser: l.own.endUser ?? root?.endUser ?? l.resource.endUser,
    agent: l.own.agent ?? root?.agent ?? l.resource.agent,
  };
}

interface Local {
  own: TraceContext;
  resource: TraceContext;
}

/** A record waiting for its trace's root span, holding only what it needs (never content); called exactly once. */
type Pending = (root: TraceContext | undefined) => FieldworkRecord | undefined;

export interface AssemblerOptions {
  names: ResolvedAttributeNames;
  argumentPrefixes: string[];
  promptRecords: 'pii' | 'all' | 'none';
  store: string;
  maxPendingTraces: number;
  maxTraceContexts: number;
}

/**
 * Turns the spans of one artifact into records. Tool calls, cross-tenant retrievals and
 * prompt records take the tenant and end user of their trace's root agent span when they do
 * not carry their own; since children usually end (and are exported) before their root, they
 * wait for it. Memory is bounded: waiting records of at most `maxPendingTraces` traces, one
 * small context per trace (at most `maxTraceContexts`), and one aggregate per distinct model.
 */
export class SpanAssembler {
  readonly #o: AssemblerOptions;
  readonly #cite: Cite;
  readonly #contexts = new Map<string, TraceContext>();
  readonly #pending = new Map<string, Pending[]>();
  /** Oldest-first eviction of both maps in constant time (see EvictionQueue). Contexts leave only by eviction. */
  readonly #contextOrder = new EvictionQueue<string, undefined>((k) => this.#contexts.has(k));
  readonly #pendingOrder = new EvictionQueue<string, Pending[]>((k, list) => this.#pending.get(k) === list);
  readonly #models = new Map<string, ModelObservationRecord>();
  readonly #services = new Set<string>();
  #spans = 0;
  #counts = { modelCalls: 0, toolCalls: 0, agentRuns: 0, retrievals: 0 };
  #first?: { at: string; spanId: string; locator: string };
  #last?: string;

  constructor(options: AssemblerOptions, cite: Cite) {
    this.#o = Object.freeze({ ...options });
    this.#cite = cite;
  }

  /** Records the span completes now (its own, and any that were waiting for it as their root). */
  push(span: AgentSpan): FieldworkRecord[] {
    this.#spans++;
    // Once per span: every record the span makes names its service and environment.
    const svc = serviceOf(span);
    if (svc.service) this.#services.add(svc.service);
    if (span.start) {
      if (!this.#first || span.start < this.#first.at) this.#first = { at: span.start, spanId: span.spanId, locator: span.locator };
      if (!this.#last || span.start > this.#last) this.#last = span.start;
    }
    const out: FieldworkRecord[] = [];
    const { cls, protocol } = classify(span);
    if (cls === 'model') this.#model(span, svc);
    else if (cls === 'agent') this.#agent(span, svc, out);
    else if (cls === 'tool') this.#defer(span, this.#tool(span, protocol ?? 'execute_tool', svc), true, out);
    else if (cls === 'retrieval') this.#defer(span, this.#retrieval(span, svc), false, out);
    if (this.#o.promptRecords !== 'none') this.#prompts(span, svc, out);
    return out;
  }

  /** Everything still waiting (completed without a root), the model aggregates and the artifact summary. */
  finish(): FieldworkRecord[] {
    const out: FieldworkRecord[] = [];
    for (const [traceId, list] of this.#pending) for (const p of list) this.#emit(p(this.#contexts.get(traceId)), out);
    this.#pending.clear();
    out.push(...this.#models.values());
    out.push({
      kind: 'trace_summary', ...this.#cite(''), spans: this.#spans, ...this.#counts,
      ...(this.#first ? { firstAt: this.#first.at, oldestSpanId: this.#first.spanId } : {}),
      ...(this.#last ? { lastAt: this.#last } : {}),
      services: [...this.#services].sort(), store: this.#o.store,
    });
    return out;
  }

  #emit(r: FieldworkRecord | undefined, out: FieldworkRecord[]): void {
    if (r) out.push(r);
  }

  /** Emits now when the span names its own tenant (and end user, when `needsEndUser`) or its trace's root has been seen; else waits. */
  #defer(span: AgentSpan, p: Pending, needsEndUser: boolean, out: FieldworkRecord[]): void {
    const n = this.#o.names;
    const root = this.#contexts.get(span.traceId);
    if (root || (own(span, n.tenant) !== undefined && (!needsEndUser || own(span, ...n.endUser) !== undefined))) return this.#emit(p(root), out);
    let list = this.#pending.get(span.traceId);
    if (!list) {
      if (this.#pending.size >= this.#o.maxPendingTraces) {
        const oldest = this.#pendingOrder.shift()!;
        const waiting = this.#pending.get(oldest)!;
        this.#pending.delete(oldest);
        for (const w of waiting) this.#emit(w(undefined), out);
      }
      this.#pending.set(span.traceId, (list = []));
      this.#pendingOrder.push(span.traceId, list, this.#pending.size);
    }
    list.push(p);
  }

  /** The span's own and resource-level tenant, end user and agent (small strings a waiting record may keep). */
  #local(span: AgentSpan): Local {
    const n = this.#o.names;
    return {
      own: { tenant: own(span, n.tenant), endUser: own(span, ...n.endUser), agent: own(span, 'gen_ai.agent.name') },
      resource: { tenant: fromResource(span, n.tenant), endUser: fromResource(span, ...n.endUser), agent: fromResource(span, 'gen_ai.agent.name') },
    };
  }

  #agent(span: AgentSpan, svc: { service?: string; environment?: string }, out: FieldworkRecord[]): void {
    this.#counts.agentRuns++;
    const ctx = who(this.#local(span), undefined);
    // A parentless agent span is the root; a nested one sets the context only if none is known.
    if (!span.parentSpanId || !this.#contexts.has(span.traceId)) {
      if (this.#contexts.size >= this.#o.maxTraceContexts) this.#contexts.delete(this.#contextOrder.shift()!);
      if (!this.#contexts.has(span.traceId)) this.#contextOrder.push(span.traceId, undefined, this.#contexts.size + 1);
      this.#contexts.set(span.traceId, ctx);
    }
    const waiting = this.#pending.get(span.traceId);
    if (waiting) {
      this.#pending.delete(span.traceId);
      for (const p of waiting) this.#emit(p(this.#contexts.get(span.traceId)), out);
    }
    const { service, environment } = svc;
    out.push({
      kind: 'agent_run', ...this.#cite(span.locator), traceId: span.traceId, spanId: span.spanId, at: span.start!,
      ...(span.end ? { endedAt: span.end } : {}), ...(service ? { service } : {}), ...(environment ? { environment } : {}),
      ...(ctx.agent ? { agent: ctx.agent } : {}), ...(ctx.tenant ? { tenant: ctx.tenant } : {}), ...(ctx.endUser ? { endUser: ctx.endUser } : {}),
      status: span.status,
    });
  }

  #model(span: AgentSpan, svc: { service?: string; environment?: string }): void {
    this.#counts.modelCalls++;
    const { service = 'unknown_service', environment = 'unknown' } = svc;
    const provider = providerOf(span);
    const requested = text(span.attrs['gen_ai.request.model'] ?? undefined);
    const response = text(span.attrs['gen_ai.response.model'] ?? undefined) ?? requested;
    if (!response || !span.start) return;
    const key = [service, environment, provider ?? '', requested ?? '', response].join('\u0000');
    const tokens = tokensOf(span);
    const m = this.#models.get(key);
    if (!m) {
      const op = text(span.attrs['gen_ai.operation.name'] ?? undefined);
      this.#models.set(key, {
        kind: 'model_observation', ...this.#cite(span.locator), service, environment,
        ...(provider ? { provider } : {}), ...(op ? { operation: op } : {}), ...(requested ? { requestedModel: requested } : {}),
        responseModel: response, firstSeenAt: span.start, lastSeenAt: span.start, calls: 1,
        ...(tokens.input !== undefined ? { inputTokens: tokens.input } : {}), ...(tokens.output !== undefined ? { outputTokens: tokens.output } : {}),
        firstSpanId: span.spanId, firstTraceId: span.traceId,
      });
      return;
    }
    m.calls++;
    if (span.start < m.firstSeenAt) Object.assign(m, { firstSeenAt: span.start, firstSpanId: span.spanId, firstTraceId: span.traceId, ...this.#cite(span.locator) });
    if (span.start > m.lastSeenAt) m.lastSeenAt = span.start;
    if (tokens.input !== undefined) m.inputTokens = (m.inputTokens ?? 0) + tokens.input;
    if (tokens.output !== undefined) m.outputTokens = (m.outputTokens ?? 0) + tokens.output;
  }

  #tool(span: AgentSpan, protocol: 'execute_tool' | 'mcp', svc: { service?: string; environment?: string }): Pending {
    this.#counts.toolCalls++;
    const n = this.#o.names;
    const { service, environment } = svc;
    const base: ToolCallRecord = {
      kind: 'tool_call', ...this.#cite(span.locator), traceId: span.traceId, spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}), at: span.start!,
      ...(service ? { service } : {}), ...(environment ? { environment } : {}),
      tool: toolNameOf(span), protocol, args: argsOf(span, n, this.#o.argumentPrefixes), status: span.status,
    };
    const callId = own(span, 'gen_ai.tool.call.id', 'mcp.request.id');
    if (callId) base.toolCallId = callId;
    const credential = credentialOf(span, n);
    if (credential) base.credential = credential;
    const approval = approvalOf(span, n);
    if (approval) base.approval = approval;
    const local = this.#local(span);
    // Called once (a pending record is emitted exactly once), so it completes `base` itself
    // instead of copying it. Keys in the same order as before (agent, tenant, endUser after the
    // base): the stored JSON is unchanged.
    return (root) => {
      const w = who(local, root);
      if (w.agent) base.agent = w.agent;
      if (w.tenant) base.tenant = w.tenant;
      if (w.endUser) base.endUser = w.endUser;
      return base;
    };
  }

  #retrieval(span: AgentSpan, svc: { service?: string; environment?: string }): Pending {
    this.#counts.retrievals++;
    const results = [...new Set(list(span.attrs[this.#o.names.retrievalResultTenants] ?? undefined))];
    const { service, environment } = svc;
    const store = own(span, 'gen_ai.data_source.id', 'db.collection.name', 'db.namespace');
    const local = this.#local(span);
    const { traceId, spanId, locator } = span;
    const at = span.start!;
    return (root) => {
      const tenant = who(local, root).tenant;
      if (results.length === 0 || results.every((t) => t === tenant)) return undefined;
      const r: RetrievalRecord = {
        kind: 'retrieval', ...this.#cite(locator), traceId, spanId, at,
        ...(service ? { service } : {}), ...(environment ? { environment } : {}), ...(store ? { store } : {}),
        ...(tenant ? { tenant } : {}), resultTenants: results, crossTenant: true,
      };
      return r;
    };
  }

  /** Scans content attributes now, so nothing that waits holds text: only counts and redacted excerpts. */
  #prompts(span: AgentSpan, svc: { service?: string; environment?: string }, emitted: FieldworkRecord[]): void {
    const found: { field: string; value: unknown }[] = [...(span.content ?? [])];
    for (const a of CONTENT_ATTRIBUTES) if (span.attrs[a] !== undefined && span.attrs[a] !== null) found.push({ field: a, value: span.attrs[a] });
    // Most spans carry no content: nothing to scan, nothing to build.
    if (found.length === 0) return;
    const out: Pending[] = [];
    const local = this.#local(span);
    const { spanId, locator } = span;
    const { environment } = svc;
    const conversation = text(span.attrs['gen_ai.conversation.id'] ?? undefined) ?? span.traceId;
    for (const { field, value } of found) {
      const scan = scanContent(textsOf(value));
      if (this.#o.promptRecords === 'pii' && Object.keys(scan.pii).length === 0) continue;
      const at = span.start;
      if (!at) continue;
      out.push((root) => {
        const w = who(local, root);
        const r: PromptRecordRecord = {
          kind: 'prompt_record', ...this.#cite(locator), store: this.#o.store, id: `${spanId}:${field}`, at,
          ...(environment ? { environment } : {}),
          ...(w.tenant ? { tenant: w.tenant } : {}), ...(w.endUser ? { endUser: w.endUser } : {}),
          conversation, field, ...scan,
        };
        return r;
      });
    }
    for (const p of out) this.#defer(span, p, true, emitted);
  }
}

