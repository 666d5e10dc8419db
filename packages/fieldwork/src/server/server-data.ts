import { localDate, ninetyDayPlan, planResultKey, recordsOf } from '@fieldwork/core';
import type { AuditReport, CheckRun, Control, ControlResult, NinetyDayPlan, TypeOneReport } from '@fieldwork/core';
import { matchesFilter, trendFacets, trendSeries } from '@fieldwork/core/history';
import type { Trend, TrendFacets, TrendFilter } from '@fieldwork/core/history';
import type { SourceOutcome } from '../collectors/index.js';
import type { LedgerEntry } from '../evidence/index.js';
import { roleHolder } from '../pipeline/audit-workspace.js';
import { checkRunJson } from '../pipeline/check-workspace.js';
import { checkHistory } from '../pipeline/check-history.js';
import { buildEvidenceMap } from '../report/index.js';
import type { EvidenceMap } from '../report/index.js';
import { isPlaceholderPerson, resolveControls, sourceNames } from '../workspace/index.js';
import type { ServerContext } from './server-context.js';
import { countSources, latestEntryPerSource } from '../store/index.js';

/** A check run as stored by `checkWorkspace`. */
export type StoredCheck = CheckRun & { controls?: Control[] };

/** A stored run with its id and time. */
export interface RunOf<T> {
  id: number;
  createdAt: string;
  data: T;
}

// Runs are immutable once stored, so a parsed run is kept until a newer one of its type appears
// (a cheap id query per request; several instances sharing PostgreSQL stay consistent).
const cache = new WeakMap<ServerContext, Map<string, RunOf<unknown>>>();

/** The latest stored run of a type (`check`, `audit`, `audit-type1`), read, never recomputed. */
export async function latestRun<T>(ctx: ServerContext, type: string): Promise<RunOf<T> | undefined> {
  const head = await ctx.store.db.selectFrom('runs').select('id').where('type', '=', type).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!head) return undefined;
  let byType = cache.get(ctx);
  if (!byType) cache.set(ctx, (byType = new Map()));
  const hit = byType.get(type);
  if (hit && hit.id === Number(head.id)) return hit as RunOf<T>;
  const run = await ctx.store.latestRun<T>(type);
  if (run) byType.set(type, run);
  return run;
}

export const latestCheck = (ctx: ServerContext) => latestRun<StoredCheck>(ctx, 'check');
export const latestAudit = (ctx: ServerContext) => latestRun<AuditReport>(ctx, 'audit');
export const latestTypeOne = (ctx: ServerContext) => latestRun<TypeOneReport>(ctx, 'audit-type1');

/** The `check --json` contract of a stored run, plus its run id and time. */
export function checkJson(ctx: ServerContext, run: RunOf<StoredCheck>) {
  const controls = run.data.controls ?? resolveControls(ctx.workspace().config);
  return { runId: run.id, createdAt: run.createdAt, ...checkRunJson(run.data, controls) };
}

/** The evidence map from the latest check run and the ledger. */
export async function evidenceMapOf(ctx: ServerContext): Promise<EvidenceMap> {
  const ws = ctx.workspace();
  const run = await latestCheck(ctx);
  return buildEvidenceMap({
    config: ws.config, controls: resolveControls(ws.config), sourceNames: sourceNames(ws.config.sources),
    results: run?.data.results, checkRunAt: run?.createdAt ?? null, period: run?.data.period ?? null, ledger: await latestEntryPerSource(ctx.store.db), now: ctx.now(),
    risks: (await ctx.store.loadRecords(['risk'])).risk ?? [],
  });
}

/**
 * Each configured source with its latest ledger entry (null when never collected). `ledger` needs
 * only each source's latest entry (see `latestEntryPerSource`); any superset gives the same answer.
 */
export function sourcesWithLastCollection(ctx: ServerContext, ledger: LedgerEntry[]) {
  const config = ctx.workspace().config;
  const last = new Map<string, LedgerEntry>();
  for (const e of ledger) {
    const prev = last.get(e.source);
    if (!prev || e.collectedAt >= prev.collectedAt) last.set(e.source, e);
  }
  const names = sourceNames(config.sources);
  const configured = config.sources.map((s, i) => ({ name: names[i], kind: s.kind, last: last.get(names[i]) ?? null }));
  // Sources removed from fieldwork.yaml keep their evidence; list them too.
  const removed = [...last.values()].filter((e) => !names.includes(e.source)).map((e) => ({ name: e.source, kind: e.kind, last: e }));
  return [...configured, ...removed];
}

const ORDER: Record<string, number> = { exception: 0, insufficient_evidence: 1, not_tested: 2, pass: 3 };

/** Results with exceptions first, then missing evidence, untested, passing; by control id inside each. */
export function resultsByUrgency(results: readonly ControlResult[]): ControlResult[] {
  return [...results].sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || b.exceptions.length - a.exceptions.length || (a.control < b.control ? -1 : 1));
}

/** The 90-day plan from the latest stored check run (no run: its tasks say to run one). */
export async function planOf(ctx: ServerContext): Promise<NinetyDayPlan> {
  const ws = ctx.workspace();
  const today = localDate(ctx.now(), ws.config.timezone);
  const run = await latestCheck(ctx);
  const results = run?.data.results ?? [];
  return ninetyDayPlan({
    start: ws.config.startDate ?? today, today,
    ownerOf: (role) => roleHolder(ws, role) ?? `${ws.config.owners.compliance.name} (no ${role} named)`,
    ownerIsPlaceholder: isPlaceholderPerson(ws.config.owners.compliance),
    auditorSelected: !!(ws.config as Record<string, unknown>).auditor,
    evidenceSources: await countSources(ctx.store.db, ['policies-md', 'policy-approval']),
    policies: recordsOf(await ctx.store.loadRecords(['policy']), 'policy'),
    results: new Map(results.filter((r) => planResultKey(r)).map((r) => [planResultKey(r) as string, r])),
    typeOneAssessed: !!(await latestTypeOne(ctx)),
    report: ws.config.scope.report,
  });
}

/** A collection's outcomes in the `collect --json` shape. */
export function collectJson(outcomes: SourceOutcome[]) {
  return {
    sources: outcomes.map((o) => ({
      name: o.name, kind: o.kind, status: o.status, records: o.records, ignored: o.ignored,
      artifacts: o.artifacts.map((a) => ({ name: a.name, sha256: a.sha256, status: a.status, records: a.records ?? 0, populations: a.populations ?? {}, ignored: a.ignored ?? [], ...(a.error ? { error: a.error.toJSON() } : {}) })),
      ...(o.error ? { error: o.error.toJSON() } : {}),
    })),
  };
}

/** The trend of the latest `runs` check runs for the controls `filter` selects, with the filter choices. */
export async function trendOf(ctx: ServerContext, filter: TrendFilter, runs: number): Promise<{ trend: Trend; facets: TrendFacets }> {
  // One run more than shown: the run before the window, which its first run's opened/closed compare with.
  const read = await checkHistory(ctx.store, { limit: runs + 1, controls: () => resolveControls(ctx.workspace().config) });
  const points = read.length > runs ? read.slice(1) : read;
  return { trend: trendSeries(points, filter, { baseline: read.length > runs ? read[0] : undefined }), facets: trendFacets(points) };
}

/** A role as the person who holds it (`security (Sam Lee <sam@…>)`), or the role alone when nobody does. */
export function ownerNameOf(ctx: ServerContext): (role: string) => string {
  const ws = ctx.workspace();
  return (role) => {
    const who = roleHolder(ws, role);
    return who ? `${role} (${who.replace(/\s*<[^>]*>$/, '')})` : role;
  };
}

/** The results a control filter keeps (status is each result's own), with the filter choices the results offer. */
export function filterResults(results: readonly ControlResult[], controls: readonly Control[], filter: TrendFilter): { results: ControlResult[]; facets: TrendFacets } {
  const meta = new Map(controls.map((c) => [c.id, c]));
  const described = results.map((r) => {
    const m = meta.get(r.control);
    return { r, c: { id: r.control, title: r.title, category: m?.category ?? 'unknown', ownerRole: m?.ownerRole ?? 'unknown', criteria: m ? [...m.criteria] : [] } };
  });
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  return {
    results: described.filter(({ r, c }) => matchesFilter(c, r.status, filter)).map(({ r }) => r),
    facets: {
      categories: sorted(described.map(({ c }) => c.category)), owners: sorted(described.map(({ c }) => c.ownerRole)), criteria: sorted(described.flatMap(({ c }) => c.criteria)),
      statuses: (['exception', 'insufficient_evidence', 'not_tested', 'pass'] as const).filter((s) => results.some((r) => r.status === s)),
    },
  };
}
