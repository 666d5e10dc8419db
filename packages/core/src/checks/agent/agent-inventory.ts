import { z } from 'zod';
import type { WorkspaceFacts } from '../check.js';

/** How a tool authenticates when an agent calls it. */
export const toolIdentityModes = ['delegated-user', 'tenant-service', 'agent-service'] as const;
export type ToolIdentityMode = (typeof toolIdentityModes)[number];

/**
 * How far an agent acts on its own with a tool: `assistive` — it proposes, a person acts;
 * `supervised` — it acts once a person approves each call; `bounded` — it acts alone within
 * declared limits and a person approves beyond them; `autonomous` — it acts alone.
 */
export const toolAutonomyLevels = ['assistive', 'supervised', 'bounded', 'autonomous'] as const;
export type ToolAutonomy = (typeof toolAutonomyLevels)[number];

/**
 * How a person oversees a tool's calls: approval before every call, approval above a threshold,
 * review after the fact, monitoring with alerts, or none.
 */
export const toolOversightMechanisms = ['approval-before-call', 'approval-above-threshold', 'review-after-call', 'monitoring', 'none'] as const;
export type ToolOversight = (typeof toolOversightMechanisms)[number];

/**
 * One tool of the workspace `tools:` inventory: what it is for, which credential it must be
 * called with, and when a human must approve a call.
 */
export const toolDeclarationSchema = z.object({
  name: z.string().min(1).describe('The tool name as spans carry it (gen_ai.tool.name).'),
  environment: z.string().min(1).optional().describe('Only calls in this environment match this entry (default: every environment).'),
  resource: z.string().min(1).optional().describe('The API the credential must be for (token audience), exactly.'),
  audience: z.string().min(1).optional().describe('Synonym of resource.'),
  requiredScopes: z.array(z.string().min(1)).default([]).describe('The scopes the tool needs; a credential may carry these and no others.'),
  identity: z.enum(toolIdentityModes).describe('delegated-user: the end user\'s token via token exchange; tenant-service: the tenant\'s service principal; agent-service: the agent\'s own identity (needs a justification).'),
  justification: z.string().min(1).optional(),
  risk: z.enum(['low', 'medium', 'high']).default('low'),
  approvalThreshold: z.object({
    argument: z.string().min(1).describe('Span attribute holding the amount, e.g. app.refund.amount.'),
    above: z.number().describe('A human approves calls whose amount is strictly greater than this.'),
  }).strict().optional(),
  autonomy: z.enum(toolAutonomyLevels).optional().describe('How far the agent acts alone with this tool: assistive, supervised, bounded or autonomous (AI system register).'),
  oversight: z.enum(toolOversightMechanisms).optional().describe('How a person oversees its calls: approval-before-call, approval-above-threshold, review-after-call, monitoring or none (default: approval-above-threshold when approvalThreshold is set).'),
}).strict();
export type ToolDeclaration = z.infer<typeof toolDeclarationSchema>;

/** Span attribute names the agent collectors read, when a platform does not use the defaults. */
export const agentAttributeNamesSchema = z.object({
  tenant: z.string().min(1).optional(),
  /** Tried in order; the first present wins. */
  endUser: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  authzSubject: z.string().min(1).optional(),
  authzActor: z.string().min(1).optional(),
  authzAudience: z.string().min(1).optional(),
  authzScope: z.string().min(1).optional(),
  authzGrantType: z.string().min(1).optional(),
  credentialId: z.string().min(1).optional(),
  credentialTenant: z.string().min(1).optional(),
  approvalApprover: z.string().min(1).optional(),
  approvalAt: z.string().min(1).optional(),
  approvalId: z.string().min(1).optional(),
  retrievalResultTenants: z.string().min(1).optional(),
}).strict();
export type AgentAttributeNames = z.infer<typeof agentAttributeNamesSchema>;

/** A prompt or trace store whose retention the workspace declares. */
export const agentStoreSchema = z.object({
  name: z.string().min(1).describe('The store: the source name of its export (prompt_record.store / trace_summary.store).'),
  kind: z.enum(['prompt-log', 'trace']),
  retentionDays: z.number().int().positive(),
  graceDays: z.number().int().nonnegative().optional(),
}).strict();
export type AgentStore = z.infer<typeof agentStoreSchema>;

/** The workspace `agent:` section. */
export const agentSectionSchema = z.object({
  attributes: agentAttributeNamesSchema.optional(),
  /** Principals that are the agent itself (its service account, client id); a tool call made as one of these is not delegated. */
  serviceIdentities: z.array(z.string().min(1)).default([]),
  /** Environments whose tool calls are tested (default: production, prod). */
  productionEnvironments: z.array(z.string().min(1)).optional(),
  stores: z.array(agentStoreSchema).default([]),
  /** The organization's own names of its held-out evaluation datasets: a run on one counts as held-out whatever its source says. */
  heldOutDatasets: z.array(z.string().min(1)).optional(),
}).loose();
export type AgentSection = z.infer<typeof agentSectionSchema>;

/** The declared tools of a workspace (invalid entries are reported by workspace validation, not here). */
export function toolInventory(ws: WorkspaceFacts): ToolDeclaration[] {
  const raw = Array.isArray(ws.tools) ? ws.tools : [];
  return raw.flatMap((t) => {
    const r = toolDeclarationSchema.safeParse(t);
    return r.success ? [r.data] : [];
  });
}

/** The workspace `agent:` section with defaults. */
export function agentSection(ws: WorkspaceFacts): AgentSection {
  const r = agentSectionSchema.safeParse(ws.agent ?? {});
  return r.success ? r.data : { serviceIdentities: [], stores: [] };
}

/** The declaration matching a call's tool and environment (an environment-specific entry wins). */
export function findTool(tools: ToolDeclaration[], name: string, environment: string | undefined): ToolDeclaration | undefined {
  const named = tools.filter((t) => t.name === name);
  return named.find((t) => t.environment !== undefined && t.environment === environment) ?? named.find((t) => t.environment === undefined);
}

/** Whether an environment name counts as production. */
export function isProduction(environment: string | undefined, production: readonly string[] | undefined): boolean {
  if (environment === undefined) return true; // unknown environment: tested, so missing evidence cannot hide a call
  const list = production && production.length > 0 ? production : ['production', 'prod'];
  return list.some((p) => p.toLowerCase() === environment.toLowerCase());
}
