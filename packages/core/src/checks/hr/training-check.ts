import { citationOf, recordsOf } from '../../records/index.js';
import type { TrainingRecord } from '../../records/index.js';
import { localDate } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { spellDeadlines } from './completion-windows.js';
import type { Completion } from './completion-windows.js';
import { byEmail, peopleStream, recordsFor, spellInScope, subjectOf, workerTypesOf } from './people-scope.js';

/** The source kinds that carry training completions, named when none was collected. */
export const TRAINING_SOURCES = ['training-csv', 'knowbe4-enrollments'];

const stream = peopleStream((ctx, people) => {
  const rules = { withinDays: Number(ctx.params.withinDays ?? 30), renewMonths: Number(ctx.params.renewMonths ?? 12), preStartDays: Number(ctx.params.preStartDays ?? 14) };
  const types = workerTypesOf(ctx, ['employee', 'contractor', 'intern']);
  const courses = (Array.isArray(ctx.params.courses) ? ctx.params.courses.map(String) : []).map((c) => c.toLowerCase());
  const all = recordsOf(ctx.records, 'training');
  const counted = all.filter((t) => t.completedAt && (courses.length === 0 || courses.some((c) => t.course.toLowerCase().includes(c))));
  const populationQuery = `training deadlines falling between ${ctx.period.from} and ${ctx.period.to} for ${types.join(', ')} in HR: completion within ${rules.withinDays} days of each start${rules.renewMonths > 0 ? ` and within ${rules.renewMonths} months of each completion` : ''}${courses.length ? `; courses matching ${courses.join(', ')}` : ''}`;
  if (all.length === 0) {
    return { populationQuery, items: [], exceptions: [], status: 'insufficient_evidence', notes: [`No training records collected: add a ${TRAINING_SOURCES.join(' or ')} source. Without them nothing shows whether anyone was trained, which is not the same as nobody being trained.`] };
  }
  const index = byEmail(counted);
  const items: PopulationItem[] = [];
  const exceptions: CheckException[] = [];
  let owedNothing = 0;
  let notDue = 0;
  for (const person of people()) {
    const done: Completion<TrainingRecord>[] = recordsFor(person, index)
      .map((r) => ({ day: localDate(r.completedAt as string, ctx.timezone), record: r }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    for (const spell of person.spells) {
      if (!spellInScope(spell, types)) continue;
      const hr = spell.rows.at(-1)!;
      const subject = subjectOf(spell);
      for (const d of spellDeadlines(spell, done, rules, ctx.asOf, ctx.period.to)) {
        if (d.due < ctx.period.from || d.due > ctx.period.to) continue;
        if (d.outcome.status === 'left') { owedNothing++; continue; }
        if (d.outcome.status === 'not_due') { notDue++; continue; }
        const itemId = `${hr.id}:${spell.start}:${d.kind}:${d.due}`;
        const what = d.kind === 'hire' ? `within ${rules.withinDays} days of starting on ${spell.start}` : `within ${rules.renewMonths} months of the previous training (${d.from} to ${d.due})`;
        const trace: TraceStep[] = [{ label: 'HR start date', at: spell.start, detail: `${hr.name ?? subject} (${spell.workerTypes.join(' then ')}) started on ${spell.start}; training due by ${d.due}`, citation: citationOf(hr) }];
        const o = d.outcome;
        if (o.status === 'met' || o.status === 'late') {
          const r = o.first.record;
          trace.push({ label: `${r.course} completed`, at: r.completedAt, detail: `${r.status ?? 'completed'}${r.campaign ? ` in ${r.campaign}` : ''} on ${o.first.day}`, citation: citationOf(r) });
        }
        if (o.status === 'late') {
          exceptions.push({ rule: `training.${d.kind}_late`, subject, detail: `Training was due ${what}, by ${d.due}; first completed on ${o.first.day}.`, at: o.first.record.completedAt, citations: [citationOf(hr), citationOf(o.first.record)], itemId });
        } else if (o.status === 'missing') {
          const open = recordsFor(person, byEmail(all)).filter((t) => !t.completedAt);
          exceptions.push({ rule: `training.${d.kind}_missing`, subject, detail: `Training was due ${what}, by ${d.due}; no completed training by ${ctx.asOf}${open.length ? ` (${open.length} enrollment(s) not completed: ${open.slice(0, 2).map((t) => `${t.course}${t.status ? `, ${t.status}` : ''}`).join('; ')})` : ''}.`, citations: [citationOf(hr), ...open.slice(0, 2).map(citationOf)], itemId });
        }
        items.push({ id: itemId, subject, at: d.due, trace });
      }
    }
  }
  const notes = [
    ...(owedNothing ? [`${owedNothing} deadline(s) in the period fell after the person had left; nothing was owed.`] : []),
    ...(notDue ? [`${notDue} deadline(s) fall after the evidence date ${ctx.asOf}.`] : []),
  ];
  return { populationQuery, items, exceptions, ...(notes.length ? { notes } : {}) };
});

/**
 * Everyone in scope completes security-awareness training within `withinDays` of starting and
 * again within `renewMonths` of each completion. Each deadline falling in the period is one
 * population item; a leaver who left before a deadline owed nothing, and a rehire starts over.
 */
export const trainingCheck: Check = {
  id: 'hr.training',
  title: 'Security-awareness training on joining and every year',
  requires: ['person'],
  reads: ['person', 'access_event', 'training'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};
