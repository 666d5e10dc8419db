import { countItems, keepItems, runChecksFrom, withoutItems } from '@fieldwork/core';
import { summarizeRun } from '@fieldwork/core/history';
import type { CheckRun, Control, ControlResult, PopulationKeeper, RecordKind, RecordOf, RecordReader } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls, resolvePeriod } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { requestsOverdue } from './requests-overdue.js';

/** A stored check run: results plus the controls they were run against. */
export interface StoredCheckRun extends CheckRun {
  runId: number;
  createdAt: string;
  controls: Control[];
}

/** The `check --json` contract shape of a run. */
export function checkRunJson(run: CheckRun, controls: Control[]) {
  const json = checkResultJson(controls);
  return { period: run.period, asOf: run.asOf, summary: summarize(run.results), results: run.results.map(json) };
}

/** One result in the `check --json` shape (for output written a result at a time). */
export function checkResultJson(controls: Control[]) {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return (r: ControlResult) => ({
    control: r.control,
    title: r.title,
    criteria: byId.get(r.control)?.criteria ?? [],
    check: r.check,
    status: r.status,
    population: r.population,
    ...(r.populationQuery ? { populationQuery: r.populationQuery } : {}),
    exceptions: r.exceptions.map((e) => ({ rule: e.rule, subject: e.subject, detail: e.detail, ...(e.at ? { at: e.at } : {}), citations: e.citations })),
    ...(r.notes.length ? { notes: r.notes } : {}),
    ...(r.error ? { error: r.error } : {}),
  });
}

export function summarize(results: ControlResult[]) {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return {
    controls: results.length,
    pass: count('pass'),
    exception: count('exception'),
    insufficient_evidence: count('insufficient_evidence'),
    not_tested: count('not_tested'),
    exceptions: results.reduce((n, r) => n + r.exceptions.length, 0),
  };
}

/** What a caller of {@link checkWorkspace} may do with each control's full result. */
export interface CheckWorkspaceOptions {
  /**
   * Sees each control's result, population items included, as soon as its check returns (in the
   * order the checks run); the items are dropped right after, so use them here (the audit
   * samples them) or not at all.
   */
  onResult?: (result: ControlResult, control: Control) => void;
  /**
   * What is kept of each control's population while its check runs (see `PopulationKeeper`).
   * Default: with `onResult`, every item in memory (`keepItems`); without it, only counts and
   * cited artifacts (`countItems`), all the stored run keeps. The audit passes `spillItems`: the
   * items go to a temporary file and only those it samples are read back (`fullItem`), so a
   * population is never held whole; such items are gone once `onResult` returns.
   */
  keep?: () => PopulationKeeper;
}

/**
 * Runs every check in scope over the period and stores the run. Each check reads only the record
 * kinds it lists, from the store, while it runs (see `runChecksFrom`): memory holds one group of
 * kinds at a time, not the whole store. Each control's result is cut down to what the stored run
 * keeps (count, query, notes, exceptions, the artifacts its population cites) as soon as its
 * check returns, so one control's population items are in memory at a time: the returned run
 * has no items (as a stored run read back has none).
 */
export async function checkWorkspace(ws: LoadedWorkspace, store: FieldworkStore, flags: { from?: string; to?: string } = {}, now = new Date(), o: CheckWorkspaceOptions = {}): Promise<StoredCheckRun> {
  const { period, asOf } = resolvePeriod(ws.config, flags, now);
  const controls = resolveControls(ws.config);
  const onResult = (r: ControlResult, control: Control) => {
    o.onResult?.(r, control);
    return withoutItems(r);
  };
  // One read transaction: the run commits to the head whose records it read, though it reads them kind by kind.
  const { head, run, evidence } = await store.snapshot(async ({ head, reader }) => ({
    head,
    run: await runChecksFrom({ controls, reader, period, timezone: ws.config.timezone, asOf, workspace: { ...ws.config, workspaceDir: ws.dir }, onResult, keep: o.keep ?? (o.onResult ? keepItems : countItems) }),
    evidence: { evidence_submission: await readKind(reader, 'evidence_submission'), evidence_decision: await readKind(reader, 'evidence_decision') },
  }));
  const stored = { ...run, controls };
  const summary = summarizeRun(run, controls, { requestsOverdue: requestsOverdue(ws, controls, evidence, period, asOf) });
  const runId = await store.saveRun('check', period, stored, head ?? null, { summary, keep: ws.config.runs?.keep });
  return { ...stored, runId, createdAt: new Date().toISOString() };
}

async function readKind<K extends RecordKind>(reader: RecordReader, kind: K): Promise<RecordOf<K>[]> {
  const out: RecordOf<K>[] = [];
  for await (const batch of reader.batches(kind)) out.push(...batch);
  return out;
}
