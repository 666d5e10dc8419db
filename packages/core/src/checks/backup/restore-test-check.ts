import { citationOf, recordsOf } from '../../records/index.js';
import type { BackupJobRecord, RestoreTestRecord } from '../../records/index.js';
import { addDays, localDate, quartersOverlapping } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckFold, CheckOutcome, CheckStream, PopulationItem } from '../check.js';
import { evidenceEnd } from '../evidence-end.js';
import { declaredResources, resourceName, succeeded } from './backup-workspace.js';

/** True when the test left something an auditor can inspect: a kept file, a restored resource, or a passed validation. */
export function leftArtifact(t: RestoreTestRecord): boolean {
  if (t.artifactSha256 || t.artifactRef) return true;
  // A manual record's "validation" is only its author's word; automated validation is evidence.
  return t.tool !== 'manual' && /^success/i.test(t.validation ?? '');
}

// Backup jobs arrive in batches (restore tests are loaded whole); see restoreFold.
const restoreStream: CheckStream = { kinds: ['backup_job'], start: (ctx) => restoreFold(ctx) };

/**
 * Each critical resource had a successful restore test in every quarter of the period
 * (`restore.missing`; calendar quarters when `maxIntervalDays` is about a quarter, else windows
 * of that many days from the period start), and every successful test left an artifact
 * (`restore.no_artifact`). Critical resources are those declared `critical: true` under
 * `backups.resources`; with no declaration, every backed-up resource is treated as critical,
 * so "we back up daily" without restore tests fails.
 */
export const restoreTestCheck: Check = {
  id: 'backup.restore-test',
  title: 'Restores tested each quarter and evidenced',
  requires: [],
  reads: ['backup_job', 'restore_test'],
  stream: restoreStream,
  run: (ctx) => runStream(restoreStream, ctx),
};

function restoreFold(ctx: CheckContext): CheckFold {
  // Of the backup jobs, kept are the resources backed up and the recovery points restore tests name.
  const named = new Set(recordsOf(ctx.records, 'restore_test').map((t) => t.recoveryPoint).filter((p): p is string => !!p));
  const byRecoveryPoint = new Map<string, string>();
  const resources = new Set<string>();
  return {
    add(_kind, batch) {
      for (const j of batch as readonly BackupJobRecord[]) {
        resources.add(j.resource);
        if (j.recoveryPoint && named.has(j.recoveryPoint)) byRecoveryPoint.set(j.recoveryPoint, j.resource);
      }
    },
    finish: () => restoreOutcome(ctx, byRecoveryPoint, resources),
  };
}

function restoreOutcome(ctx: CheckContext, byRecoveryPoint: ReadonlyMap<string, string>, resources: ReadonlySet<string>): CheckOutcome {
  const tz = ctx.timezone;
  const maxInterval = Number(ctx.params.maxIntervalDays ?? 92);
  const declared = declaredResources(ctx.workspace);
  const end = evidenceEnd(ctx);
  const critical = declared.length > 0
    ? declared.filter((d) => d.critical).map((d) => d.name)
    : [...resources];
  // A restore names its source resource, or only the recovery point it restored: find the resource through the backup.
  const nameOf = (t: RestoreTestRecord) => {
    const direct = resourceName(t.resource, declared);
    if (direct !== t.resource || !t.recoveryPoint) return direct;
    const via = byRecoveryPoint.get(t.recoveryPoint);
    return via ? resourceName(via, declared) : direct;
  };
  const tests = recordsOf(ctx.records, 'restore_test').map((t) => ({ t, name: nameOf(t), day: localDate(t.at, tz) })).sort((a, b) => (a.t.at < b.t.at ? -1 : 1));
  const windows = maxInterval >= 89 && maxInterval <= 92
    ? quartersOverlapping(ctx.period)
    : (() => {
      const out: { label: string; from: string; to: string }[] = [];
      for (let w = ctx.period.from; w <= ctx.period.to; w = addDays(w, maxInterval)) out.push({ label: `${w}+${maxInterval}d`, from: w, to: addDays(w, maxInterval - 1) });
      return out;
    })();

  const items: PopulationItem[] = [];
  const exceptions: CheckException[] = [];
  const notes: string[] = [];
  for (const name of critical.sort()) {
    for (const w of windows) {
      if (w.to > ctx.asOf) {
        notes.push(`${w.label} ends after the evidence date ${ctx.asOf}; restore tests for it are not yet due.`);
        continue;
      }
      const here = tests.filter((x) => x.name === name && x.day >= w.from && x.day <= w.to);
      const ok = here.filter((x) => succeeded(x.t.status));
      const id = `${name}|${w.label}`;
      items.push({ id, subject: name, at: w.to, trace: here.length > 0
        ? here.map((x) => ({ label: `restore test ${x.t.status}`, at: x.t.at, detail: `${x.t.tool} ${x.t.id}${x.t.validation ? `, validation ${x.t.validation}` : ''}${x.t.artifactRef ? `, artifact ${x.t.artifactRef}` : ''}`, citation: citationOf(x.t) }))
        : [{ label: 'no restore test', detail: `${w.from}..${w.to}` }] });
      if (ok.length === 0) {
        exceptions.push({ rule: 'restore.missing', subject: name, at: w.to, itemId: id, citations: here.map((x) => citationOf(x.t)),
          detail: `No successful restore test of ${name} in ${w.label} (${w.from} to ${w.to})${here.length > 0 ? `; ${here.length} test(s) did not succeed` : ''}.` });
      }
    }
  }
  for (const { t, name, day } of tests) {
    if (day < ctx.period.from || day > end || !succeeded(t.status) || leftArtifact(t)) continue;
    exceptions.push({ rule: 'restore.no_artifact', subject: name, at: t.at, itemId: items.find((i) => i.subject === name && i.trace.some((s) => s.at === t.at))?.id, citations: [citationOf(t)],
      detail: `Restore test ${t.id} of ${name} on ${day} (${t.tool}) left no artifact: no restored resource, kept file or automated validation${t.notes ? ` (${t.notes})` : ''}.` });
  }
  if (declared.length === 0 && critical.length > 0) notes.push('No resources are declared under backups.resources; every backed-up resource is treated as critical.');
  return {
    populationQuery: `critical resources (${critical.length}) × ${maxInterval >= 89 && maxInterval <= 92 ? 'calendar quarters' : `${maxInterval}-day windows`} overlapping ${ctx.period.from}..${ctx.period.to} in ${tz}; restore_test records by resource (or by the recovery point's backup job)`,
    items,
    exceptions,
    notes: [...new Set(notes)],
  };
}
