import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation, EvalRunRecord, ModelChangeRecord } from '../../records/index.js';
import { startOfDay } from '../../time/index.js';
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
  const periodStart = startOfDay(ctx.period.from, ctx.timezone);
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
    const covering = changes.filter((c) => changeCovers(c, m.responseModel, aliasPrefixMatch));
    // Several models may be in force at once (by task, tenant, fallback): a model is introduced by
    // the latest change naming it before its first production use, whatever else is in force.
    const introduced = covering.filter((c) => c.at <= m.firstSeenAt).at(-1);
    const inForce = modelsInForce(changes, m.firstSeenAt, aliasPrefixMatch);

    if (!introduced) {
      const later = covering.find((c) => c.at > m.firstSeenAt);
      if (later) {
        add('modelchange.undeclared', `${m.service} served ${m.responseModel} in production from ${m.firstSeenAt}, before its change ${later.id} took effect at ${later.at}.`, m.firstSeenAt, [citationOf(later)]);
      } else if (changes.length > 0) {
        add('modelchange.silent_swap', `${m.service} in production answered with ${m.responseModel} from ${m.firstSeenAt}, which no declared change introduced; the declared model(s) in force were ${inForce.map((c) => `${c.toModel} (${c.id})`).join(', ') || 'none'}.${m.requestedModels.length ? ` Requested as ${m.requestedModels.join(', ')}; declare the response name as an alias if it is the same model.` : ''}`, m.firstSeenAt, inForce.map(citationOf));
      } else {
        add('modelchange.undeclared', `${m.service} served ${m.responseModel} in production from ${m.firstSeenAt}; no declared change for ${m.service} in production names this model${m.requestedModels.length ? ` (requested as ${m.requestedModels.join(', ')}; declare the response name as an alias if it is the same model)` : ''}.`, m.firstSeenAt, []);
      }
      continue;
    }

    const change = introduced;
    trace.push(changeStep('declared change in force', change));
    checkApproval(change, add);
    // A change made before the period is still in force: its gating evals may simply not be in
    // this period's exports, and a missing export is not a missing eval.
    const before = change.at < periodStart;
    if (before) trace.push({ label: 'declared before the period', at: change.at, detail: `${change.id} took effect before ${ctx.period.from} and is still in force` });
    checkEvals(m, change, evals, trace, add, before);

    // A later change that names this model as the one it replaces retires it; still serving it after a grace period is a swap back.
    const retiredBy = changes.find((c) => c.at > change.at && c.fromModel !== undefined && changeCovers({ ...c, toModel: c.fromModel, toAliases: [] }, m.responseModel, aliasPrefixMatch) && !changeCovers(c, m.responseModel, aliasPrefixMatch));
    const reintroduced = retiredBy && covering.some((c) => c.at > retiredBy.at);
    if (retiredBy && !reintroduced && Date.parse(m.lastSeenAt) > Date.parse(retiredBy.at) + graceMs) {
      add('modelchange.silent_swap', `${m.service} still answered with ${m.responseModel} until ${m.lastSeenAt}, after change ${retiredBy.id} replaced it with ${retiredBy.toModel} at ${retiredBy.at}.`, m.lastSeenAt, [citationOf(retiredBy)]);
    }
  }
  return { items, exceptions };
}

/**
 * The changes whose model is in force at an instant: each change adds its model, and retires
 * the model it names as `fromModel` (a change without `fromModel` adds a route, it replaces nothing).
 */
export function modelsInForce(changes: readonly ModelChangeRecord[], at: string, aliasPrefixMatch: boolean): ModelChangeRecord[] {
  const live: ModelChangeRecord[] = [];
  for (const c of changes) {
    if (c.at > at) break;
    const from = c.fromModel;
    const kept = from ? live.filter((x) => !changeCovers(x, from, aliasPrefixMatch)) : live;
    live.splice(0, live.length, ...kept.filter((x) => x.toModel !== c.toModel), c);
  }
  return live;
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

function checkEvals(m: ProductionModel, c: ModelChangeRecord, evals: EvalRunRecord[], trace: TraceStep[], add: Add, beforePeriod = false): void {
  const names = new Set([m.responseModel, c.toModel, ...(c.toAliases ?? [])]);
  const listed = c.evalIds.length > 0;
  const candidates = evals.filter((e) => names.has(e.model) && (!listed || c.evalIds.includes(e.id)));
  const cite = [citationOf(c)];
  if (candidates.length === 0 && beforePeriod) {
    trace.push({ label: 'eval not collected', detail: `No eval run of ${m.responseModel} from before the period was collected; the gate of ${c.id} is not tested here` });
    return;
  }
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
  reads: ['model_observation', 'model_change', 'eval_run'],
  run(ctx) {
    const { items, exceptions } = modelChangeFindings(ctx);
    return {
      populationQuery: `models observed serving production (model_observation in ${productionEnvironments(ctx).join(', ')}) between ${ctx.period.from} and ${ctx.period.to}, per service and response model; matched to model_change records of the same service and to eval_run records of the same model`,
      items,
      exceptions,
    };
  },
};
