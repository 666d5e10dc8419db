import { recordsOf } from '../../records/index.js';
import type { EvalRunRecord, ModelChangeRecord, ModelObservationRecord, RecordSet } from '../../records/index.js';
import { endOfDay, startOfDay } from '../../time/index.js';
import type { CheckContext } from '../check.js';
import { isProduction } from './agent-inventory.js';
import { productionScope } from './production-scope.js';

/** A model seen serving one service in production: all its observations merged. */
export interface ProductionModel {
  /** `service|model`, unique per check. */
  key: string;
  service: string;
  /** The environment name as first observed (`production`, `prod`…). */
  environment: string;
  responseModel: string;
  requestedModels: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  calls: number;
  /** The observation holding the first production use (its span is the citation). */
  first: ModelObservationRecord;
}

/** The production environment names in force: the control's parameter, else the workspace `agent:` section, else production/prod. */
export function productionEnvironments(ctx: Pick<CheckContext, 'params' | 'workspace'>): string[] {
  return productionScope(ctx).environments;
}

/**
 * Models observed in production environments whose use overlaps the period, merged per
 * service and response model across every trace artifact (first and last seen, call count).
 */
export function productionModels(ctx: Pick<CheckContext, 'records' | 'params' | 'workspace' | 'period' | 'timezone'>): ProductionModel[] {
  const envs = productionEnvironments(ctx);
  const from = startOfDay(ctx.period.from, ctx.timezone);
  const to = endOfDay(ctx.period.to, ctx.timezone);
  const byKey = new Map<string, ProductionModel>();
  for (const o of recordsOf(ctx.records, 'model_observation')) {
    if (!isProduction(o.environment, envs)) continue;
    if (o.lastSeenAt < from || o.firstSeenAt >= to) continue;
    const key = `${o.service}|${o.responseModel}`;
    const m = byKey.get(key);
    if (!m) {
      byKey.set(key, {
        key, service: o.service, environment: o.environment, responseModel: o.responseModel, requestedModels: o.requestedModel ? [o.requestedModel] : [],
        firstSeenAt: o.firstSeenAt, lastSeenAt: o.lastSeenAt, calls: o.calls, first: o,
      });
      continue;
    }
    if (o.firstSeenAt < m.firstSeenAt) {
      m.firstSeenAt = o.firstSeenAt;
      m.first = o;
      m.environment = o.environment;
    }
    if (o.lastSeenAt > m.lastSeenAt) m.lastSeenAt = o.lastSeenAt;
    m.calls += o.calls;
    if (o.requestedModel && !m.requestedModels.includes(o.requestedModel)) m.requestedModels.push(o.requestedModel);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Whether a declared change covers a response model: the same name, one of the change's
 * declared aliases, or — only with `aliasPrefixMatch` — a dated snapshot of it
 * (`gpt-4.1` covers `gpt-4.1-2025-04-14`).
 */
export function changeCovers(change: ModelChangeRecord, responseModel: string, aliasPrefixMatch: boolean): boolean {
  if (change.toModel === responseModel) return true;
  if (change.toAliases?.includes(responseModel)) return true;
  return aliasPrefixMatch && responseModel.startsWith(`${change.toModel}-`);
}

/** Declared production changes of a service, oldest first. */
export function productionChanges(records: RecordSet, service: string, envs: readonly string[]): ModelChangeRecord[] {
  return recordsOf(records, 'model_change')
    .filter((c) => c.service.toLowerCase() === service.toLowerCase() && isProduction(c.environment, envs))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The check's verdict on an eval run: passed, failed, or not judgeable, and why in words. */
export interface EvalVerdict {
  passed: boolean | undefined;
  why: string;
}

/**
 * Judges an eval run from what the source stated: a run with no tests proves nothing; a
 * score below its threshold fails even when the source said it passed (the numbers win);
 * otherwise the stated verdict, else score against threshold, else a failure count of zero.
 * With none of these the run cannot be judged (`passed` undefined).
 */
export function evalVerdict(e: EvalRunRecord): EvalVerdict {
  const score = `score ${e.score}`;
  if (e.tests === 0) return { passed: false, why: 'it ran no tests' };
  if (e.passed === false) return { passed: false, why: `the source states it failed (${score}${e.threshold !== undefined ? `, threshold ${e.threshold}` : ''})` };
  if (e.threshold !== undefined && e.score < e.threshold) {
    return { passed: false, why: `${score} is below the threshold ${e.threshold}${e.passed === true ? ', although the source states it passed' : ''}` };
  }
  if (e.passed === true) return { passed: true, why: `the source states it passed (${score}${e.threshold !== undefined ? `, threshold ${e.threshold}` : ''})` };
  if (e.threshold !== undefined) return { passed: true, why: `${score} meets the threshold ${e.threshold}` };
  if (e.failures !== undefined) return e.failures === 0 ? { passed: true, why: `${score}, no failures` } : { passed: false, why: `${score}, ${e.failures} failure(s)` };
  return { passed: undefined, why: `it cannot be judged: ${score} with no threshold, no stated result and no failure count` };
}

/** Whether an eval run passed; a run that cannot be judged does not. */
export function evalPassed(e: EvalRunRecord): boolean {
  return evalVerdict(e).passed === true;
}
