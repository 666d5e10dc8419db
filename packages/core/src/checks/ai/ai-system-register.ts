/** @module The AI system register: what production actually runs, derived from records. */
import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation, ModelChangeRecord, RecordSet, VendorRecord, VendorReviewRecord } from '../../records/index.js';
import { addMonths, endOfDay, startOfDay } from '../../time/index.js';
import type { Period } from '../../time/index.js';
import type { WorkspaceFacts } from '../check.js';
import { findTool, toolInventory } from '../agent/agent-inventory.js';
import type { ToolDeclaration } from '../agent/agent-inventory.js';
import { productionScope } from '../agent/production-scope.js';
import { changeCovers } from '../agent/production-models.js';
import { providerVendorKeys, vendorNameKey } from './provider-vendors.js';

/** A model seen serving one service, merged across trace artifacts. */
export interface RegisterModel {
  service: string;
  model: string;
  provider?: string;
  requestedModels: string[];
  environments: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  calls: number;
  /** The declared change that names it (latest in force by the end of the period), if any. */
  declaredBy?: { id: string; at: string; citation: Citation };
  citation: Citation;
}

/** A model provider seen in production, and the vendor it is reviewed as. */
export interface RegisterProvider {
  provider: string;
  services: string[];
  models: string[];
  calls: number;
  vendor?: { name: string; criticality: string; subservice: boolean; citation: Citation };
  latestReview?: { at: string; reviewer?: string; signed: boolean; citation: Citation };
  /** True when the vendor's latest review is within `reviewMonths` of the period end. */
  reviewed: boolean;
  citation: Citation;
}

/** An agent seen in production traces and the tools it called. */
export interface RegisterAgent {
  agent: string;
  services: string[];
  runs: number;
  tools: string[];
}

/** A tool: its declaration (autonomy, oversight, identity, risk) and the production calls seen. */
export interface RegisterTool {
  tool: string;
  declared: boolean;
  identity?: ToolDeclaration['identity'];
  risk?: ToolDeclaration['risk'];
  autonomy?: ToolDeclaration['autonomy'];
  /** The declared oversight, or `approval-above-threshold` derived from an approval threshold. */
  oversight?: string;
  /** Whether `oversight` was declared or derived from the approval threshold. */
  oversightSource?: 'declared' | 'approval threshold';
  approvalThreshold?: { argument: string; above: number };
  productionCalls: number;
  approvedCalls: number;
  agents: string[];
}

export interface AiSystemRegister {
  period: Period;
  productionEnvironments: string[];
  /** Models seen in production in the period. */
  models: RegisterModel[];
  /** Models seen only outside production (staging, development): listed, never tested. */
  nonProductionModels: RegisterModel[];
  providers: RegisterProvider[];
  agents: RegisterAgent[];
  tools: RegisterTool[];
  /** What the sources could not show (no model changes, no vendor list…). */
  gaps: string[];
}

export interface AiSystemRegisterInput {
  records: RecordSet;
  period: Period;
  timezone: string;
  workspace: WorkspaceFacts;
  params?: Record<string, unknown>;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const add = (list: string[], v: string | undefined) => { if (v !== undefined && !list.includes(v)) list.push(v); };

/** The workspace's own provider → vendor name aliases (`ai.providers` in fieldwork.yaml). */
export function providerAliases(ws: WorkspaceFacts): Record<string, string | string[]> {
  const ai = ws.ai as { providers?: unknown } | undefined;
  const p = ai?.providers;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return {};
  return Object.fromEntries(Object.entries(p).filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) as Record<string, string | string[]>;
}

/**
 * Derives the register from records: the models and providers seen in production traces in
 * the period (staging excluded by the one production-environment rule), the declared model
 * changes that name each model, the vendor each provider is listed as with its latest review,
 * the agents and the tools they called, with each tool's declared autonomy and oversight.
 *
 * @example
 * const reg = aiSystemRegister({ records, period, timezone: 'UTC', workspace });
 * reg.models.filter((m) => !m.declaredBy); // models nobody declared
 */
export function aiSystemRegister(input: AiSystemRegisterInput): AiSystemRegister {
  const reg = aiModelRegister(input);
  const { agents, tools } = registerAgentsAndTools(input, reg.isProd, reg.from, reg.to);
  return {
    period: reg.period, productionEnvironments: reg.productionEnvironments, models: reg.models, nonProductionModels: reg.nonProductionModels,
    providers: reg.providers, agents, tools, gaps: reg.gaps,
  };
}

/** The models and providers half of the register (no agents or tools), with the production rule and bounds it used. */
export type AiModelRegister = Omit<AiSystemRegister, 'agents' | 'tools'> & { isProd: (env: string | undefined) => boolean; from: string; to: string };

/**
 * The register's models and providers only: what the register check tests. It reads model
 * observations and changes, vendors and reviews, never agent runs or tool calls.
 */
export function aiModelRegister(input: AiSystemRegisterInput): AiModelRegister {
  const params = input.params ?? {};
  const scope = productionScope({ params, workspace: input.workspace });
  const from = startOfDay(input.period.from, input.timezone);
  const to = endOfDay(input.period.to, input.timezone);
  const aliasPrefixMatch = params.aliasPrefixMatch === true;
  const reviewMonths = Number(params.reviewMonths ?? 12);
  const changes = recordsOf(input.records, 'model_change').filter((c) => scope.includes(c.environment) && c.at <= to).sort((a, b) => byString(a.at, b.at));
  const gaps: string[] = [];

  const prod = new Map<string, RegisterModel>();
  const other = new Map<string, RegisterModel>();
  for (const o of recordsOf(input.records, 'model_observation')) {
    if (o.lastSeenAt < from || o.firstSeenAt >= to) continue;
    const isProd = scope.includes(o.environment);
    const target = isProd ? prod : other;
    const key = `${o.service}|${o.responseModel}`;
    const m = target.get(key);
    if (!m) {
      target.set(key, {
        service: o.service, model: o.responseModel, ...(o.provider ? { provider: o.provider } : {}), requestedModels: o.requestedModel ? [o.requestedModel] : [],
        environments: [o.environment], firstSeenAt: o.firstSeenAt, lastSeenAt: o.lastSeenAt, calls: o.calls, citation: citationOf(o),
      });
      continue;
    }
    if (o.firstSeenAt < m.firstSeenAt) { m.firstSeenAt = o.firstSeenAt; m.citation = citationOf(o); }
    if (o.lastSeenAt > m.lastSeenAt) m.lastSeenAt = o.lastSeenAt;
    m.calls += o.calls;
    if (!m.provider && o.provider) m.provider = o.provider;
    add(m.requestedModels, o.requestedModel);
    add(m.environments, o.environment);
  }
  for (const m of prod.values()) {
    const declared = changes.filter((c) => c.service.toLowerCase() === m.service.toLowerCase() && changeCovers(c, m.model, aliasPrefixMatch)).at(-1);
    if (declared) m.declaredBy = { id: declared.id, at: declared.at, citation: citationOf(declared) };
  }
  // A model seen in production somewhere is not "staging only", even for another service.
  const prodModels = new Set([...prod.values()].map((m) => m.model));
  const nonProductionModels = [...other.values()].filter((m) => !prodModels.has(m.model));
  const models = [...prod.values()].sort((a, b) => byString(`${a.service}|${a.model}`, `${b.service}|${b.model}`));

  const providers = registerProviders(models, input, reviewMonths, gaps);
  if (models.length > 0 && recordsOf(input.records, 'model_change').length === 0) gaps.push('No model_change records were collected, so no model can be shown to be declared; add a model-changes-yaml source.');
  return {
    period: input.period, productionEnvironments: scope.environments, models,
    nonProductionModels: nonProductionModels.sort((a, b) => byString(`${a.service}|${a.model}`, `${b.service}|${b.model}`)),
    providers, gaps, isProd: scope.includes, from, to,
  };
}

function registerProviders(models: RegisterModel[], input: AiSystemRegisterInput, reviewMonths: number, gaps: string[]): RegisterProvider[] {
  const vendors = recordsOf(input.records, 'vendor');
  const reviews = recordsOf(input.records, 'vendor_review').filter((r) => r.reviewedAt <= input.period.to);
  const aliases = providerAliases(input.workspace);
  const cutoff = addMonths(input.period.to, -reviewMonths);
  const byProvider = new Map<string, RegisterProvider>();
  for (const m of models) {
    if (!m.provider) continue;
    const p = byProvider.get(m.provider) ?? { provider: m.provider, services: [], models: [], calls: 0, reviewed: false, citation: m.citation };
    add(p.services, m.service);
    add(p.models, m.model);
    p.calls += m.calls;
    byProvider.set(m.provider, p);
  }
  for (const p of byProvider.values()) {
    const keys = providerVendorKeys(p.provider, aliases);
    // The first key that names a vendor wins: the workspace alias, then the provider's own name, then its cloud.
    const vendor = keys.map((k) => vendors.find((v) => vendorNameKey(v.name) === k)).find((v): v is VendorRecord => v !== undefined);
    if (!vendor) continue;
    p.vendor = { name: vendor.name, criticality: vendor.criticality, subservice: vendor.subservice, citation: citationOf(vendor) };
    const latest = reviews.filter((r) => vendorNameKey(r.vendor) === vendorNameKey(vendor.name)).sort((a, b) => byString(a.reviewedAt, b.reviewedAt)).at(-1) as VendorReviewRecord | undefined;
    if (latest) p.latestReview = { at: latest.reviewedAt, ...(latest.reviewer ? { reviewer: latest.reviewer } : {}), signed: latest.signed, citation: citationOf(latest) };
    p.reviewed = latest !== undefined && latest.reviewedAt >= cutoff;
  }
  if (byProvider.size > 0 && vendors.length === 0) gaps.push('No vendor records were collected, so no model provider can be shown to be a reviewed vendor; add a vendors-yaml or vendors-csv source.');
  const unnamed = models.filter((m) => !m.provider);
  if (unnamed.length > 0) gaps.push(`The traces name no provider for ${unnamed.map((m) => `${m.model} (${m.service})`).join(', ')}; set gen_ai.provider.name on model spans.`);
  return [...byProvider.values()].sort((a, b) => byString(a.provider, b.provider));
}

function registerAgentsAndTools(input: AiSystemRegisterInput, isProd: (env: string | undefined) => boolean, from: string, to: string): { agents: RegisterAgent[]; tools: RegisterTool[] } {
  const declared = toolInventory(input.workspace);
  const agents = new Map<string, RegisterAgent>();
  const agentOf = (name: string) => agents.get(name) ?? agents.set(name, { agent: name, services: [], runs: 0, tools: [] }).get(name)!;
  for (const r of recordsOf(input.records, 'agent_run')) {
    if (!isProd(r.environment) || r.at < from || r.at > to) continue;
    const a = agentOf(r.agent ?? r.service ?? '(unnamed agent)');
    a.runs += 1;
    add(a.services, r.service);
  }
  const tools = new Map<string, RegisterTool>();
  const toolEntry = (name: string, environment: string | undefined): RegisterTool => {
    const existing = tools.get(name);
    if (existing) return existing;
    const d = findTool(declared, name, environment) ?? declared.find((t) => t.name === name);
    const entry: RegisterTool = { tool: name, declared: d !== undefined, productionCalls: 0, approvedCalls: 0, agents: [], ...(d ? declarationFacts(d) : {}) };
    tools.set(name, entry);
    return entry;
  };
  for (const d of declared) toolEntry(d.name, d.environment);
  for (const c of recordsOf(input.records, 'tool_call')) {
    if (!isProd(c.environment) || c.at < from || c.at > to) continue;
    const t = toolEntry(c.tool, c.environment);
    t.productionCalls += 1;
    if (c.approval) t.approvedCalls += 1;
    const agent = c.agent ?? c.service;
    add(t.agents, agent);
    if (agent) {
      const a = agentOf(agent);
      add(a.tools, c.tool);
      add(a.services, c.service);
    }
  }
  for (const a of agents.values()) a.tools.sort(byString);
  return { agents: [...agents.values()].sort((a, b) => byString(a.agent, b.agent)), tools: [...tools.values()].sort((a, b) => byString(a.tool, b.tool)) };
}

function declarationFacts(d: ToolDeclaration): Partial<RegisterTool> {
  const oversight = d.oversight ?? (d.approvalThreshold ? 'approval-above-threshold' : undefined);
  return {
    identity: d.identity, risk: d.risk, ...(d.autonomy ? { autonomy: d.autonomy } : {}),
    ...(oversight ? { oversight, oversightSource: d.oversight ? 'declared' as const : 'approval threshold' as const } : {}),
    ...(d.approvalThreshold ? { approvalThreshold: { ...d.approvalThreshold } } : {}),
  };
}

/** The declared changes a register model could be matched against, for messages. */
export function declaredModelsOf(records: RecordSet, service: string): ModelChangeRecord[] {
  return recordsOf(records, 'model_change').filter((c) => c.service.toLowerCase() === service.toLowerCase());
}
