import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation, EvalRunRecord, ModelChangeRecord } from '../../records/index.js';
import type { Check, CheckContext, CheckException, PopulationItem, TraceStep } from '../check.js';
import { changeCovers, evalPassed, evalVerdict, productionChanges, productionEnvironments, productionModels } from './production-models.js';
import type { ProductionModel } from './production-models.js';

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const minutesBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 60_000);

/**
 * Tests every model that served production against the declared model changes. Exported for
 * the incident-coverage check, which needs the silent swaps.
 */
export function modelChangeFindings(ctx: CheckContext): { items: PopulationItem[]; exceptions: CheckException[] } {
  const envs = productionEnvironments(ctx);
  const aliasPrefixMatch = ctx.params.aliasPrefixMatch === true;
  const graceMs = Number(ctx.params.swapGraceHours ?? 24) * 3_600_000;
  const evals = recordsOf(ctx.records, 'eval_run');
  const items: PopulationItem[] = [];
  const exceptions: CheckException[] = [];

  for (const m of productionModels(ctx)) {
    const firstUse: TraceStep = {
      label: 'first production use', at: m.firstSeenAt,
      detail: `${m.service} (${m.environment}) served ${m.responseModel}${m.requestedModels.length ? ` (requested ${m.requestedModels.join(', ')})` : ''}: ${m.calls} call(s) until ${m.lastSeenAt}; first span ${m.first.firstSpanId}`,
      citation: citationOf(m.first),
    };
    const trace: TraceStep[] = [firstUse];
    items.push({ id: m.key, subject: m.responseModel, at: m.firstSeenAt, trace });
    const add = (rule: string, detail: string, at: string | undefined, citations: Citation[]) =>
      exceptions.push({ rule, subject: m.responseModel, detail, ...(at ? { at } : {}), citations: [citationOf(m.first), ...citations], itemId: m.key });

    const changes = productionChanges(ctx.records, m.service, envs);
    const inForce = changes.filter((c) => c.at <= m.firstSeenAt).at(-1);
    const covering = changes.filter((c) => changeCovers(c, m.responseModel, aliasPrefixMatch));
    if (inForce) trace.push(changeStep('declared change in force', inForce));

    if (!inForce || !changeCovers(inForce, m.responseModel, aliasPrefixMatch)) {
      const later = covering.find((c) => c.at > m.firstSeenAt);
      if (inForce) {
        add('modelchange.silent_swap', `${m.service} in production answered with ${m.responseModel} from ${m.firstSeenAt}, while the declared model in force was ${inForce.toModel} (${inForce.id}).${later ? ` A change to ${m.responseModel} (${later.id}) took effect only at ${later.at}.` : ''}`, m.firstSeenAt, [citationOf(inForce)]);
      } else if (later) {
        add('modelchange.undeclared', `${m.service} served ${m.responseModel} in production from ${m.firstSeenAt}, before its change ${later.id} took effect at ${later.at}.`, m.firstSeenAt, [citationOf(later)]);
      } else {
        add('modelchange.undeclared', `${m.service} served ${m.responseModel} in production from ${m.firstSeenAt}; no declared change for ${m.service} in production names this model${covering.length === 0 && m.requestedModels.length ? ` (requested as ${m.requestedModels.join(', ')}; declare the response name as an alias if it is the same model)` : ''}.`, m.firstSeenAt, []);
      }
      continue;
    }

    const change = inForce;
    checkApproval(change, add);
    checkEvals(m, change, evals, trace, add);

    // A later change to another model replaces this one; still serving it after a grace period is a swap back.
    const replacedBy = changes.find((c) => c.at > change.at && !changeCovers(c, m.responseModel, aliasPrefixMatch));
    if (replacedBy && Date.parse(m.lastSeenAt) > Date.parse(replacedBy.at) + graceMs) {
      add('modelchange.silent_swap', `${m.service} still answered with ${m.responseModel} until ${m.lastSeenAt}, after change ${replacedBy.id} switched production to ${replacedBy.toModel} at ${replacedBy.at}.`, m.lastSeenAt, [citationOf(replacedBy)]);
    }
  }
  return { items, exceptions };
}

function changeStep(label: string, c: ModelChangeRecord): TraceStep {
  return { label, at: c.at, detail: `${c.id}: ${c.fromModel ?? '(none)'} → ${c.toModel}; ticket ${c.ticket ?? 'none'}; requested by ${c.requestedBy ?? 'unknown'}, approved by ${c.approvedBy ?? 'nobody'}`, citation: citationOf(c) };
}

type Add = (rule: string, detail: string, at: string | undefined, citations: Citation[]) => void;

function checkApproval(c: ModelChangeRecord, add: Add): void {
  const cite = [citationOf(c)];
  if (!c.ticket) add('modelchange.no_ticket', `Change ${c.id} (${c.toModel}) names no ticket.`, c.at, cite);
  if (!c.approvedBy) add('modelchange.unapproved', `Change ${c.id} (${c.toModel}) names no approver.`, c.at, cite);
  else if (c.requestedBy && norm(c.approvedBy) === norm(c.requestedBy)) add('modelchange.self_approved', `Change ${c.id} (${c.toModel}) was approved by its requester ${c.approvedBy}.`, c.approvedAt ?? c.at, cite);
}

function checkEvals(m: ProductionModel, c: ModelChangeRecord, evals: EvalRunRecord[], trace: TraceStep[], add: Add): void {
  const names = new Set([m.responseModel, c.toModel, ...(c.toAliases ?? [])]);
  const listed = c.evalIds.length > 0;
  const candidates = evals.filter((e) => names.has(e.model) && (!listed || c.evalIds.includes(e.id)));
  const cite = [citationOf(c)];
  if (candidates.length === 0) {
    const named = listed ? evals.filter((e) => c.evalIds.includes(e.id)) : [];
    const why = !listed ? `no eval run for ${m.responseModel} was collected`
      : named.length === 0 ? `its eval ${c.evalIds.join(', ')} ${c.evalIds.length > 1 ? 'are' : 'is'} not among the collected eval runs`
      : `its eval ${named.map((e) => `${e.id} ran on ${e.model}`).join(', ')}, not on ${m.responseModel}`;
    add('modelchange.no_eval', `Change ${c.id} to ${c.toModel}: ${why}.`, c.at, [...cite, ...named.map(citationOf)]);
    return;
  }
  const passed = candidates.filter(evalPassed).sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : 1));
  if (passed.length === 0) {
    const e = candidates.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : 1)).at(-1) as EvalRunRecord;
    trace.push({ label: 'eval run', at: e.finishedAt, detail: `${e.id}: not passing, ${evalVerdict(e).why}`, citation: citationOf(e) });
    add('modelchange.eval_failed', `No eval of ${m.responseModel} for change ${c.id} passed: ${candidates.map((x) => `${x.id}: ${evalVerdict(x).why}`).join('; ')}.`, e.finishedAt, [...cite, ...candidates.map(citationOf)]);
    return;
  }
  const before = passed.filter((e) => e.finishedAt < m.firstSeenAt);
  const e = before.at(-1) ?? passed[0];
  trace.push({ label: 'eval run', at: e.finishedAt, detail: `${e.id} on ${e.model}${e.dataset ? ` (${e.dataset})` : ''}: score ${e.score}${e.threshold !== undefined ? `, threshold ${e.threshold}` : ''}, passed`, citation: citationOf(e) });
  if (before.length === 0) {
    add('modelchange.eval_late', `The passing eval ${e.id} of ${m.responseModel} finished at ${e.finishedAt}, ${minutesBetween(m.firstSeenAt, e.finishedAt)} minute(s) after its first production use at ${m.firstSeenAt}.`, e.finishedAt, [...cite, citationOf(e)]);
  }
}

/**
 * Every model that served production (per service) is covered by a declared, ticketed change
 * approved by someone other than its requester, with a passing eval of that model finished
 * before the first production use; a response model other than the one declared in force is
 * a silent swap. Parameters: `productionEnvironments`, `aliasPrefixMatch` (default false:
 * dated snapshots must be declared as aliases), `swapGraceHours` (24).
 */
export const modelChangeCheck: Check = {
  id: 'agent.model-change',
  title: 'Models serving production were changed through change management',
  requires: ['model_observation'],
  run(ctx) {
    const { items, exceptions } = modelChangeFindings(ctx);
    return {
      populationQuery: `models observed serving production (model_observation in ${productionEnvironments(ctx).join(', ')}) between ${ctx.period.from} and ${ctx.period.to}, per service and response model; matched to model_change records of the same service and to eval_run records of the same model`,
      items,
      exceptions,
    };
  },
};
