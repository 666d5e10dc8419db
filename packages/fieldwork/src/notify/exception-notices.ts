import type { ControlResult } from '@fieldwork/core';
import type { Notice } from './notice.js';

/** The exceptions of one check run, as stored (`runs.data.results`). */
export interface CheckRunExceptions {
  runId: number;
  results: readonly Pick<ControlResult, 'control' | 'title' | 'exceptions'>[];
}

/** Identifies an exception across runs: the control, rule, subject, and item or time. */
export function exceptionKey(control: string, e: { rule: string; subject: string; itemId?: string; at?: string }): string {
  return [control, e.rule, e.subject, e.itemId ?? e.at ?? ''].join('|');
}

/**
 * Exceptions in `latest` that `previous` did not have (new) and the ones it had that `latest`
 * no longer has (closed), each routed by `ownersOf(control)`. Without a previous run, every
 * open exception is new. Ids carry the latest run, so an exception that closes and opens again
 * is told again.
 *
 * @example
 * exceptionNotices(undefined, { runId: 3, results }, (c) => ownersOfRole(config, roleOf(c)))
 */
export function exceptionNotices(previous: CheckRunExceptions | undefined, latest: CheckRunExceptions, ownersOf: (control: string) => string[]): Notice[] {
  const keys = (run: CheckRunExceptions | undefined) => {
    const m = new Map<string, { control: string; title: string; e: ControlResult['exceptions'][number] }>();
    for (const r of run?.results ?? []) for (const e of r.exceptions) m.set(exceptionKey(r.control, e), { control: r.control, title: r.title, e });
    return m;
  };
  const before = keys(previous);
  const now = keys(latest);
  const out: Notice[] = [];
  for (const [k, x] of now) {
    if (before.has(k)) continue;
    out.push({
      id: `exception:${k}@${latest.runId}`, kind: 'exception_new', owners: ownersOf(x.control), control: x.control,
      title: `${x.control} ${x.title}: ${x.e.subject}`, detail: `${x.e.rule}: ${x.e.detail}`, link: `/controls/${encodeURIComponent(x.control)}`, ...(x.e.at ? { at: x.e.at } : {}),
    });
  }
  for (const [k, x] of before) {
    if (now.has(k)) continue;
    out.push({
      id: `exception-closed:${k}@${latest.runId}`, kind: 'exception_closed', owners: ownersOf(x.control), control: x.control,
      title: `${x.control} ${x.title}: ${x.e.subject}`, detail: `${x.e.rule} no longer found by the latest check`, link: `/controls/${encodeURIComponent(x.control)}`,
    });
  }
  return out;
}
