import { agentAttributeNamesSchema } from '@fieldwork/core';
import type { AgentAttributeNames } from '@fieldwork/core';
import { z } from 'zod';

/**
 * The attribute names the agent collectors read by default. Tenant and credential attributes
 * are not defined by OpenTelemetry: these are Fieldwork's conventions, and a platform with
 * its own names overrides them (`options.attributes`).
 */
export const DEFAULT_AGENT_ATTRIBUTES = {
  tenant: 'tenant.id',
  endUser: ['enduser.id', 'enduser.pseudo.id'],
  authzSubject: 'app.authz.subject',
  authzActor: 'app.authz.actor',
  authzAudience: 'app.authz.audience',
  authzScope: 'app.authz.scope',
  authzGrantType: 'app.authz.grant_type',
  credentialId: 'app.authz.credential_id',
  credentialTenant: 'app.authz.tenant',
  approvalApprover: 'app.approval.approver',
  approvalAt: 'app.approval.at',
  approvalId: 'app.approval.id',
  retrievalResultTenants: 'app.retrieval.result_tenants',
} as const;

/** Attribute names after overrides (end user as a list tried in order). */
export type ResolvedAttributeNames = Omit<Required<AgentAttributeNames>, 'endUser'> & { endUser: string[] };

/** The defaults with a workspace's or source's overrides applied. */
export function resolveAttributeNames(overrides: AgentAttributeNames | undefined): ResolvedAttributeNames {
  const o = overrides ?? {};
  const endUser = o.endUser === undefined ? [...DEFAULT_AGENT_ATTRIBUTES.endUser] : Array.isArray(o.endUser) ? o.endUser : [o.endUser];
  return { ...DEFAULT_AGENT_ATTRIBUTES, ...o, endUser } as ResolvedAttributeNames;
}

/** GenAI attributes that may hold prompt or completion text (OpenTelemetry GenAI conventions). */
export const CONTENT_ATTRIBUTES = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  // Deprecated span-attribute forms still written by older instrumentations.
  'gen_ai.prompt',
  'gen_ai.completion',
] as const;

/** Options of the `otlp-json` source (and, for the shared parts, `langfuse-export`). */
export const otlpOptionsSchema = z.object({
  /** Attribute name overrides (tenant, end user, credential, approval, retrieval result tenants). */
  attributes: agentAttributeNamesSchema.optional(),
  /** The agent's own principals (default: agent.serviceIdentities): credential subjects kept by name; every other subject is stored as its keyed hash. */
  serviceIdentities: z.array(z.string().min(1)).default([]),
  /** The store name these traces count against for retention (default: the source name). */
  store: z.string().min(1).optional(),
  /** Span attributes copied onto tool calls as arguments, by prefix (scalars only, strings up to 200 characters). */
  argumentPrefixes: z.array(z.string().min(1)).default(['app.']),
  /** `pii`: a prompt_record only for content with PII; `all`: one for every content attribute; `none`: do not scan. */
  promptRecords: z.enum(['pii', 'all', 'none']).default('pii'),
  /** Traces whose root agent span has not arrived yet, held at most (the oldest is completed without it beyond this). */
  maxPendingTraces: z.number().int().positive().default(100_000),
  /** Trace contexts (tenant, end user, agent of a root span) remembered for late children. */
  maxTraceContexts: z.number().int().positive().default(100_000),
}).strict();
export type OtlpOptions = z.infer<typeof otlpOptionsSchema>;
