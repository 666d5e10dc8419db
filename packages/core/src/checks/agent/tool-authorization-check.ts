import { citationOf, recordsOf } from '../../records/index.js';
import type { ToolCallRecord } from '../../records/index.js';
import { inPeriod } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { agentSection, findTool, toolInventory } from './agent-inventory.js';
import { productionScope } from './production-scope.js';
import type { AgentSection, ToolDeclaration } from './agent-inventory.js';

/** Whether a call's credential is the agent's own identity rather than a user's or tenant's. */
export function isAgentIdentity(call: ToolCallRecord, agent: AgentSection): boolean {
  const subject = call.credential?.subject;
  if (!subject) return false;
  if (agent.serviceIdentities.includes(subject)) return true;
  if (call.credential?.actor && subject === call.credential.actor) return true;
  const own = [call.agent, call.service].filter((x): x is string => !!x);
  return own.some((o) => subject === o || subject === `agent:${o}`);
}

const describe = (c: ToolCallRecord) => `${c.tool} at ${c.at}${c.tenant ? ` for tenant ${c.tenant}` : ''}`;

/**
 * Every production tool call carries the credential it was made with, and that credential is
 * the right one for the tool: the end user's delegated token (subject = end user, actor = the
 * agent), or the tenant's service principal, with the tool's exact audience, no scope beyond
 * the declared ones, no wildcard, and the trace's tenant. The agent's own identity is accepted
 * only for tools declared `agent-service` with a justification. One credential id seen against
 * two audiences or two tenants is a token passed through.
 */
export const toolAuthorizationCheck: Check = {
  id: 'agent.tool-authorization',
  title: 'Agent tool calls use the user\'s or tenant\'s scoped credential',
  requires: ['tool_call'],
  reads: ['tool_call'],
  run(ctx) {
    const tools = toolInventory(ctx.workspace);
    const agent = agentSection(ctx.workspace);
    const production = productionScope(ctx);
    const calls = recordsOf(ctx.records, 'tool_call')
      .filter((c) => inPeriod(c.at, ctx.period, ctx.timezone) && production.includes(c.environment))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const notes: string[] = [];
    if (tools.length === 0) notes.push('No tools are declared in fieldwork.yaml (tools:); every call is reported as undeclared.');

    for (const call of calls) {
      const itemId = `${call.traceId}/${call.spanId}`;
      const subject = call.spanId;
      const tool = findTool(tools, call.tool, call.environment);
      const cred = call.credential;
      const trace: TraceStep[] = [{
        label: 'tool call', at: call.at,
        detail: `${call.protocol === 'mcp' ? 'MCP ' : ''}${describe(call)}${call.endUser ? `, end user ${call.endUser}` : ''}${call.toolCallId ? `, call id ${call.toolCallId}` : ''}`,
        citation: citationOf(call),
      }];
      const add = (rule: string, detail: string) => exceptions.push({ rule, subject, detail, at: call.at, citations: [citationOf(call)], itemId });
      items.push({ id: itemId, subject, at: call.at, trace });
      if (tool) trace.push({ label: 'declared tool', detail: `${tool.identity}, resource ${tool.resource ?? tool.audience ?? '(none)'}, scopes ${tool.requiredScopes.join(' ') || '(none)'}` });
      else add('toolauth.undeclared_tool', `Tool ${call.tool} is not in the tool inventory (tools: in fieldwork.yaml)${call.environment ? ` for ${call.environment}` : ''}; its authorization cannot be tested against a declaration.`);

      if (!cred || (!cred.subject && !cred.audience && cred.scopes.length === 0)) {
        add('toolauth.missing', `The call to ${describe(call)} carries no authorization evidence (subject, audience, scope attributes).`);
        continue;
      }
      trace.push({ label: 'credential', detail: `subject ${cred.subject ?? '?'}, actor ${cred.actor ?? '?'}, audience ${cred.audience ?? '?'}, scopes ${cred.scopes.join(' ') || '?'}${cred.credentialId ? `, credential ${cred.credentialId}` : ''}` });
      if (!tool) continue;
      checkCredential(call, tool, agent, add);
    }
    // The agent's own justified credential is meant to serve every tenant; only delegated and tenant tokens are tested.
    exceptions.push(...tokenPassthrough(calls.filter((c) => !(isAgentIdentity(c, agent) && findTool(tools, c.tool, c.environment)?.identity === 'agent-service'))));
    return {
      populationQuery: `tool_call records between ${ctx.period.from} and ${ctx.period.to} in production environments (${production.describe}; calls without an environment included)`,
      items, exceptions, notes,
    };
  },
};

function checkCredential(call: ToolCallRecord, tool: ToolDeclaration, agent: AgentSection, add: (rule: string, detail: string) => void): void {
  const cred = call.credential!;
  const resource = tool.resource ?? tool.audience;
  const asAgent = isAgentIdentity(call, agent);
  if (asAgent && !(tool.identity === 'agent-service' && tool.justification)) {
    add('toolauth.confused_deputy', `${describe(call)} was made with the agent's own identity ${cred.subject}, but ${tool.name} is declared ${tool.identity}${tool.identity === 'agent-service' ? ' without a justification' : ''}: the agent acted with its own privileges on the user's behalf.`);
  }
  if (tool.identity === 'delegated-user' && !asAgent) {
    if (!call.endUser) add('toolauth.subject_mismatch', `${describe(call)}: the trace names no end user, so the delegated credential's subject ${cred.subject ?? '(none)'} cannot be shown to be the user's.`);
    else if (cred.subject !== call.endUser) add('toolauth.subject_mismatch', `${describe(call)}: the credential's subject is ${cred.subject ?? '(none)'}, not the trace's end user ${call.endUser}.`);
    const actors = agent.serviceIdentities;
    if (!cred.actor || cred.actor === cred.subject || (actors.length > 0 && !actors.includes(cred.actor))) {
      add('toolauth.actor_mismatch', `${describe(call)}: the credential's actor is ${cred.actor ?? '(none)'}; a delegated token names the agent as actor${actors.length ? ` (${actors.join(', ')})` : ''}.`);
    }
  }
  if (resource !== undefined && cred.audience !== resource) {
    add('toolauth.audience_mismatch', `${describe(call)}: the credential's audience is ${cred.audience ?? '(none)'}, not the tool's resource ${resource}.`);
  }
  const wild = cred.scopes.filter((s) => s.includes('*'));
  if (wild.length > 0) add('toolauth.wildcard_scope', `${describe(call)}: wildcard scope ${wild.join(' ')}.`);
  const excess = cred.scopes.filter((s) => !s.includes('*') && !tool.requiredScopes.includes(s));
  if (excess.length > 0) add('toolauth.scope_excess', `${describe(call)}: scopes ${excess.join(' ')} go beyond the tool's required scopes (${tool.requiredScopes.join(' ') || 'none'}).`);
  if (cred.tenant && call.tenant && cred.tenant !== call.tenant) {
    add('toolauth.tenant_mismatch', `${describe(call)}: the credential was issued for tenant ${cred.tenant}, the request is for tenant ${call.tenant}.`);
  }
}

/** One credential id used against two audiences or for two tenants: the first call that shows it. */
function tokenPassthrough(calls: ToolCallRecord[]): CheckException[] {
  const seen = new Map<string, { audiences: Map<string, ToolCallRecord>; tenants: Map<string, ToolCallRecord>; reported: boolean }>();
  const out: CheckException[] = [];
  for (const c of calls) {
    const id = c.credential?.credentialId;
    if (!id) continue;
    let s = seen.get(id);
    if (!s) seen.set(id, (s = { audiences: new Map(), tenants: new Map(), reported: false }));
    const aud = c.credential?.audience;
    const ten = c.credential?.tenant ?? c.tenant;
    if (aud && !s.audiences.has(aud)) s.audiences.set(aud, c);
    if (ten && !s.tenants.has(ten)) s.tenants.set(ten, c);
    if (s.reported || (s.audiences.size < 2 && s.tenants.size < 2)) continue;
    s.reported = true;
    const [what, map] = s.audiences.size >= 2 ? ['audiences', s.audiences] as const : ['tenants', s.tenants] as const;
    const first = [...map.values()][0];
    out.push({
      rule: 'toolauth.token_passthrough', subject: c.spanId, at: c.at, itemId: `${c.traceId}/${c.spanId}`,
      detail: `Credential ${id} was used for two ${what} (${[...map.keys()].join(', ')}): first by ${first.tool} at ${first.at}, then by ${c.tool} at ${c.at}. A token is being passed through instead of exchanged per audience and tenant.`,
      citations: [citationOf(first), citationOf(c)],
    });
  }
  return out;
}
