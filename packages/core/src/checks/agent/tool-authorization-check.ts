import { citationOf } from '../../records/index.js';
import type { Citation, ToolCallRecord } from '../../records/index.js';
import { inPeriod } from '../../time/index.js';
import { populationOf, runStream } from '../check.js';
import type { Check, CheckException, CheckStream, PopulationItem, TraceStep } from '../check.js';
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
/** A call's place in the check's order: by time, ties in the order the records came in. */
interface Place { at: string; seq: number }
const byPlace = (a: Place, b: Place): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq);

/** What the token pass-through test keeps of a call: what its exception names and cites. */
interface Use extends Place { tool: string; spanId: string; traceId: string; citation: Citation }

const stream: CheckStream = {
  // Each production call in the period becomes its item and exceptions at once (the item handed
  // to the run's sink, the exceptions placed by time at the end); of the calls themselves only each credential's first use per audience and per
  // tenant is kept, for the pass-through test.
  kinds: ['tool_call'],
  start(ctx) {
    const tools = toolInventory(ctx.workspace);
    const agent = agentSection(ctx.workspace);
    const production = productionScope(ctx);
    // Each item goes to the run's sink as it is made (or is kept for the outcome when there is none).
    const population = populationOf(ctx);
    const exceptions: (Place & { e: CheckException })[] = [];
    const uses = new Map<string, { audiences: [string, Use][]; tenants: [string, Use][] }>();
    let seq = 0;
    const firstUse = (list: [string, Use][], key: string, use: Use) => {
      const i = list.findIndex(([k]) => k === key);
      if (i < 0) list.push([key, use]);
      else if (byPlace(use, list[i][1]) < 0) list[i][1] = use;
    };
    return {
      add(_kind, batch) {
        for (const call of batch as readonly ToolCallRecord[]) {
          if (!inPeriod(call.at, ctx.period, ctx.timezone) || !production.includes(call.environment)) continue;
          const place = { at: call.at, seq: seq++ };
          const citation = citationOf(call);
          const tool = findTool(tools, call.tool, call.environment);
          for (const e of callFindings(call, tool, agent, citation, population.add)) exceptions.push({ ...place, e });
          // The agent's own justified credential is meant to serve every tenant; only delegated and tenant tokens are tested.
          const id = call.credential?.credentialId;
          if (!id || (isAgentIdentity(call, agent) && tool?.identity === 'agent-service')) continue;
          let u = uses.get(id);
          if (!u) uses.set(id, (u = { audiences: [], tenants: [] }));
          const use: Use = { ...place, tool: call.tool, spanId: call.spanId, traceId: call.traceId, citation };
          const aud = call.credential?.audience;
          const ten = call.credential?.tenant ?? call.tenant;
          if (aud) firstUse(u.audiences, aud, use);
          if (ten) firstUse(u.tenants, ten, use);
        }
      },
      finish() {
        const notes: string[] = [];
        if (tools.length === 0) notes.push('No tools are declared in fieldwork.yaml (tools:); every call is reported as undeclared.');
        // By time, ties in arrival order (a stable sort of the calls as they came): their place.
        population.items.sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : 0));
        exceptions.sort(byPlace);
        return {
          populationQuery: `tool_call records between ${ctx.period.from} and ${ctx.period.to} in production environments (${production.describe}; calls without an environment included)`,
          items: population.items,
          exceptions: [...exceptions.map((x) => x.e), ...tokenPassthrough(uses)],
          notes,
        };
      },
    };
  },
};

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
  stream,
  run: (ctx) => runStream(stream, ctx),
};

/** One call's population item (handed to `item` once complete) and its exceptions, in the order the rules are tested. */
function callFindings(call: ToolCallRecord, tool: ToolDeclaration | undefined, agent: AgentSection, citation: Citation, item: (i: PopulationItem) => void): CheckException[] {
  const exceptions: CheckException[] = [];
  const itemId = `${call.traceId}/${call.spanId}`;
  const subject = call.spanId;
  const cred = call.credential;
  const trace: TraceStep[] = [{
    label: 'tool call', at: call.at,
    detail: `${call.protocol === 'mcp' ? 'MCP ' : ''}${describe(call)}${call.endUser ? `, end user ${call.endUser}` : ''}${call.toolCallId ? `, call id ${call.toolCallId}` : ''}`,
    citation,
  }];
  const add = (rule: string, detail: string) => exceptions.push({ rule, subject, detail, at: call.at, citations: [{ ...citation }], itemId });
  // The item is handed over once its trace is complete: a sink may write it out at once.
  const done = () => {
    item({ id: itemId, subject, at: call.at, trace });
    return exceptions;
  };
  if (tool) trace.push({ label: 'declared tool', detail: `${tool.identity}, resource ${tool.resource ?? tool.audience ?? '(none)'}, scopes ${tool.requiredScopes.join(' ') || '(none)'}` });
  else add('toolauth.undeclared_tool', `Tool ${call.tool} is not in the tool inventory (tools: in fieldwork.yaml)${call.environment ? ` for ${call.environment}` : ''}; its authorization cannot be tested against a declaration.`);

  if (!cred || (!cred.subject && !cred.audience && cred.scopes.length === 0)) {
    add('toolauth.missing', `The call to ${describe(call)} carries no authorization evidence (subject, audience, scope attributes).`);
    return done();
  }
  trace.push({ label: 'credential', detail: `subject ${cred.subject ?? '?'}, actor ${cred.actor ?? '?'}, audience ${cred.audience ?? '?'}, scopes ${cred.scopes.join(' ') || '?'}${cred.credentialId ? `, credential ${cred.credentialId}` : ''}` });
  if (tool) checkCredential(call, tool, agent, add);
  return done();
}

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

/**
 * One credential id used against two audiences or for two tenants, reported at the call that
 * first shows it (the second audience's, or tenant's, first use in time order), citing the
 * first use of the other one.
 */
function tokenPassthrough(uses: ReadonlyMap<string, { audiences: [string, Use][]; tenants: [string, Use][] }>): CheckException[] {
  const found: (Place & { e: CheckException })[] = [];
  for (const [id, u] of uses) {
    const auds = [...u.audiences].sort((a, b) => byPlace(a[1], b[1]));
    const tens = [...u.tenants].sort((a, b) => byPlace(a[1], b[1]));
    if (auds.length < 2 && tens.length < 2) continue;
    // Audiences win when the same call shows both.
    const byAudience = tens.length < 2 || (auds.length >= 2 && byPlace(auds[1][1], tens[1][1]) <= 0);
    const [what, list] = byAudience ? ['audiences', auds] as const : ['tenants', tens] as const;
    const first = list[0][1];
    const c = list[1][1];
    found.push({
      at: c.at, seq: c.seq,
      e: {
        rule: 'toolauth.token_passthrough', subject: c.spanId, at: c.at, itemId: `${c.traceId}/${c.spanId}`,
        detail: `Credential ${id} was used for two ${what} (${list[0][0]}, ${list[1][0]}): first by ${first.tool} at ${first.at}, then by ${c.tool} at ${c.at}. A token is being passed through instead of exchanged per audience and tenant.`,
        citations: [{ ...first.citation }, { ...c.citation }],
      },
    });
  }
  return found.sort(byPlace).map((f) => f.e);
}
