import { z } from 'zod';
import { identityKey, instant, recordBase } from './base.js';

/**
 * An end user as records hold one: the workspace's keyed hash of the id or email (`h:` and 24
 * hex characters, HMAC-SHA256 with the workspace secret), never the identifier itself. The
 * collectors hash it; a record that carries a clear value is refused when it is stored.
 */
export const endUserPseudonym = z.string().regex(/^h:[0-9a-f]{24}$/, 'an end user is stored as its keyed hash (h: and 24 hex characters), never as the id or email itself');

/** The credential a tool call was made with, as the span's authorization attributes show it. */
export const credentialSchema = z.object({
  subject: z.string().optional(),
  actor: z.string().optional(),
  audience: z.string().optional(),
  scopes: z.array(z.string()).default([]),
  grantType: z.string().optional(),
  credentialId: z.string().optional(),
  /** The tenant the credential was issued for (`app.authz.tenant`), when the platform records it. */
  tenant: z.string().optional(),
});

/** An approval attached to a tool call (human in the loop). */
export const approvalSchema = z.object({
  approver: z.string().min(1),
  at: instant.optional(),
  id: z.string().optional(),
});

/**
 * One tool call by an agent (an `execute_tool` span or an MCP `tools/call` span). Every tool
 * call is kept: it is the population the authorization checks test.
 */
export const toolCallSchema = z.object({
  kind: z.literal('tool_call'),
  ...recordBase,
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  parentSpanId: z.string().optional(),
  at: instant,
  service: z.string().optional(),
  environment: z.string().optional(),
  agent: z.string().optional(),
  tool: z.string().min(1),
  toolCallId: z.string().optional(),
  /** `execute_tool` or `mcp` */
  protocol: z.string().default('execute_tool'),
  tenant: z.string().optional(),
  endUser: endUserPseudonym.optional(),
  credential: credentialSchema.optional(),
  approval: approvalSchema.optional(),
  /** Declared argument attributes (e.g. a refund amount) the human-approval threshold reads. */
  args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** ok | error | unset */
  status: z.string().default('unset'),
});
export type ToolCallRecord = z.infer<typeof toolCallSchema>;
/** Identity of a tool call: its trace and span ids. */
export const toolCallIdentity = (r: ToolCallRecord): string => identityKey(r.traceId, r.spanId);

/** One agent run (a root `invoke_agent` / `create_agent` span). */
export const agentRunSchema = z.object({
  kind: z.literal('agent_run'),
  ...recordBase,
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  at: instant,
  endedAt: instant.optional(),
  service: z.string().optional(),
  environment: z.string().optional(),
  agent: z.string().optional(),
  tenant: z.string().optional(),
  endUser: endUserPseudonym.optional(),
  status: z.string().default('unset'),
});
export type AgentRunRecord = z.infer<typeof agentRunSchema>;
/** Identity of an agent run: its trace and span ids. */
export const agentRunIdentity = (r: AgentRunRecord): string => identityKey(r.traceId, r.spanId);

/**
 * A model seen serving calls, aggregated per artifact, service, environment, provider and
 * requested/response model: first and last seen, call count, and the first span as citation.
 */
export const modelObservationSchema = z.object({
  kind: z.literal('model_observation'),
  ...recordBase,
  service: z.string().min(1),
  environment: z.string().min(1),
  provider: z.string().optional(),
  operation: z.string().optional(),
  requestedModel: z.string().optional(),
  responseModel: z.string().min(1),
  firstSeenAt: instant,
  lastSeenAt: instant,
  calls: z.number().int().positive(),
  inputTokens: z.number().nonnegative().optional(),
  outputTokens: z.number().nonnegative().optional(),
  firstSpanId: z.string().min(1),
  firstTraceId: z.string().optional(),
});
export type ModelObservationRecord = z.infer<typeof modelObservationSchema>;
/**
 * Identity of a model observation: service, environment, provider, operation, requested and
 * response model, and the first span that showed it (an overlapping trace export that starts at
 * the same span restates the observation; one that starts elsewhere is another aggregate).
 */
export const modelObservationIdentity = (r: ModelObservationRecord): string =>
  identityKey(r.service, r.environment, r.provider, r.operation, r.requestedModel, r.responseModel, r.firstTraceId, r.firstSpanId);

/** A retrieval whose results came from another tenant than the request's: always kept. */
export const retrievalSchema = z.object({
  kind: z.literal('retrieval'),
  ...recordBase,
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  at: instant,
  service: z.string().optional(),
  environment: z.string().optional(),
  store: z.string().optional(),
  tenant: z.string().optional(),
  resultTenants: z.array(z.string()).default([]),
  crossTenant: z.boolean(),
});
export type RetrievalRecord = z.infer<typeof retrievalSchema>;
/** Identity of a retrieval: its trace and span ids. */
export const retrievalIdentity = (r: RetrievalRecord): string => identityKey(r.traceId, r.spanId);

/** Counts of what one trace artifact held (the spans we did not keep one by one). */
export const traceSummarySchema = z.object({
  kind: z.literal('trace_summary'),
  ...recordBase,
  spans: z.number().int().nonnegative(),
  modelCalls: z.number().int().nonnegative(),
  toolCalls: z.number().int().nonnegative(),
  agentRuns: z.number().int().nonnegative(),
  retrievals: z.number().int().nonnegative(),
  firstAt: instant.optional(),
  lastAt: instant.optional(),
  services: z.array(z.string()).default([]),
  /** The oldest span (for retention of trace stores). */
  oldestSpanId: z.string().optional(),
  store: z.string().optional(),
});
export type TraceSummaryRecord = z.infer<typeof traceSummarySchema>;

/**
 * One stored prompt/completion record, as metadata only: never the text. PII is counted by
 * type with redacted excerpts.
 */
export const promptRecordSchema = z.object({
  kind: z.literal('prompt_record'),
  ...recordBase,
  store: z.string().min(1),
  id: z.string().min(1),
  at: instant,
  /** The deployment environment the record came from, when known (staging records are not production evidence). */
  environment: z.string().optional(),
  tenant: z.string().optional(),
  endUser: endUserPseudonym.optional(),
  conversation: z.string().optional(),
  role: z.string().optional(),
  /** Where the content was found: `prompt-log` or a span attribute name. */
  field: z.string().optional(),
  chars: z.number().int().nonnegative().default(0),
  pii: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** Validated high-risk PII types found (payment card with Luhn, SSN with context…). */
  highRisk: z.array(z.string()).default([]),
  /** Redacted excerpts: the value itself masked. */
  excerpts: z.array(z.string()).default([]),
});
export type PromptRecordRecord = z.infer<typeof promptRecordSchema>;
/** Identity of a prompt record: the store, the record's id there, and the field and role it came from. */
export const promptRecordIdentity = (r: PromptRecordRecord): string => identityKey(r.store, r.id, r.field, r.role);
