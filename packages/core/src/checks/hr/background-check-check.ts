import { citationOf, recordsOf } from '../../records/index.js';
import type { BackgroundCheckRecord } from '../../records/index.js';
import { addMonths, localDate } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { byEmail, peopleStream, recordsFor, spellInScope, subjectOf, workerTypesOf } from './people-scope.js';

/** The source kinds that carry background checks, named when none was collected. */
export const BACKGROUND_CHECK_SOURCES = ['background-checks-csv'];

const stream = peopleStream((ctx, people) => {
  const types = workerTypesOf(ctx, ['employee']);
  const validMonths = Number(ctx.params.validMonths ?? 12);
  const all = recordsOf(ctx.records, 'background_check');
  const populationQuery = `employment spells of ${types.join(', ')} in HR starting between ${ctx.period.from} and ${ctx.period.to} (and by ${ctx.asOf}); background checks matched by email, completed on or before the start and within ${validMonths} months of it`;
  if (all.length === 0) {
    return { populationQuery, items: [], exceptions: [], status: 'insufficient_evidence', notes: [`No background check records collected: add a ${BACKGROUND_CHECK_SOURCES.join(' or ')} source. Without them nothing shows whether new starters were screened.`] };
  }
  const index = byEmail(all);
  const items: PopulationItem[] = [];
  const exceptions: CheckException[] = [];
  const dayOf = (b: BackgroundCheckRecord) => (b.completedAt ? localDate(b.completedAt, ctx.timezone) : undefined);
  for (const person of people()) {
    const mine = recordsFor(person, index);
    for (const spell of person.spells) {
      const start = spell.start;
      if (!start || start < ctx.period.from || start > ctx.period.to || start > ctx.asOf || !spellInScope(spell, types)) continue;
      const hr = spell.rows.at(-1)!;
      const subject = subjectOf(spell);
      const itemId = `${hr.id}:${start}`;
      const floor = addMonths(start, -validMonths);
      const trace: TraceStep[] = [{ label: 'HR start date', at: start, detail: `${hr.name ?? subject} (${spell.workerTypes.join(' then ')}) started on ${start}`, citation: citationOf(hr) }];
      const done = mine.filter((b) => b.completed && dayOf(b)).sort((a, b) => (dayOf(a)! < dayOf(b)! ? -1 : 1));
      const before = done.filter((b) => dayOf(b)! <= start && dayOf(b)! >= floor).at(-1);
      const add = (rule: string, detail: string, cites: BackgroundCheckRecord[], at?: string) => exceptions.push({ rule, subject, detail, ...(at ? { at } : {}), citations: [citationOf(hr), ...cites.map(citationOf)], itemId });
      if (before) {
        trace.push({ label: 'background check completed', at: before.completedAt, detail: `${before.package ? `${before.package}, ` : ''}status ${before.status}, ${dayOf(before)}`, citation: citationOf(before) });
      } else {
        const after = done.find((b) => dayOf(b)! > start && (!spell.end || dayOf(b)! <= spell.end));
        const stale = done.filter((b) => dayOf(b)! < floor).at(-1);
        const open = mine.filter((b) => !b.completed);
        if (after) {
          trace.push({ label: 'background check completed after start', at: after.completedAt, detail: `status ${after.status}`, citation: citationOf(after) });
          add('background.after_start', `Started on ${start}; the background check was completed on ${dayOf(after)}, after the start.`, [after], after.completedAt);
        } else if (open.length > 0) {
          add('background.not_completed', `Started on ${start}; the background check is ${open[0].status} and was never completed by ${ctx.asOf}.`, open.slice(0, 1));
        } else if (stale) {
          add('background.expired', `Started on ${start}; the only completed check (${dayOf(stale)}) is more than ${validMonths} months before the start.`, [stale]);
        } else {
          add('background.missing', `Started on ${start}; no background check for ${subject} in the collected reports.`, []);
        }
      }
      items.push({ id: itemId, subject, at: start, trace });
    }
  }
  return { populationQuery, items, exceptions };
});

/**
 * Everyone of the worker types the workspace names (`workerTypes`, default employees) who
 * started in the period had a background check completed on or before their start date, and
 * not more than `validMonths` before it (a rehire after a long gap is screened again).
 */
export const backgroundCheckCheck: Check = {
  id: 'hr.background-check',
  title: 'Background checks completed before start',
  requires: ['person'],
  reads: ['person', 'access_event', 'background_check'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};
