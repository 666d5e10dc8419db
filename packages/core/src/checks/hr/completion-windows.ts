import { addDays, addMonths } from '../../time/index.js';
import type { EmploymentSpell } from './employment-spells.js';

/** Something a person completed on a calendar day (an acknowledgement, a course, a screening). */
export interface Completion<T> {
  /** The calendar day in the workspace timezone. */
  day: string;
  record: T;
}

/** How one deadline came out. */
export type WindowOutcome<T> =
  | { status: 'met'; first: Completion<T>; last: Completion<T> }
  | { status: 'late'; first: Completion<T> }
  | { status: 'missing' }
  /** The deadline is after the evidence date: nothing is owed yet. */
  | { status: 'not_due' }
  /** The person left before the deadline without completing: nothing was owed. */
  | { status: 'left'; end: string };

/** A deadline a person had to meet inside one employment spell. */
export interface Deadline<T> {
  /** `hire` (within N days of the start) or `renewal` (within N months of the last completion). */
  kind: 'hire' | 'renewal';
  /** The earliest day a completion counts for this deadline. */
  from: string;
  due: string;
  outcome: WindowOutcome<T>;
}

/**
 * Judges one window: the first completion on or after `from` and on or before `due` meets it;
 * one after `due` (while still employed) is late; with none, the deadline is not due yet, or
 * the person left before it, or it is missed.
 *
 * @example judgeWindow(done, '2026-03-02', '2026-04-01', '2026-09-30', undefined).status // 'met'
 */
export function judgeWindow<T>(done: readonly Completion<T>[], from: string, due: string, asOf: string, end: string | undefined): WindowOutcome<T> {
  const inWindow = done.filter((c) => c.day >= from && c.day <= due);
  if (inWindow.length > 0) return { status: 'met', first: inWindow[0], last: inWindow[inWindow.length - 1] };
  const late = done.find((c) => c.day > due && (!end || c.day <= end));
  if (late) return { status: 'late', first: late };
  if (end && end < due) return { status: 'left', end };
  if (due > asOf) return { status: 'not_due' };
  return { status: 'missing' };
}

export interface WindowRules {
  /** Calendar days after the start within which the first completion is due. */
  withinDays: number;
  /** Calendar months after each completion within which the next is due (0: once per spell). */
  renewMonths: number;
  /** Days before the start a completion still counts for this spell (onboarding before day one). */
  preStartDays: number;
}

/**
 * The deadlines of one employment spell: the first completion within `withinDays` of the start,
 * then one within `renewMonths` of each completion, up to `until`. A completion from an earlier
 * spell never counts for a later one (a rehire starts over). Completions must be sorted by day.
 *
 * @example spellDeadlines(spell, done, { withinDays: 30, renewMonths: 12, preStartDays: 14 }, '2026-09-30', '2026-09-30')
 */
export function spellDeadlines<T>(spell: EmploymentSpell, done: readonly Completion<T>[], rules: WindowRules, asOf: string, until: string): Deadline<T>[] {
  if (!spell.start) return [];
  const from = addDays(spell.start, -rules.preStartDays);
  const mine = done.filter((c) => c.day >= from && (!spell.end || c.day <= spell.end));
  const out: Deadline<T>[] = [];
  const hireDue = addDays(spell.start, rules.withinDays);
  const hire = judgeWindow(mine, from, hireDue, asOf, spell.end);
  out.push({ kind: 'hire', from, due: hireDue, outcome: hire });
  // A missed deadline restarts the clock at the deadline: the person still owes one a period later.
  let anchor = anchorOf(hire, hireDue);
  while (rules.renewMonths > 0 && anchor) {
    const due = addMonths(anchor, rules.renewMonths);
    if (due > until) break;
    const start = addDays(anchor, 1);
    const outcome = judgeWindow(mine, start, due, asOf, spell.end);
    out.push({ kind: 'renewal', from: start, due, outcome });
    anchor = anchorOf(outcome, due);
  }
  return out;
}

/** The day the clock restarts from: the latest completion that met the deadline, the late one, or a missed deadline. */
function anchorOf<T>(o: WindowOutcome<T>, due: string): string | undefined {
  return o.status === 'met' ? o.last.day : o.status === 'late' ? o.first.day : o.status === 'missing' ? due : undefined;
}
