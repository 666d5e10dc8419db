import { citationOf, recordsOf } from '../../records/index.js';
import type { BackupJobRecord } from '../../records/index.js';
import { addDays, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem } from '../check.js';
import { evidenceEnd } from '../evidence-end.js';
import { declaredResources, resourceName, succeeded } from './backup-workspace.js';

/**
 * Every resource had a completed backup in each cadence window of the period (windows of
 * `cadenceDays` calendar days from the period start, in the workspace timezone). Declared
 * resources (`backups.resources`) are tested from the period start at their own cadence;
 * resources that have backups but are not declared are tested too, at the control's cadence,
 * from their first backup. Consecutive empty windows are reported as one `backup.missed`.
 */
export const backupCadenceCheck: Check = {
  id: 'backup.success-cadence',
  title: 'Backups completed at the declared cadence',
  requires: [],
  reads: ['backup_job'],
  run(ctx) {
    const tz = ctx.timezone;
    const defaultCadence = Number(ctx.params.cadenceDays ?? 1);
    const declared = declaredResources(ctx.workspace);
    const end = evidenceEnd(ctx);
    const jobsBy = new Map<string, BackupJobRecord[]>();
    for (const j of recordsOf(ctx.records, 'backup_job')) {
      const name = resourceName(j.resource, declared);
      const list = jobsBy.get(name);
      if (list) list.push(j);
      else jobsBy.set(name, [j]);
    }
    const population = declared.map((d) => ({ name: d.name, cadence: d.cadenceDays ?? defaultCadence, start: ctx.period.from, declared: true }));
    for (const [name, jobs] of jobsBy) {
      if (population.some((p) => p.name === name)) continue;
      const first = jobs.map((j) => localDate(j.at, tz)).sort()[0];
      population.push({ name, cadence: defaultCadence, start: first > ctx.period.from ? first : ctx.period.from, declared: false });
    }
    if (population.length === 0) {
      return { populationQuery: 'backup_job records and backups.resources', items: [], exceptions: [], status: 'insufficient_evidence',
        notes: ['No backup jobs were collected and no resources are declared under backups.resources.'] };
    }

    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const { name, cadence, start, declared: isDeclared } of population.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const jobs = (jobsBy.get(name) ?? []).sort((a, b) => (a.at < b.at ? -1 : 1));
      // Each job's local date once, jobs bucketed by it (in time order): a window reads its days' buckets.
      const byDay = new Map<string, BackupJobRecord[]>();
      for (const j of jobs) {
        const d = localDate(j.at, tz);
        const day = byDay.get(d);
        if (day) day.push(j);
        else byDay.set(d, [j]);
      }
      let missed: { from: string; to: string; failed: BackupJobRecord[] } | undefined;
      const flush = () => {
        if (!missed) return;
        const days = Math.round((Date.parse(missed.to) - Date.parse(missed.from)) / 86_400_000) + 1;
        exceptions.push({
          rule: 'backup.missed', subject: name, at: missed.from, itemId: `${name}|${missed.from}`,
          detail: `No completed backup of ${name} ${missed.from === missed.to ? `on ${missed.from}` : `from ${missed.from} to ${missed.to} (${days} days)`}${cadence > 1 ? ` (cadence ${cadence} days)` : ''}${missed.failed.length > 0 ? `; ${missed.failed.length} job(s) failed or did not finish` : ''}${isDeclared ? '' : '; resource not declared under backups.resources, tested at the default cadence'}.`,
          citations: missed.failed.slice(0, 5).map(citationOf),
        });
        missed = undefined;
      };
      // Only whole windows are judged; a shorter last window is left for the next period.
      for (let w = start; addDays(w, cadence - 1) <= end; w = addDays(w, cadence)) {
        const wEnd = addDays(w, cadence - 1);
        const inWindow: BackupJobRecord[] = [];
        for (let d = w; d <= wEnd; d = addDays(d, 1)) for (const j of byDay.get(d) ?? []) inWindow.push(j);
        const ok = inWindow.find((j) => succeeded(j.status));
        items.push({ id: `${name}|${w}`, subject: name, at: w, trace: ok
          ? [{ label: 'backup completed', at: ok.completedAt ?? ok.at, detail: `${ok.tool} job ${ok.jobId} (${ok.status})`, citation: citationOf(ok) }]
          : [{ label: 'no completed backup', detail: `${w}..${wEnd}${inWindow.length > 0 ? `: ${inWindow.map((j) => `${j.jobId} ${j.status}`).join(', ')}` : ''}` }, ...inWindow.map((j) => ({ label: `backup ${j.status}`, at: j.at, citation: citationOf(j) }))] });
        if (ok) flush();
        else if (missed) {
          missed.to = wEnd;
          missed.failed.push(...inWindow);
        } else missed = { from: w, to: wEnd, failed: [...inWindow] };
      }
      flush();
    }
    return {
      populationQuery: `resources (declared under backups.resources, plus any with backup_job records) × windows of their cadence (default ${defaultCadence} day(s)) from ${ctx.period.from} to ${end} in ${tz}; a window passes with one completed backup job`,
      items,
      exceptions,
    };
  },
};
