import { citationOf, recordsOf } from '../../records/index.js';
import type { EvalRunRecord } from '../../records/index.js';
import { addDays, calendarUnits, daysBetween, endOfDay, localDate, unitsOverlapping } from '../../time/index.js';
import type { CalendarUnit } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { agentSection } from './agent-inventory.js';
import { changeCovers, evalVerdict, productionEnvironments, productionModels } from './production-models.js';

const verdictWord = (e: EvalRunRecord) => {
  const v = evalVerdict(e).passed;
  return v === true ? 'passed' : v === false ? 'failed' : 'not judgeable';
};
const byFinish = (a: EvalRunRecord, b: EvalRunRecord) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : 0);

/**
 * Every model serving production is evaluated on a held-out set once per calendar unit
 * (`cadence: monthly`, the catalog default) or, with only `cadenceDays`, at least every that many days while it serves — counted from the later of the period start and its first
 * production use to the earlier of the evidence date and its last use — and its latest
 * held-out run passed. Runs count for a model when they name it, or the declared model of a
 * change that covers it (aliases).
 */
export const evalCoverageCheck: Check = {
  id: 'agent.eval-coverage',
  title: 'Production models are evaluated on a held-out set at the declared cadence',
  requires: ['model_observation'],
  reads: ['model_observation', 'model_change', 'eval_run'],
  run(ctx) {
    const cadence = Number(ctx.params.cadenceDays ?? 30);
    // Calendar terms (`cadence: monthly`, the catalog default) unless a rolling `cadenceDays` is configured.
    const unit: CalendarUnit | undefined = ctx.params.cadenceDays !== undefined ? undefined
      : typeof ctx.params.cadence === 'string' && (calendarUnits as readonly string[]).includes(ctx.params.cadence) ? ctx.params.cadence as CalendarUnit : undefined;
    const aliasPrefixMatch = ctx.params.aliasPrefixMatch === true;
    const asOfEnd = endOfDay(ctx.asOf, ctx.timezone);
    const changes = recordsOf(ctx.records, 'model_change');
    const evals = recordsOf(ctx.records, 'eval_run').filter((e) => e.finishedAt < asOfEnd);
    // Datasets go by the organization's own names; the workspace says which ones are held out.
    const heldOutNames = new Set((agentSection(ctx.workspace).heldOutDatasets ?? []).map((d) => d.toLowerCase()));
    const isHeldOut = (e: EvalRunRecord) => e.heldOut === true || (!!e.dataset && heldOutNames.has(e.dataset.toLowerCase()));
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];

    // One population item per model name: evals are of a model, whichever services use it.
    const models = new Map<string, ReturnType<typeof productionModels>>();
    for (const m of productionModels(ctx)) models.set(m.responseModel, [...(models.get(m.responseModel) ?? []), m]);

    for (const [model, uses] of [...models].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const first = uses.reduce((a, b) => (b.firstSeenAt < a.firstSeenAt ? b : a));
      const lastSeenAt = uses.reduce((x, u) => (u.lastSeenAt > x ? u.lastSeenAt : x), first.lastSeenAt);
      const names = new Set([model, ...changes.filter((c) => changeCovers(c, model, aliasPrefixMatch)).map((c) => c.toModel)]);
      const runs = evals.filter((e) => names.has(e.model)).sort(byFinish);
      const held = runs.filter(isHeldOut);
      const trace: TraceStep[] = [{ label: 'in production', at: first.firstSeenAt, detail: `${model} served ${uses.map((u) => u.service).join(', ')} from ${first.firstSeenAt} to ${lastSeenAt}`, citation: citationOf(first.first) }];
      for (const e of held.slice(-3)) trace.push({ label: 'held-out eval', at: e.finishedAt, detail: `${e.id}${e.dataset ? ` on ${e.dataset}` : ''}: score ${e.score}${e.threshold !== undefined ? ` (threshold ${e.threshold})` : ''}, ${verdictWord(e)}`, citation: citationOf(e) });
      items.push({ id: model, subject: model, at: first.firstSeenAt, trace });
      const add = (rule: string, detail: string, at: string | undefined, cites: EvalRunRecord[]) =>
        exceptions.push({ rule, subject: model, detail, ...(at ? { at } : {}), citations: [citationOf(first.first), ...cites.map(citationOf)], itemId: model });

      if (runs.length === 0) {
        add('eval.missing', `${model} served production (${uses.map((u) => u.service).join(', ')}) but no eval run of it was collected.`, first.firstSeenAt, []);
        continue;
      }
      if (held.length === 0) {
        add('eval.not_held_out', `${model} has ${runs.length} eval run(s) (${runs.map((r) => `${r.id}${r.dataset ? ` on ${r.dataset}` : ''}`).join(', ')}), none on a held-out set.`, runs.at(-1)?.finishedAt, runs.slice(-3));
        continue;
      }
      const start = [ctx.period.from, localDate(first.firstSeenAt, ctx.timezone)].sort()[1];
      const end = [ctx.asOf, localDate(lastSeenAt, ctx.timezone)].sort()[0];
      const days = held.map((e) => localDate(e.finishedAt, ctx.timezone));
      if (unit) {
        // One held-out run per calendar unit while the model served; the gate run shortly before
        // its first production use covers the unit it went live in.
        for (const u of unitsOverlapping({ from: start, to: end }, unit)) {
          if (u.to > ctx.asOf) continue;
          const covered = days.some((d) => d >= u.from && d <= u.to) || (u.from <= start && days.some((d) => d < start && d >= addDays(start, -31)));
          if (!covered) {
            const prev = held.filter((e) => localDate(e.finishedAt, ctx.timezone) < u.from).at(-1);
            add('eval.stale', `${model} served production in ${u.label} (${u.from} to ${u.to}, ${ctx.timezone}) with no held-out eval finished in that ${unit === 'monthly' ? 'calendar month' : unit === 'weekly' ? 'ISO week' : 'calendar unit'}${prev ? `; the previous one finished on ${localDate(prev.finishedAt, ctx.timezone)}` : ''}.`, undefined, prev ? [prev] : []);
          }
        }
      } else {
        // Longest stretch without a held-out run while the model served, within the period.
        let prev = days.filter((d) => d <= start).at(-1) ?? start;
        let gap = { from: prev, to: prev, days: 0 };
        for (const d of [...days.filter((x) => x > start && x <= end), end]) {
          const g = daysBetween(prev, d);
          if (g > gap.days) gap = { from: prev, to: d, days: g };
          prev = d;
        }
        if (gap.days > cadence) {
          add('eval.stale', `${model} went ${gap.days} days (${gap.from} to ${gap.to}) without a held-out eval while serving production; the cadence is ${cadence} days.`, undefined, held.filter((e) => localDate(e.finishedAt, ctx.timezone) === gap.from));
        }
      }
      const latest = held.at(-1) as EvalRunRecord;
      const verdict = evalVerdict(latest);
      if (verdict.passed !== true) {
        add('eval.failed', `The latest held-out eval of ${model}, ${latest.id}, ${verdict.passed === false ? 'failed' : 'does not count as passing'}: ${verdict.why}.`, latest.finishedAt, [latest]);
      }
    }
    return {
      populationQuery: `models observed serving production (model_observation in ${productionEnvironments(ctx).join(', ')}) between ${ctx.period.from} and ${ctx.period.to}; eval_run records of the same model (or its declared name) finished by ${ctx.asOf}`,
      items,
      exceptions,
    };
  },
};
