import { citationOf } from '../../records/index.js';
import type { BackupJobRecord, Citation } from '../../records/index.js';
import { addDays, localDate } from '../../time/index.js';
import { populationOf, runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckFold, CheckOutcome, CheckStream } from '../check.js';
import { evidenceEnd } from '../evidence-end.js';
import { declaredResources, resourceName, succeeded } from './backup-workspace.js';
import type { DeclaredResource } from './backup-workspace.js';

// Jobs arrive in batches and are folded per resource and local day (see {@link Day}).
const cadenceStream: CheckStream = { kinds: ['backup_job'], start: (ctx) => cadenceFold(ctx) };

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
  stream: cadenceStream,
  run: (ctx) => runStream(cadenceStream, ctx),
};

/** What a window needs of a job: what its trace shows and cites. */
type KeptJob = Pick<BackupJobRecord, 'at' | 'completedAt' | 'tool' | 'jobId' | 'status'> & { citation: Citation };

/**
 * One resource's jobs folded by local day: a day with a completed job keeps its first one in
 * time order (every window holding that day passes on it); a day without keeps its failed jobs,
 * which a missed window lists.
 */
interface Day { ok?: KeptJob; failed: KeptJob[] }

function cadenceFold(ctx: CheckContext): CheckFold {
  const tz = ctx.timezone;
  const declared = declaredResources(ctx.workspace);
  const jobsBy = new Map<string, { days: Map<string, Day>; first: string }>();
  const keep = (j: BackupJobRecord): KeptJob => ({ at: j.at, completedAt: j.completedAt, tool: j.tool, jobId: j.jobId, status: j.status, citation: citationOf(j) });
  return {
    add(_kind, batch) {
      for (const j of batch as readonly BackupJobRecord[]) {
        const name = resourceName(j.resource, declared);
        const d = localDate(j.at, tz);
        let r = jobsBy.get(name);
        if (!r) jobsBy.set(name, (r = { days: new Map(), first: d }));
        else if (d < r.first) r.first = d;
        let day = r.days.get(d);
        if (!day) r.days.set(d, (day = { failed: [] }));
        if (!succeeded(j.status)) {
          if (!day.ok) day.failed.push(keep(j));
        } else if (!day.ok || j.at < day.ok.at) {
          day.ok = keep(j);
          day.failed = [];
        }
      }
    },
    finish() {
      // A window lists a day's failed jobs in time order.
      for (const r of jobsBy.values()) for (const day of r.days.values()) day.failed.sort((a, b) => (a.at < b.at ? -1 : 1));
      return cadenceOutcome(ctx, declared, jobsBy);
    },
  };
}

function cadenceOutcome(ctx: CheckContext, declared: DeclaredResource[], jobsBy: ReadonlyMap<string, { days: Map<string, Day>; first: string }>): CheckOutcome {
  const tz = ctx.timezone;
  const defaultCadence = Number(ctx.params.cadenceDays ?? 1);
  const end = evidenceEnd(ctx);
  const population = declared.map((d) => ({ name: d.name, cadence: d.cadenceDays ?? defaultCadence, start: ctx.period.from, declared: true }));
  for (const [name, { first }] of jobsBy) {
    if (population.some((p) => p.name === name)) continue;
    population.push({ name, cadence: defaultCadence, start: first > ctx.period.from ? first : ctx.period.from, declared: false });
  }
  if (population.length === 0) {
    return { populationQuery: 'backup_job records and backups.resources', items: [], exceptions: [], status: 'insufficient_evidence',
      notes: ['No backup jobs were collected and no resources are declared under backups.resources.'] };
  }

  // Each window's item goes to the run's sink as it is made (or is kept for the outcome).
  const items = populationOf(ctx);
  const exceptions: CheckException[] = [];
  for (const { name, cadence, start, declared: isDeclared } of population.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const byDay = jobsBy.get(name)?.days ?? new Map<string, Day>();
    let missed: { from: string; to: string; failed: KeptJob[] } | undefined;
    const flush = () => {
      if (!missed) return;
      const days = Math.round((Date.parse(missed.to) - Date.parse(missed.from)) / 86_400_000) + 1;
      exceptions.push({
        rule: 'backup.missed', subject: name, at: missed.from, itemId: `${name}|${missed.from}`,
        detail: `No completed backup of ${name} ${missed.from === missed.to ? `on ${missed.from}` : `from ${missed.from} to ${missed.to} (${days} days)`}${cadence > 1 ? ` (cadence ${cadence} days)` : ''}${missed.failed.length > 0 ? `; ${missed.failed.length} job(s) failed or did not finish` : ''}${isDeclared ? '' : '; resource not declared under backups.resources, tested at the default cadence'}.`,
        citations: missed.failed.slice(0, 5).map((j) => ({ ...j.citation })),
      });
      missed = undefined;
    };
    // Only whole windows are judged; a shorter last window is left for the next period.
    for (let w = start; addDays(w, cadence - 1) <= end; w = addDays(w, cadence)) {
      const wEnd = addDays(w, cadence - 1);
      const inWindow: KeptJob[] = [];
      let ok: KeptJob | undefined;
      for (let d = w; d <= wEnd; d = addDays(d, 1)) {
        const day = byDay.get(d);
        if (day?.ok && !ok) ok = day.ok;
        if (day && !day.ok) inWindow.push(...day.failed);
      }
      items.add({ id: `${name}|${w}`, subject: name, at: w, trace: ok
        ? [{ label: 'backup completed', at: ok.completedAt ?? ok.at, detail: `${ok.tool} job ${ok.jobId} (${ok.status})`, citation: { ...ok.citation } }]
        : [{ label: 'no completed backup', detail: `${w}..${wEnd}${inWindow.length > 0 ? `: ${inWindow.map((j) => `${j.jobId} ${j.status}`).join(', ')}` : ''}` }, ...inWindow.map((j) => ({ label: `backup ${j.status}`, at: j.at, citation: { ...j.citation } }))] });
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
    items: items.items,
    exceptions,
  };
}
