import { citationOf, recordsOf } from '../../records/index.js';
import type { IncidentRecord, ToolCallRecord } from '../../records/index.js';
import { inPeriod } from '../../time/index.js';
import { populationOf, runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckFold, CheckStream, PopulationItem } from '../check.js';
import { agentSection, findTool, toolInventory } from './agent-inventory.js';
import { productionScope } from './production-scope.js';
import type { ToolDeclaration } from './agent-inventory.js';

/**
 * Why a call needs a human approval, or undefined when it does not. "Above" is strictly
 * greater: a refund of exactly the threshold needs none. A high-risk call whose amount
 * argument is absent or not a number needs one (the amount cannot be shown to be below).
 */
export function approvalReason(call: ToolCallRecord, tool: ToolDeclaration): string | undefined {
  if (tool.risk !== 'high') return undefined;
  const t = tool.approvalThreshold;
  if (!t) return `${tool.name} is high risk: every call needs approval`;
  const raw = call.args[t.argument];
  const amount = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (Number.isNaN(amount)) return `${t.argument} is absent, so the amount cannot be shown to be at or below ${t.above}`;
  return amount > t.above ? `${t.argument} = ${amount} is above ${t.above}` : undefined;
}

// Calls are tested as they arrive; only the high-risk ones become items. Incidents are loaded whole.
const approvalStream: CheckStream = { kinds: ['tool_call'], start: (ctx) => approvalFold(ctx) };

/**
 * Calls to high-risk tools above their declared threshold carry a human approval given no
 * later than the call. A missing or late approval is an exception, and so is its absence from
 * the incident register (no incident whose related refs name the span or tool call id).
 */
export const humanApprovalCheck: Check = {
  id: 'agent.human-approval',
  title: 'High-risk agent actions are approved by a person first',
  requires: ['tool_call'],
  reads: ['tool_call', 'incident'],
  stream: approvalStream,
  run: (ctx) => runStream(approvalStream, ctx),
};

function approvalFold(ctx: CheckContext): CheckFold {
  const tools = toolInventory(ctx.workspace);
  const agent = agentSection(ctx.workspace);
  const production = productionScope(ctx);
  const incidents = recordsOf(ctx.records, 'incident');
  const byRef = new Map<string, IncidentRecord>();
  for (const i of incidents) for (const r of i.relatedRefs) byRef.set(r, i);
  // Each item goes to the run's sink once its trace is complete (or is kept for the outcome).
  const population = populationOf(ctx);
  const exceptions: CheckException[] = [];
  const notes: string[] = [];
  if (!tools.some((t) => t.risk === 'high')) notes.push('No high-risk tools are declared in fieldwork.yaml (tools: with risk: high); there is nothing to test.');

  return {
    add(_kind, batch) {
      for (const call of batch as readonly ToolCallRecord[]) {
        if (!inPeriod(call.at, ctx.period, ctx.timezone) || !production.includes(call.environment)) continue;
        const tool = findTool(tools, call.tool, call.environment);
        const reason = tool && approvalReason(call, tool);
        if (!reason) continue;
        const itemId = `${call.traceId}/${call.spanId}`;
        const subject = call.spanId;
        const a = call.approval;
        const item: PopulationItem = {
          id: itemId, subject, at: call.at,
          trace: [
            { label: 'high-risk tool call', at: call.at, detail: `${call.tool}${call.tenant ? ` for tenant ${call.tenant}` : ''}: ${reason}`, citation: citationOf(call) },
            ...(a ? [{ label: 'approval', at: a.at, detail: `approved by ${a.approver}${a.id ? ` (${a.id})` : ''}` }] : []),
          ],
        };
        const add = (rule: string, detail: string, extra: IncidentRecord[] = []) =>
          exceptions.push({ rule, subject, detail, at: call.at, citations: [citationOf(call), ...extra.map(citationOf)], itemId });
        let failed: string | undefined;
        if (!a) failed = 'hitl.missing';
        else if (!a.at || a.at > call.at) failed = 'hitl.late';
        if (!failed) {
          population.add(item);
          continue;
        }
        add(failed, failed === 'hitl.missing'
          ? `${call.tool} at ${call.at} ran without a human approval (${reason}).`
          : `${call.tool} at ${call.at} was approved by ${a!.approver} ${a!.at ? `at ${a!.at}, after the call` : 'at an unrecorded time, so not shown to be before the call'} (${reason}).`);
        const incident = byRef.get(call.spanId) ?? (call.toolCallId ? byRef.get(call.toolCallId) : undefined);
        if (incident) item.trace.push({ label: 'incident', at: incident.opened, detail: `${incident.key} ${incident.title ?? ''}`.trim(), citation: citationOf(incident) });
        else add('hitl.no_incident', `The unapproved ${call.tool} call at ${call.at} is not in the incident register: no incident names span ${call.spanId}${call.toolCallId ? ` or tool call ${call.toolCallId}` : ''} in its related refs.`);
        population.add(item);
      }
    },
    finish: () => ({
      populationQuery: `production tool_call records between ${ctx.period.from} and ${ctx.period.to} to tools declared risk: high whose threshold argument is strictly above the declared amount (or high-risk tools without a threshold)`,
      items: population.items, exceptions, notes,
    }),
  };
}
