import { FieldworkError } from '@fieldwork/core';
import { Cron } from 'croner';
import { sourceNames, WORKSPACE_FILE } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { jobKind, jobKindNames } from './job-kinds.js';
import type { ScheduledJobKind } from './job-kinds.js';
import type { QueueSettings, ScheduledJobConfig } from './schedule-config.js';
import { scheduleSectionSchema } from './schedule-config.js';

/** A schedule entry ready to run: its unique name, its kind and its cron. */
export interface ScheduledJob extends ScheduledJobConfig {
  name: string;
  kind: ScheduledJobKind;
  timezone: string;
  /** The first fire time strictly after `after`, or null when the expression never fires again. */
  nextRun(after: Date): Date | null;
}

/** The compiled `schedule:` section. */
export interface SchedulePlan {
  jobs: ScheduledJob[];
  queue: QueueSettings;
}

/**
 * Compiles a workspace's `schedule:` section: names each entry, checks the job kinds and
 * source names, and reads each cron expression with croner in its timezone. A problem is a
 * CONFIG_INVALID error naming fieldwork.yaml, the entry and a hint.
 *
 * @example
 * const plan = compileSchedule(loadWorkspace('.'));
 * plan.jobs[0].nextRun(new Date()); // next fire time
 */
export function compileSchedule(ws: LoadedWorkspace): SchedulePlan {
  const raw = (ws.config as { schedule?: unknown }).schedule;
  const section = scheduleSectionSchema.parse(raw ?? {});
  const bad = (i: number, field: string, message: string, hint: string) =>
    new FieldworkError('CONFIG_INVALID', `${WORKSPACE_FILE}: schedule.jobs[${i}]: ${message}`, { where: { file: ws.file, pointer: `/schedule/jobs/${i}/${field}` }, hint });
  const counts = new Map<string, number>();
  const names = new Set<string>();
  const sources = new Set(sourceNames(ws.config.sources));
  const jobs = section.jobs.map((j, i): ScheduledJob => {
    const kind = jobKind(j.job);
    if (!kind) throw bad(i, 'job', `no job named "${j.job}".`, `Use one of ${jobKindNames().join(', ')}.`);
    const n = (counts.get(j.job) ?? 0) + 1;
    counts.set(j.job, n);
    const name = j.name ?? (n === 1 ? j.job : `${j.job}-${n}`);
    if (names.has(name)) throw bad(i, 'name', `the name "${name}" is used twice.`, 'Give each schedule entry a unique name; the job history refers to it.');
    names.add(name);
    if (j.sources && j.job !== 'collect') throw bad(i, 'sources', `sources applies to collect jobs only, not ${j.job}.`, 'Remove sources, or use job: collect.');
    for (const s of j.sources ?? []) {
      if (!sources.has(s)) throw bad(i, 'sources', `no source named "${s}".`, `Source names are the name fields under sources: (or the kind when unnamed): ${[...sources].join(', ') || 'none yet'}.`);
    }
    const timezone = j.timezone ?? section.timezone ?? ws.config.timezone;
    const cron = new Cron(j.cron, { paused: true, timezone });
    return { ...j, name, kind, timezone, nextRun: (after) => cron.nextRun(after) };
  });
  return { jobs, queue: section.queue };
}
