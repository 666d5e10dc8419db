import { detectPii, redact } from '@fieldwork/agent/pii';
import type { ToolCallRecord } from '@fieldwork/core/records';
import type { AgentSpan } from './agent-span.js';
import type { ResolvedAttributeNames } from './otlp-config.js';
import { list, num, text } from './otlp-values.js';
import type { AttrValue } from './otlp-values.js';

/** The first present attribute among `names`, from the span, else its resource. */
export function attr(span: AgentSpan, ...names: string[]): AttrValue | undefined {
  for (const n of names) if (span.attrs[n] !== undefined && span.attrs[n] !== null) return span.attrs[n];
  for (const n of names) if (span.resource[n] !== undefined && span.resource[n] !== null) return span.resource[n];
  return undefined;
}

/** A span-level attribute only (not inherited from the resource). */
export function own(span: AgentSpan, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = text(span.attrs[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A resource-level attribute only. */
export function fromResource(span: AgentSpan, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = text(span.resource[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** service.name and deployment environment (current and deprecated names), span before resource. */
export function serviceOf(span: AgentSpan): { service?: string; environment?: string } {
  return {
    service: text(attr(span, 'service.name')),
    environment: text(attr(span, 'deployment.environment.name', 'deployment.environment')),
  };
}

/** Provider under the current and the deprecated name. */
export const providerOf = (span: AgentSpan) => text(attr(span, 'gen_ai.provider.name', 'gen_ai.system'));

/** Token usage under the current and the deprecated names. */
export function tokensOf(span: AgentSpan): { input?: number; output?: number } {
  return {
    input: num(span.attrs['gen_ai.usage.input_tokens'] ?? span.attrs['gen_ai.usage.prompt_tokens'] ?? undefined),
    output: num(span.attrs['gen_ai.usage.output_tokens'] ?? span.attrs['gen_ai.usage.completion_tokens'] ?? undefined),
  };
}

/** The tool a tool-call span ran: gen_ai.tool.name, mcp.tool.name, or the MCP span name `tools/call NAME`. */
export function toolNameOf(span: AgentSpan): string {
  const t = own(span, 'gen_ai.tool.name', 'mcp.tool.name');
  if (t) return t;
  const m = /^(?:tools\/call|execute_tool)\s+(.+)$/.exec(span.name);
  return m ? m[1] : span.name;
}

/** The credential attributes of a tool call, or undefined when it carries none. */
export function credentialOf(span: AgentSpan, n: ResolvedAttributeNames): ToolCallRecord['credential'] {
  const c = {
    subject: own(span, n.authzSubject),
    actor: own(span, n.authzActor),
    audience: own(span, n.authzAudience),
    scopes: list(span.attrs[n.authzScope] ?? undefined),
    grantType: own(span, n.authzGrantType),
    credentialId: own(span, n.credentialId),
    tenant: own(span, n.credentialTenant),
  };
  if (!c.subject && !c.actor && !c.audience && c.scopes.length === 0 && !c.credentialId) return undefined;
  // The present fields in the order above (as the stored JSON has them), without an entries array per call.
  const out: Record<string, unknown> = {};
  for (const k in c) if (c[k as keyof typeof c] !== undefined) out[k] = c[k as keyof typeof c];
  return out as ToolCallRecord['credential'];
}

/** The approval attributes of a tool call (an approver is required; an unparseable time is dropped). */
export function approvalOf(span: AgentSpan, n: ResolvedAttributeNames): ToolCallRecord['approval'] {
  const approver = own(span, n.approvalApprover);
  if (!approver) return undefined;
  const raw = span.attrs[n.approvalAt];
  let at: string | undefined;
  // An approval time no Date can hold (a damaged attribute) is no approval time, not a crash.
  const iso = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined);
  if (typeof raw === 'number') at = iso(raw > 1e17 ? raw / 1e6 : raw > 1e14 ? raw / 1e3 : raw > 1e11 ? raw : raw * 1000);
  else if (typeof raw === 'string' && raw.trim() !== '') at = iso(/^\d+$/.test(raw) ? Number(BigInt(raw) / 1_000_000n) : Date.parse(raw));
  const id = own(span, n.approvalId);
  return { approver, ...(at ? { at } : {}), ...(id ? { id } : {}) };
}

/** The identity and approval attribute names argsOf leaves out, built once per set of names. */
const skipSets = new WeakMap<ResolvedAttributeNames, Set<string>>();

function skipped(n: ResolvedAttributeNames): Set<string> {
  let skip = skipSets.get(n);
  if (!skip) {
    skip = new Set<string>([n.tenant, ...n.endUser, n.authzSubject, n.authzActor, n.authzAudience, n.authzScope, n.authzGrantType, n.credentialId, n.credentialTenant, n.approvalApprover, n.approvalAt, n.approvalId, n.retrievalResultTenants]);
    skipSets.set(n, skip);
  }
  return skip;
}

function hasPrefix(k: string, prefixes: string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (k.startsWith(prefixes[i])) return true;
  return false;
}

/**
 * Scalar span attributes under the argument prefixes, minus the identity and approval ones.
 * Strings (up to 200 characters) are scanned for personal data and stored redacted when any
 * is found: they end up in the store and in reports, and may carry user metadata.
 */
export function argsOf(span: AgentSpan, n: ResolvedAttributeNames, prefixes: string[]): Record<string, string | number | boolean> {
  const skip = skipped(n);
  const out: Record<string, string | number | boolean> = {};
  for (const k in span.attrs) {
    if (skip.has(k) || !hasPrefix(k, prefixes)) continue;
    const v = span.attrs[k];
    if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'string' && v.length <= 200) {
      const findings = detectPii(v);
      out[k] = findings.length > 0 ? redact(v, { findings }) : v;
    }
  }
  return out;
}
